/**
 * What the `notifications` function's minute timer does, in order: scheduled reminders that are
 * due become notices; inbox items whose push is due are handed to the delivery queue (where a
 * grant is there); queued subscribe messages whose time came are sent; must-reach notices past
 * their deadline that reached nobody go on the phone follow-up list; inbox items past 180 days go;
 * a community notice whose run died half-way is finished (broadcast.ts).
 * Each step is safe to run twice at once (two timer runs overlapping, or a run retried): every
 * record is claimed by a conditional update before it is acted on.
 */
import type { Clock } from '../../core/shared/clock'
import type {
  DeliveryRecord,
  FollowUpRecord,
  GrantRecord,
  InboxItem,
  ReminderRecord
} from '../../core/notifications/notification.model'
import { followUpId } from '../../core/notifications/notification.model'
import { nextStep } from '../../core/notifications/delivery.rule'
import { reached, sayOf } from '../../core/notifications/follow-up.rule'
import type { SubscribeSender } from '../../core/notifications/sender.ports'
import type { TemplateKey } from '../../core/notifications/notify.ports'
import type { TemplateSpec } from '../../core/notifications/template-fields.rule'
import { templateData } from '../../core/notifications/template-fields.rule'
import type { UserRecord } from '../../core/community/community.model'
import type { Db } from '../db/client'
import { dataOf, getById, insertIfAbsent, updatedOf as updated } from '../db/client'
import { addFollowUp, deliver } from './notifier'
import { auditWriter } from '../audit'
import { resumeBroadcasts } from './broadcast'

export interface DueWorkDeps {
  db: Db
  clock: Clock
  sender: SubscribeSender
  templates: Record<TemplateKey, TemplateSpec>
  /** Records handled per step per run; the rest wait for the next minute. */
  batch?: number
}

export interface DueWorkReport {
  reminders: number
  /** Inbox items whose push went to the delivery queue (a grant was there). */
  queued: number
  sent: number
  retried: number
  notSent: number
  followUps: number
  expired: number
  /** Community notices taken over from a run that died. */
  broadcastsResumed: number
}

const removed = (res: unknown): number => Number((res as { deleted?: number }).deleted ?? 0)

export async function runDueWork(deps: DueWorkDeps): Promise<DueWorkReport> {
  const report: DueWorkReport = {
    reminders: 0,
    queued: 0,
    sent: 0,
    retried: 0,
    notSent: 0,
    followUps: 0,
    expired: 0,
    broadcastsResumed: 0
  }
  await sendReminders(deps, report)
  // After the reminders (their items are due at once), before the sending: a push goes out in the
  // same minute tick its notice was written in, as when the caller queued it.
  await queuePushes(deps, report)
  await sendDeliveries(deps, report)
  await checkFollowUps(deps, report)
  await expireInbox(deps, report)
  report.broadcastsResumed = await resumeBroadcasts({
    db: deps.db,
    clock: deps.clock,
    audit: auditWriter(deps.db, deps.clock)
  })
  return report
}

async function sendReminders({ db, clock, batch = 100 }: DueWorkDeps, report: DueWorkReport): Promise<void> {
  const _ = db.command
  const now = clock.now()
  const due = await db
    .collection('reminders')
    .where({ status: 'pending', at: _.lte(now) })
    .orderBy('at', 'asc')
    .limit(batch)
    .get()
  for (const r of due.data as ReminderRecord[]) {
    // deliver() is itself once-per-key, so a run that dies between the two lines repeats safely.
    await deliver(db, now, reviveDates(r.notice))
    if (
      updated(await db.collection('reminders').where({ _id: r._id, status: 'pending' }).update({ status: 'sent' })) ===
      1
    )
      report.reminders++
  }
}

/**
 * Hands a batch of due push intents (notifier.ts) to the delivery queue: one query for the items,
 * one for their grants, a delivery inserted only where a grant is there now (the sender consumes
 * it, conditionally, when it sends), then the batch's intents marked done by one conditional
 * update. A run that stops anywhere in between leaves the intents due, and the next run repeats
 * it: the delivery's `_id` is the item's, inserted once, so nobody gets the push twice; an item
 * read meanwhile is not pushed any more (it reached the person), though a delivery already queued goes.
 */
async function queuePushes({ db, clock, batch = 100 }: DueWorkDeps, report: DueWorkReport): Promise<void> {
  const _ = db.command
  const now = clock.now()
  const items = dataOf<InboxItem>(
    await db
      .collection('inbox')
      .where({ pushState: 'due', pushAt: _.lte(now) })
      .orderBy('pushAt', 'asc')
      .limit(batch)
      .get()
  )
  if (items.length === 0) return
  const grantIdOf = (i: InboxItem): string => `${i.to}:${i.push?.template ?? ''}`
  const grants = dataOf<GrantRecord>(
    await db
      .collection('grants')
      .where({ _id: _.in([...new Set(items.map(grantIdOf))]) })
      .limit(batch)
      .get()
  )
  const left = new Map(grants.map(g => [g._id, g.count]))
  for (const item of items) {
    const push = item.push
    if (!push || item.readAt !== null || (left.get(grantIdOf(item)) ?? 0) <= 0) continue
    const createdAt = new Date(item.createdAt)
    const delivery: DeliveryRecord = {
      _id: item._id,
      to: item.to,
      kind: item.kind,
      template: push.template,
      notice: {
        title: item.title,
        body: item.body,
        when: push.when,
        place: push.place,
        status: push.status,
        link: item.link ?? undefined
      },
      status: 'pending',
      attempts: 0,
      notBefore: new Date(item.pushAt ?? createdAt),
      createdAt,
      updatedAt: createdAt,
      sentAt: null,
      lastError: null
    }
    if (await insertIfAbsent(db, 'deliveries', { ...delivery })) report.queued++
  }
  // Only intents still due: of two overlapping runs, the second changes nothing.
  await db
    .collection('inbox')
    .where({ _id: _.in(items.map(i => i._id)), pushState: 'due' })
    .update({ pushState: 'done' })
}

