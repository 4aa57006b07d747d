// Not in cloudbaserc.json: held to CloudBase's default timeout of 3 s.
exports.main = async (event) => {
  await new Promise((resolve) => setTimeout(resolve, event.ms))
  return { slept: event.ms }
}
