// Records each run so the timer test can look at the events it got.
exports.runs = []
exports.main = async (event, context) => {
  exports.runs.push({ event, environ: context.environ })
  return { ok: true }
}
