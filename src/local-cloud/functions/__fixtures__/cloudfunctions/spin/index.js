// Blocks its thread for good when asked: a synchronous endless loop, the bug CloudBase ends by
// killing the instance at the timeout. Only the function-thread test calls it with `spin`.
exports.main = (event) => {
  if (event.spin) for (;;) { /* never returns */ }
  return { ok: true }
}
