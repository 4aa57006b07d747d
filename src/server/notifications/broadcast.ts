/**
 * A community notice (社区通知) into the inbox of every user bound to a household, written in
 * batches of 500 with progress on the broadcast record (the app polls it). Inbox only: a notice to
 * everyone would spend everybody's subscribe grants on something they can read later.
 *
 * Resumable: the record keeps a cursor (the last user written), advanced with the count by one
 * conditional update per batch. A function that dies half-way leaves the record unfinished and
 * unchanged for minutes; the minute timer takes it over (one conditional claim) and goes on from
 * the cursor. A batch the dead run wrote but did not count is written again item by item, and
 * items that exist are skipped, so no household gets the notice twice and none is left out.
 */
import type { Caller } from '../../core/community/caller'
import type { UserRecord } from '../../core/community/community.model'
import type { InboxItem, PrefsRecord } from '../../core/notifications/notification.model'
import { INBOX_KEEP_DAYS } from '../../core/notifications/notification.model'
import type { BroadcastView } from '../../core/notifications/notifications.views'
import type { AuditPort } from '../../core/shared/audit'
import type { Clock } from '../../core/shared/clock'
import type { Db } from '../db/client'
import { countWhere, dataOf, getById, insertIfAbsent, updatedOf } from '../db/client'

export interface BroadcastRecord {
  _id: string
  title: string
  body: string
  by: string
  total: number
  done: number
  finished: boolean
  /** `_id` of the last user whose inbox item is written and counted ('' before the first batch). */
  cursor?: string
  createdAt: Date
  /** Moved by every batch: a record unmoved for STALE_MS belongs to a run that died. */
  updatedAt?: Date
}

export interface BroadcastDeps { db: Db, clock: Clock, audit: AuditPort }

const BATCH = 500
export const STALE_MS = 2 * 60_000

export const broadcastView = (b: BroadcastRecord): BroadcastView => ({ id: b._id, total: b.total, done: b.done, finished: b.finished })

const recipients = (db: Db): Record<string, unknown> => ({ householdId: db.command.neq(null) })

/**
 * Who a notice would reach, for the preview staff confirm before sending: the people bound to a
 * household (each gets the inbox item) and how many households they make up (one aggregation
 * grouping by household, so a family of four counts once).
 */
export async function broadcastAudience (db: Db): Promise<{ people: number, households: number }> {
  const people = await countWhere(db, 'users', recipients(db))
  const grouped = await db.collection('users').aggregate()
    .match(recipients(db))
    .group({ _id: '$householdId' })
    .count('households')
    .limit(1) // one row; set, as every aggregate here, rather than rely on the platform's default page
    .end() as { data?: Array<{ households: number }> }
  return { people, households: grouped.data?.[0]?.households ?? 0 }
}

/** Starts the notice; a retried call (same id from the app) finds the first one and answers its progress. */
export async function broadcast (deps: BroadcastDeps, input: { id: string, title: string, body: string }, caller: Caller): Promise<BroadcastView> {
  const { db, clock } = deps
  const now = clock.now()
  const record: BroadcastRecord = { _id: input.id, title: input.title, body: input.body, by: caller.openId, total: 0, done: 0, finished: false, cursor: '', createdAt: now, updatedAt: now }
  if (!(await insertIfAbsent(db, 'broadcasts', { ...record }))) {
    return broadcastView((await getById<BroadcastRecord>(db, 'broadcasts', input.id))!)
  }
  const total = await countWhere(db, 'users', recipients(db))
  await db.collection('broadcasts').doc(input.id).update({ total })
  return await fanOut(deps, { ...record, total }, caller.openId)
}

/** Writes the notice from the record's cursor on; stops if another run moved the cursor first. */
async function fanOut ({ db, clock, audit }: BroadcastDeps, b: BroadcastRecord, actor: string): Promise<BroadcastView> {
  const _ = db.command
  const now = clock.now()
  const mutedRows = await db.collection('notify_prefs').where({ mutedTopics: 'community' }).limit(1000).get()
  const muted = new Set(dataOf<PrefsRecord>(mutedRows).map(p => p._id))
  const expireAt = new Date(b.createdAt.getTime() + INBOX_KEEP_DAYS * 24 * 3600_000)
  let cursor = b.cursor ?? ''
  let done = b.done
  for (;;) {
    const users = dataOf<Pick<UserRecord, '_id'>>(await db.collection('users').where({ ...recipients(db), _id: _.gt(cursor) }).orderBy('_id', 'asc').field({ _id: true }).limit(BATCH).get())
    if (users.length === 0) break
    const items: InboxItem[] = users.map(u => ({
      _id: `community.notice:${b._id}>${u._id}`,
      to: u._id,
      kind: 'community.notice',
      topic: 'community',
      title: b.title,
      body: b.body,
      link: null,
      urgent: false,
      createdAt: b.createdAt,
      readAt: muted.has(u._id) ? now : null,
      muted: muted.has(u._id),
      expireAt,
      mustReachBy: null,
      followUp: null
    }))
    await writeItems(db, items)
    const next = users[users.length - 1]._id
    // Count and cursor move together, and only from where this run found them.
    if (updatedOf(await db.collection('broadcasts').where({ _id: b._id, cursor }).update({ done: done + items.length, cursor: next, updatedAt: clock.now() })) !== 1) {
      return broadcastView((await getById<BroadcastRecord>(db, 'broadcasts', b._id)) ?? b)
    }
    done += items.length
    cursor = next
  }
  if (updatedOf(await db.collection('broadcasts').where({ _id: b._id, finished: false }).update({ done, total: done, finished: true, updatedAt: clock.now() })) === 1) {
    await audit.record({ actor, action: 'notifications.broadcast', target: `broadcasts/${b._id}`, data: { title: b.title, recipients: done } })
  }
  return { id: b._id, total: done, done, finished: true }
}

/** One batch insert; if some items exist (a run died after writing them), item by item. */
async function writeItems (db: Db, items: InboxItem[]): Promise<void> {
  try {
    const res = await db.collection('inbox').add(items) as { code?: string }
    if (!res?.code) return
  } catch { /* a duplicate fails the whole batch: fall through */ }
  for (const item of items) await insertIfAbsent(db, 'inbox', { ...item })
}

/** Minute-timer step: finishes notices whose run died (unmoved for STALE_MS), each taken over by one run. */
export async function resumeBroadcasts (deps: BroadcastDeps): Promise<number> {
  const { db, clock } = deps
  const _ = db.command
  const now = clock.now()
  const stale = dataOf<BroadcastRecord>(await db.collection('broadcasts').where({ finished: false, updatedAt: _.lte(new Date(now.getTime() - STALE_MS)) }).limit(5).get())
  let resumed = 0
  for (const b of stale) {
    // Claim: of two overlapping timer runs one moves updatedAt, and only it goes on.
    if (updatedOf(await db.collection('broadcasts').where({ _id: b._id, finished: false, updatedAt: b.updatedAt }).update({ updatedAt: now })) !== 1) continue
    await fanOut(deps, b, 'system:notifications')
    resumed++
  }
  return resumed
}
