/**
 * Capacity counters that know who holds their seats (a term's seats, a hall slot's, a task role's
 * places). The counter alone can't survive a failure between taking a seat and recording whose it
 * is: after a lost answer nobody can tell whether the seat was taken, so a retry takes a second
 * one, and a function cut off after the decrement leaks the seat for good. With the holder's id
 * in the same document, in the same conditional update:
 * - taking is idempotent: a holder already listed takes nothing more (a retry after a lost answer
 *   learns the seat is its own);
 * - giving back is idempotent: only a listed holder's seat is given back, once;
 * - a sweep can compare the holders with the records and finish or undo what was left half-done.
 * Each call is still ONE conditional update of one document (`updated === 1` decides), so the
 * oversell race stays closed: the database checks `counter > 0` and decrements in one step.
 */
import type { SeatTake } from '../../core/shared/half-done'
import type { Db } from './client'
import { getById, updatedOf } from './client'

export interface SeatCounter {
  collection: string
  /** The counter document. */
  id: string
  /** The counter's field (dotted for a nested one: `slotsLeft.help`). */
  counter: string
  /** The holders' array field (dotted likewise). */
  holders: string
}

const valueAt = (doc: unknown, dotted: string): unknown =>
  dotted
    .split('.')
    .reduce<unknown>(
      (v, k) => (typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[k] : undefined),
      doc
    )

/** The holders listed on the counter document ([] when it or the list is missing). */
export async function seatHolders(db: Db, seat: SeatCounter): Promise<string[]> {
  const list = valueAt(await getById(db, seat.collection, seat.id), seat.holders)
  return Array.isArray(list) ? (list as string[]) : []
}

/**
 * Takes one seat for `holder` if one is free and `where` (extra conditions on the counter document)
 * holds. `fresh`: the holder was made by this call and so holds no seat yet: a refusal is final
 * without reading the holders.
 */
export async function takeSeatFor(
  db: Db,
  seat: SeatCounter,
  holder: string,
  where: Record<string, unknown> = {},
  fresh = false
): Promise<SeatTake> {
  const _ = db.command
  const res = await db
    .collection(seat.collection)
    .where({ ...where, _id: seat.id, [seat.counter]: _.gt(0), [seat.holders]: _.neq(holder) })
    .update({ [seat.counter]: _.inc(-1), [seat.holders]: _.addToSet(holder) })
  if (updatedOf(res) === 1) return 'taken'
  if (fresh) return false
  return (await seatHolders(db, seat)).includes(holder) ? 'held' : false
}

/** Gives `holder`'s seat back; false when it held none (already given back: a retry, a sweep). */
export async function releaseSeatOf(db: Db, seat: SeatCounter, holder: string): Promise<boolean> {
  const _ = db.command
  return (
    updatedOf(
      await db
        .collection(seat.collection)
        .where({ _id: seat.id, [seat.holders]: holder })
        .update({ [seat.counter]: _.inc(1), [seat.holders]: _.pull(holder) })
    ) === 1
  )
}
