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
import type { Caller } from '../community/caller'
import type { Result } from '../shared/wire'
import { fail, ok } from '../shared/wire'
import type { BroadcastRecord, InboxItem } from './notification.model'
import { INBOX_KEEP_DAYS } from './notification.model'
import type { BroadcastDeps } from './notifications.ports'
import type { BroadcastInput, BroadcastProgressInput } from './notifications.schemas'
import type { BroadcastView } from './notifications.views'

const BATCH = 500
export const STALE_MS = 2 * 60_000

const messages = { NOT_FOUND: '没有找到这条记录' } as const

const progressOf = (b: BroadcastRecord): BroadcastView => ({
  id: b._id,
  total: b.total,
  done: b.done,
  finished: b.finished
})

/**
 * Who a notice would reach, for the preview staff confirm before sending: the people bound to a
 * household (each gets the inbox item) and how many households they make up.
 */
export async function broadcastAudience({
  broadcasts
}: BroadcastDeps): Promise<Result<{ people: number; households: number }, never>> {
  return ok(await broadcasts.audience())
}

export async function broadcastProgress(
  { broadcasts }: BroadcastDeps,
  input: BroadcastProgressInput
): Promise<Result<BroadcastView, 'NOT_FOUND'>> {
  const b = await broadcasts.get(input.id)
  return b ? ok(progressOf(b)) : fail('NOT_FOUND', messages.NOT_FOUND)
}

/** Starts the notice; a retried call (same id from the app) finds the first one and answers its progress. */
export async function broadcast(
  deps: BroadcastDeps,
  input: BroadcastInput,
  caller: Caller
): Promise<Result<BroadcastView, never>> {
  const { broadcasts, clock } = deps
  const now = clock.now()
  const record: BroadcastRecord = {
    _id: input.id,
    title: input.title,
    body: input.body,
    by: caller.openId,
    total: 0,
    done: 0,
    finished: false,
    cursor: '',
    createdAt: now,
    updatedAt: now
  }
  if (!(await broadcasts.create(record))) return ok(progressOf((await broadcasts.get(input.id))!))
  const total = await broadcasts.recipientCount()
  await broadcasts.setTotal(input.id, total)
  return ok(await fanOut(deps, { ...record, total }, caller.openId))
}

/** Writes the notice from the record's cursor on; stops if another run moved the cursor first. */
async function fanOut(
  { broadcasts, clock, audit }: BroadcastDeps,
  b: BroadcastRecord,
  actor: string
): Promise<BroadcastView> {
  const now = clock.now()
  const muted = await broadcasts.mutedOf('community')
  const expireAt = new Date(b.createdAt.getTime() + INBOX_KEEP_DAYS * 24 * 3600_000)
  let cursor = b.cursor ?? ''
  let done = b.done
  for (;;) {
    const users = await broadcasts.recipientsAfter(cursor, BATCH)
    if (users.length === 0) break
    const items: InboxItem[] = users.map(to => ({
      _id: `community.notice:${b._id}>${to}`,
      to,
      kind: 'community.notice',
      topic: 'community',
      title: b.title,
      body: b.body,
      link: null,
      urgent: false,
      createdAt: b.createdAt,
      readAt: muted.has(to) ? now : null,
      muted: muted.has(to),
      expireAt,
      mustReachBy: null,
      followUp: null
    }))
    await broadcasts.writeInbox(items)
    const next = users[users.length - 1]
    // Count and cursor move together, and only from where this run found them.
    if (!(await broadcasts.advance(b._id, cursor, { done: done + items.length, cursor: next, at: clock.now() }))) {
      return progressOf((await broadcasts.get(b._id)) ?? b)
    }
    done += items.length
    cursor = next
  }
  if (await broadcasts.finish(b._id, done, clock.now())) {
    await audit.record({
      actor,
      action: 'notifications.broadcast',
      target: `broadcasts/${b._id}`,
      data: { title: b.title, recipients: done }
    })
  }
  return { id: b._id, total: done, done, finished: true }
}

/** Minute-timer step: finishes notices whose run died (unmoved for STALE_MS), each taken over by one run. */
export async function resumeBroadcasts(deps: BroadcastDeps): Promise<number> {
  const now = deps.clock.now()
  const stale = await deps.broadcasts.stale(new Date(now.getTime() - STALE_MS), 5)
  let resumed = 0
  for (const b of stale) {
    // Claim: of two overlapping timer runs one moves updatedAt, and only it goes on.
    if (!(await deps.broadcasts.claim(b, now))) continue
    await fanOut(deps, b, 'system:notifications')
    resumed++
  }
  return resumed
}
