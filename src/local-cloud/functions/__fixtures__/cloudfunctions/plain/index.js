// A synchronous main.
exports.main = (event) => {
  if (event.kind === 'undefined') return undefined
  if (event.kind === 'date') return { at: new Date(0) }
  if (event.kind === 'bigint') return { n: BigInt(1) }
  return { sum: event.a + event.b }
}
