/** Invite codes (邀请码): what they look like and when one can still be used. */
import type { InviteRecord } from './staff.model'

/** No 0/O, 1/I/L: read aloud or copied from a screen by an elderly colleague without mistakes. */
export const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'
export const CODE_LENGTH = 8
export const DEFAULT_INVITE_DAYS = 7

/** A code from `randomInts` (each 0..2^32-1); the server passes crypto-random numbers. */
export function codeFrom(randomInts: readonly number[]): string {
  if (randomInts.length < CODE_LENGTH) throw new Error('not enough random numbers for a code')
  return randomInts
    .slice(0, CODE_LENGTH)
    .map(n => CODE_ALPHABET[n % CODE_ALPHABET.length])
    .join('')
}

/** What people type: lower case, spaces, dashes. */
export function normaliseCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]/g, '')
}

export type InviteState = 'usable' | 'used' | 'expired'

export function inviteState(invite: Pick<InviteRecord, 'usedBy' | 'expiresAt'>, now: Date): InviteState {
  if (invite.usedBy) return 'used'
  if (new Date(invite.expiresAt).getTime() <= now.getTime()) return 'expired'
  return 'usable'
}
