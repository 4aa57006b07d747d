const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

/**
 * A fresh id for one user intent. Create it when the user acts and pass the same id to every
 * retry of that call: the server answers a repeated id with the first call's result
 * (design.md, "The wire"). Shape matches wireRequestSchema: 8–64 of [A-Za-z0-9_-].
 */
export function newRequestId(): string {
  const bytes = randomBytes(16)
  let random = ''
  for (const b of bytes) random += ALPHABET[b % ALPHABET.length]
  return `${Date.now().toString(36)}-${random}`
}

function randomBytes(n: number): Uint8Array {
  const out = new Uint8Array(n)
  const c = (globalThis as { crypto?: { getRandomValues?: (a: Uint8Array) => Uint8Array } }).crypto
  if (c?.getRandomValues) return c.getRandomValues(out)
  // The mini-program JS engine has no WebCrypto; the id needs uniqueness, not secrecy.
  for (let i = 0; i < n; i++) out[i] = Math.floor(Math.random() * 256)
  return out
}
