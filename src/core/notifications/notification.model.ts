/**
 * The notifications context's stored records. `_id`s are deterministic so "once per notice"
 * holds under retries: an inbox item and its delivery share `${notice.key}>${recipient}`.
 */
import type { DeliveryStatus } from './delivery.rule'
import type { Notice, TemplateKey } from './notify.ports'

/** Inbox items are kept this long, then removed by the timer. */
export const INBOX_KEEP_DAYS = 180

export interface InboxItem {
  _id: string
  to: string
  kind: string
  /** The kind's context (`classes` of `classes.waitlist-offer`): what a user mutes. */
  topic: string
  title: string
  body: string
  link: string | null
  urgent: boolean
  createdAt: Date
  readAt: Date | null
  /** The user muted this topic: kept in the inbox, not counted as unread, never pushed. */
  muted: boolean
  expireAt: Date
  mustReachBy: Date | null
  /** Must-reach items wait as 'due' until the follow-up check has looked at them. */
  followUp: 'due' | 'checked' | null
  /** Notice.cause: settling it stops this item from reaching the follow-up list. */
  cause?: string | null
  /** The subscribe message this item may still become; absent or null: inbox only. */
  push?: PushIntent | null
  /**
   * 'due' until the minute job has handed the push on (a delivery queued where a grant is there
   * then, else nothing); 'done' after. Absent or null: nothing to push.
   */
  pushState?: 'due' | 'done' | null
  /** Not before this instant (quiet hours); the minute job picks due items by it. */
  pushAt?: Date | null
}

/** What a subscribe message needs beyond the item's own title, body and link. */
export interface PushIntent {
  template: TemplateKey
  when?: Date
  place?: string
  status?: string
}

/** A subscribe message waiting to go (or gone): one per inbox item at most. */
export interface DeliveryRecord {
  _id: string
  to: string
  kind: string
  template: TemplateKey
  /** What the message says, so the sender needs nothing else. */
  notice: Pick<Notice, 'title' | 'body' | 'when' | 'place' | 'status' | 'link'>
  status: DeliveryStatus
  attempts: number
  /** Not before this instant (quiet hours, backoff). */
  notBefore: Date
  createdAt: Date
  updatedAt: Date
  sentAt: Date | null
  lastError: string | null
}

/** How many one-time grants a user has left for a template (subscribe-message budget). */
export interface GrantRecord {
  _id: string
  openId: string
  template: TemplateKey
  count: number
  updatedAt: Date
}

export interface ReminderRecord {
  _id: string
  notice: Notice
  at: Date
  status: 'pending' | 'sending' | 'sent' | 'cancelled'
  createdAt: Date
}

/** Someone staff must phone: a must-reach notice that reached nobody, or a phone-only contact. */
export interface FollowUpRecord {
  _id: string
  /** OPENID when the person is a user. */
  openId: string | null
  name: string
  phone: string | null
  /** What to tell them. */
  say: string
  kind: string
  reason: 'unreached' | 'phone-only'
  /** Notice.cause; with it the entry's `_id` is one per person and cause (followUpId). */
  cause?: string | null
  urgent: boolean
  dueAt: Date
  gridId: string | null
  status: 'open' | 'done'
  createdAt: Date
  doneBy: string | null
  doneAt: Date | null
  note: string | null
}

export interface PrefsRecord {
  _id: string
  mutedTopics: string[]
  updatedAt: Date
}

/** A community notice (社区通知) fanned out to every household's inbox, with its progress. */
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

/** What the offline sender "sent": the subscribe message exactly as WeChat would get it. */
export interface OutboxRecord {
  _id: string
  to: string
  kind: string
  templateId: string
  page: string | null
  data: Record<string, { value: string }>
  at: Date
}

export const recipientId = (to: Notice['to']): string => (typeof to === 'string' ? to : `tel:${to.phone}`)
export const deliveryId = (key: string, to: Notice['to']): string => `${key}>${recipientId(to)}`
/** A cause settled: its follow-up entries are closed and no new ones are added (`follow_up_causes`). */
export interface SettledCause {
  _id: string
  note: string
  at: Date
}

/**
 * One follow-up entry per person and cause: the person is their phone number when known (a
 * family member alerted both in the app and as a phone contact is one call), else their OPENID.
 * Without a cause, one per notice and person (the inbox item's `_id`, deliveryId) as before.
 */
export const followUpId = (
  noticeId: string,
  to: Notice['to'],
  cause: string | null | undefined,
  phone: string | null
): string => (cause ? `${cause}>${phone ? `tel:${phone}` : recipientId(to)}` : noticeId)
export const topicOf = (kind: string): string => kind.split('.')[0]
