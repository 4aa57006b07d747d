/**
 * Record ids, one scheme for every context: `<prefix>-<time>-<counter>-<random>` (the prefix names
 * the kind, e.g. 'svc'; left out where the port takes none). Time first, so ids sort roughly by
 * creation and a page by _id reads in order; the per-process counter keeps two ids of one instant
 * apart; 48 random bits (node:crypto) keep two instances apart.
 */
import { randomBytes } from 'node:crypto'

let seq = 0

export function newId(prefix?: string): string {
  seq = (seq + 1) % 1_000_000
  const id = `${Date.now().toString(36)}-${seq.toString(36)}-${randomBytes(6).toString('hex')}`
  return prefix ? `${prefix}-${id}` : id
}
