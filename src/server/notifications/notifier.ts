/**
 * The NotifyPort every context calls (src/core/notifications/notify.ports.ts), over the database.
 *
 * `notify` writes the inbox item under a deterministic `_id`, so a repeated key tells nobody twice
 * (one insert wins). The item carries its push intent; nothing else is written on the caller's
 * path. Sending needs WeChat's open API, which only the `notifications` function is permitted to
 * call: its minute timer hands due intents to the delivery queue and sends it in the same run
 * (due-work.ts), and the inbox item is there at once.
 */
import type { Clock } from '../../core/shared/clock'
import type { Notice, NotifyPort } from '../../core/notifications/notify.ports'
import { pushNotBefore } from '../../core/notifications/quiet-hours.rule'
import { heedsMutes, isMuted } from '../../core/notifications/mutes.rule'
import type {
  FollowUpRecord,
  InboxItem,
  PrefsRecord,
  ReminderRecord,
  SettledCause
} from '../../core/notifications/notification.model'
import { deliveryId, followUpId, INBOX_KEEP_DAYS, topicOf } from '../../core/notifications/notification.model'
import { sayOf } from '../../core/notifications/follow-up.rule'
import type { Db } from '../db/client'
import { getById, insertIfAbsent } from '../db/client'

const DAY_MS = 24 * 3600_000

export function notifier(db: Db, clock: Clock): NotifyPort {
  return {
    async notify(notice) {
      await deliver(db, clock.now(), notice)
    },

    async schedule(notice, at) {
      const now = clock.now()
      const reminder: ReminderRecord = { _id: notice.key, notice, at, status: 'pending', createdAt: now }
      if (await insertIfAbsent(db, 'reminders', { ...reminder })) return
      // Scheduled before: move it, unless it already went.
      await db.collection('reminders').where({ _id: notice.key, status: 'pending' }).update({ notice, at })
    },

    async cancel(key) {
      await db.collection('reminders').where({ _id: key, status: 'pending' }).update({ status: 'cancelled' })
    },

    async settle(cause, note) {
      const now = clock.now()
      // The mark first, then the sweep: an entry added concurrently either sees the mark (and
      // closes itself, addFollowUp) or was stored before the mark and so before this sweep.
      await insertIfAbsent(db, 'follow_up_causes', { _id: cause, note, at: now } satisfies SettledCause)
      await Promise.all([
        closeSettled(db, { cause, status: 'open' }, note, now),
        // Unread items of the cause need no follow-up check any more.
        db.collection('inbox').where({ cause, followUp: 'due' }).update({ followUp: 'checked' })
      ])
    }
  }
}

async function closeSettled(db: Db, where: Record<string, unknown>, note: string, now: Date): Promise<void> {
  await db.collection('follow_ups').where(where).update({ status: 'done', doneBy: 'system:settled', doneAt: now, note })
}

/**
 * Puts someone on the phone follow-up list, once per `_id` (one per person and cause), unless
 * the cause is already settled. true when the entry was added and stays open.
 */
export async function addFollowUp(db: Db, entry: FollowUpRecord): Promise<boolean> {
  const cause = entry.cause ?? null
  if (cause && (await getById<SettledCause>(db, 'follow_up_causes', cause))) return false
  if (!(await insertIfAbsent(db, 'follow_ups', { ...entry }))) return false
  // Settled between the check and the insert: settle's sweep may have run before the insert.
  const settled = cause ? await getById<SettledCause>(db, 'follow_up_causes', cause) : null
  if (!settled) return true
  await closeSettled(db, { _id: entry._id, status: 'open' }, settled.note, new Date(settled.at))
  return false
}

/** Writes one notice (shared by `notify` and the reminder timer). true when it was new. */
export async function deliver(db: Db, now: Date, notice: Notice): Promise<boolean> {
  const id = deliveryId(notice.key, notice.to)
  if (typeof notice.to !== 'string') {
    // Not a user: no inbox, no WeChat. Only a phone call reaches them.
    const entry: FollowUpRecord = {
      _id: followUpId(id, notice.to, notice.cause, notice.to.phone),
      openId: null,
      name: notice.to.name,
      phone: notice.to.phone,
      say: sayOf(notice.title, notice.body),
      kind: notice.kind,
      reason: 'phone-only',
      cause: notice.cause ?? null,
      urgent: notice.urgent === true,
      dueAt: now,
      gridId: null,
      status: 'open',
      createdAt: now,
      doneBy: null,
      doneAt: null,
      note: null
    }
    return await addFollowUp(db, entry)
  }

  const urgent = notice.urgent === true
  const mustReach = notice.mustReachBy instanceof Date
  // Read only when they can hold it back: not for an SOS, a must-reach notice or a reply (mutes.rule.ts).
  const prefs = heedsMutes(notice) ? await getById<PrefsRecord>(db, 'notify_prefs', notice.to) : null
  const muted = isMuted(notice, prefs?.mutedTopics ?? null)
  // The push rides on the item (one write on the caller's path); the minute job hands it to the
  // delivery queue where a grant is there then (due-work.ts queuePushes). Muted: never pushed.
  const template = muted ? undefined : notice.template
  const item: InboxItem = {
    _id: id,
    to: notice.to,
    kind: notice.kind,
    topic: topicOf(notice.kind),
    title: notice.title,
    body: notice.body,
    link: notice.link ?? null,
    urgent,
    createdAt: now,
    readAt: muted ? now : null,
    muted,
    expireAt: new Date(now.getTime() + INBOX_KEEP_DAYS * DAY_MS),
    mustReachBy: notice.mustReachBy ?? null,
    followUp: mustReach ? 'due' : null,
    cause: notice.cause ?? null,
    push: template ? { template, when: notice.when, place: notice.place, status: notice.status } : null,
    pushState: template ? 'due' : null,
    pushAt: template ? pushNotBefore(now, urgent || notice.reply === true) : null
  }
  // Told before (the same key again: a retried call, a re-run timer): the first item, with its
  // push intent, stands; nobody is told twice and nothing is queued here.
  return await insertIfAbsent(db, 'inbox', { ...item })
}