async function sendDeliveries(
  { db, clock, sender, templates, batch = 100 }: DueWorkDeps,
  report: DueWorkReport
): Promise<void> {
  const _ = db.command
  const now = clock.now()
  const due = await db
    .collection('deliveries')
    .where({ status: 'pending', notBefore: _.lte(now) })
    .orderBy('notBefore', 'asc')
    .limit(batch)
    .get()
  for (const d of due.data as DeliveryRecord[]) {
    // Claim first: of two overlapping runs only one moves it to 'sending', so it goes once.
    if (
      updated(
        await db
          .collection('deliveries')
          .where({ _id: d._id, status: 'pending' })
          .update({ status: 'sending', updatedAt: now })
      ) !== 1
    )
      continue
    const grantId = `${d.to}:${d.template}`
    // One grant per message, taken by a conditional decrement: two messages can't share one grant.
    if (
      updated(
        await db
          .collection('grants')
          .where({ _id: grantId, count: _.gt(0) })
          .update({ count: _.inc(-1), updatedAt: now })
      ) !== 1
    ) {
      await db.collection('deliveries').doc(d._id).update({ status: 'no_grant', updatedAt: now })
      report.notSent++
      continue
    }
    const spec = templates[d.template]
    const attempts = d.attempts + 1
    const outcome = await sender.send({
      id: d._id,
      to: d.to,
      kind: d.kind,
      templateId: spec.id,
      page: d.notice.link ?? null,
      data: templateData(spec, { to: d.to, kind: d.kind, key: d._id, ...reviveDates(d.notice) })
    })
    const step = nextStep(outcome, attempts, now)
    const lastError = outcome.ok
      ? null
      : (outcome.errmsg ?? ('errcode' in outcome ? String(outcome.errcode) : 'unknown'))
    if (step.status === 'sent') {
      await db
        .collection('deliveries')
        .doc(d._id)
        .update({ status: 'sent', attempts, sentAt: now, updatedAt: now, lastError })
      report.sent++
      continue
    }
    if (step.status === 'no_grant') {
      // 43101: WeChat holds no subscription for this user and template, whatever we counted.
      await db.collection('grants').doc(grantId).update({ count: 0, updatedAt: now })
    } else if (step.status !== 'unknown') {
      // WeChat did not deliver, so the grant was not used: give it back.
      await db
        .collection('grants')
        .doc(grantId)
        .update({ count: _.inc(1), updatedAt: now })
    }
    if (step.status === 'pending') {
      await db
        .collection('deliveries')
        .doc(d._id)
        .update({ status: 'pending', attempts, notBefore: step.retryAt, updatedAt: now, lastError })
      report.retried++
    } else {
      await db.collection('deliveries').doc(d._id).update({ status: step.status, attempts, updatedAt: now, lastError })
      report.notSent++
    }
  }
}

async function checkFollowUps({ db, clock, batch = 100 }: DueWorkDeps, report: DueWorkReport): Promise<void> {
  const _ = db.command
  const now = clock.now()
  const due = await db
    .collection('inbox')
    .where({ followUp: 'due', mustReachBy: _.lte(now) })
    .limit(batch)
    .get()
  for (const item of due.data as InboxItem[]) {
    if (
      updated(
        await db.collection('inbox').where({ _id: item._id, followUp: 'due' }).update({ followUp: 'checked' })
      ) !== 1
    )
      continue
    const delivery = await getById<DeliveryRecord>(db, 'deliveries', item._id)
    if (reached(item.readAt, delivery?.status ?? null)) continue
    const user = await getById<UserRecord>(db, 'users', item.to)
    const entry: FollowUpRecord = {
      _id: followUpId(item._id, item.to, item.cause, user?.phone ?? null),
      openId: item.to,
      name: user?.name ?? '未登记用户',
      phone: user?.phone ?? null,
      say: sayOf(item.title, item.body),
      kind: item.kind,
      reason: 'unreached',
      cause: item.cause ?? null,
      urgent: item.urgent,
      dueAt: now,
      gridId: user?.gridId ?? null,
      status: 'open',
      createdAt: now,
      doneBy: null,
      doneAt: null,
      note: null
    }
    if (await addFollowUp(db, entry)) report.followUps++
  }
}

async function expireInbox({ db, clock }: DueWorkDeps, report: DueWorkReport): Promise<void> {
  const _ = db.command
  report.expired += removed(
    await db
      .collection('inbox')
      .where({ expireAt: _.lt(clock.now()) })
      .remove()
  )
}

/** Dates stored inside a nested object come back as Dates from CloudBase, but be sure. */
function reviveDates<T extends { when?: Date | string; mustReachBy?: Date | string }>(
  n: T
): T & { when?: Date; mustReachBy?: Date } {
  const out = { ...n } as T & { when?: Date; mustReachBy?: Date }
  if (n.when !== undefined && n.when !== null) out.when = new Date(n.when)
  if (n.mustReachBy !== undefined && n.mustReachBy !== null) out.mustReachBy = new Date(n.mustReachBy)
  return out
}
