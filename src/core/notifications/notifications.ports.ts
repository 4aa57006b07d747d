/**
 * What the notifications use cases need from storage (src/server/notifications/
 * notifications.repository.ts). Each method is one guarded read or write; the repository says
 * which race each conditional write closes.
 */
import type { AuditPort } from '../shared/audit'
import type { Clock } from '../shared/clock'
import type { Page } from '../shared/page'
import type { BroadcastRecord, FollowUpRecord, InboxItem, OutboxRecord, PrefsRecord } from './notification.model'
import type { TemplateKey } from './notify.ports'
import type { TemplateSpec } from './template-fields.rule'

export interface NotificationsStore {
  /** `to`'s inbox, newest first, with how many items of the whole inbox are unread. */
  inboxPage: (to: string, cursor?: string) => Promise<Page<InboxItem> & { unread: number }>
  unreadCount: (to: string) => Promise<number>
  /** Marks `to`'s unread items read: those of `ids`, or all (null). Answers how many changed. */
  markRead: (to: string, ids: string[] | null, at: Date) => Promise<number>
  /** One more one-time grant of `template` (a tap on "allow"). */
  addGrant: (openId: string, template: TemplateKey, at: Date) => Promise<void>
  /** No grant of `template` left (the user switched it off in WeChat's settings). */
  clearGrants: (openId: string, template: TemplateKey, at: Date) => Promise<void>
  grantsLeft: (openId: string, template: TemplateKey) => Promise<number>
  prefs: (openId: string) => Promise<PrefsRecord | null>
  savePrefs: (prefs: PrefsRecord) => Promise<void>
  /** What the offline sender "sent", newest first. */
  outboxPage: (cursor?: string) => Promise<Page<OutboxRecord>>
  /** Users' names by `_id` (at most one page's worth of ids). */
  userNames: (ids: string[]) => Promise<Map<string, string>>
  /** The follow-up list of one status, latest `dueAt` first; `gridId` narrows it to one grid. */
  followUpPage: (
    filter: { status: FollowUpRecord['status']; gridId?: string | null },
    cursor?: string
  ) => Promise<Page<FollowUpRecord>>
  followUp: (id: string) => Promise<FollowUpRecord | null>
  /** Ticks off an open entry; false when it was not open (done already by someone else). */
  closeFollowUp: (id: string, close: { by: string; at: Date; note: string | null }) => Promise<boolean>
}

/** The broadcast record, its recipients and their inbox items (broadcast.usecase.ts). */
export interface BroadcastStore {
  /** Creates the record unless one with its `_id` exists (a retried call): false then. */
  create: (record: BroadcastRecord) => Promise<boolean>
  get: (id: string) => Promise<BroadcastRecord | null>
  setTotal: (id: string, total: number) => Promise<void>
  /** Users bound to a household: who a notice reaches. */
  recipientCount: () => Promise<number>
  /** Those users and how many households they make up (a family of four counts once), in one query. */
  audience: () => Promise<{ people: number; households: number }>
  /** The next `limit` recipients' `_id`s after `after`, in `_id` order. */
  recipientsAfter: (after: string, limit: number) => Promise<string[]>
  /** Users who muted `topic`. */
  mutedOf: (topic: string) => Promise<Set<string>>
  /** Writes the items; one that exists already (a dead run wrote it) is skipped, not doubled. */
  writeInbox: (items: InboxItem[]) => Promise<void>
  /** Moves count and cursor together, only from `fromCursor`: false when another run moved them first. */
  advance: (id: string, fromCursor: string, to: { done: number; cursor: string; at: Date }) => Promise<boolean>
  /** Marks it finished; false when another run finished it first. */
  finish: (id: string, done: number, at: Date) => Promise<boolean>
  /** Unfinished records unmoved since `before` (their run died). */
  stale: (before: Date, limit: number) => Promise<BroadcastRecord[]>
  /** Takes a stale record over: of two runs, only the one that moves `updatedAt` first goes on. */
  claim: (b: BroadcastRecord, at: Date) => Promise<boolean>
}

export interface BroadcastDeps {
  broadcasts: BroadcastStore
  clock: Clock
  audit: AuditPort
}

export interface NotificationsDeps extends BroadcastDeps {
  store: NotificationsStore
  templates: Record<TemplateKey, TemplateSpec>
}
