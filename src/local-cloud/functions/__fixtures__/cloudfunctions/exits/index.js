// Says which thread ran it, or ends that thread on request: what a function calling
// process.exit does to the function thread. Only the function-thread test calls it with `exit`.
const { threadId } = require('node:worker_threads')

exports.main = async (event) => {
  if (event.exit) {
    setTimeout(() => process.exit(7), 20)
    await new Promise(() => {}) // never answers: the exit ends it
  }
  return { threadId }
}
