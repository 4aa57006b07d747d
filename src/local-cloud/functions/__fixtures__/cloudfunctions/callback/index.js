// Callback-style main (three parameters).
exports.main = (event, context, callback) => {
  setTimeout(() => {
    if (event.fail) callback(new Error('callback boom'))
    else callback(null, { via: 'callback', name: context.function_name })
  }, 5)
}
