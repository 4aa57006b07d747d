/** What the notifications actions answer (notifications.contract.ts), as the app reads it. */
import * as z from 'zod'
import { pageSchema } from '../shared/page'
import { lazySchema } from '../shared/contract'
import { mutableTopics } from './notifications.schemas'
import { templateKeys } from './notify.ports'

export const inboxItemView = lazySchema(() =>
  z.object({
    id: z.string(),
    kind: z.string(),
    title: z.string(),
    body: z.string(),
    link: z.string().nullable(),
    urgent: z.boolean(),
    createdAt: z.string(),
    read: z.boolean()
  })
)
export type InboxItemView = z.infer<typeof inboxItemView>
/** A page of my inbox, with how many are unread in all. */
export const inboxPage = lazySchema(() => pageSchema(inboxItemView).extend({ unread: z.number() }))
export type InboxPage = z.infer<typeof inboxPage>

export const outboxItemView = lazySchema(() =>
  z.object({
    id: z.string(),
    to: z.string(),
    toName: z.string().nullable(),
    kind: z.string(),
    templateId: z.string(),
    /** 预约/报名结果…: the template in words. */
    templateName: z.string(),
    page: z.string().nullable(),
    /** Each field with what it holds (时间, 地点…) and its filled value. */
    fields: z.array(z.object({ key: z.string(), label: z.string(), value: z.string() })),
    at: z.string()
  })
)
export type OutboxItemView = z.infer<typeof outboxItemView>
export const outboxPage = lazySchema(() => pageSchema(outboxItemView))
export type OutboxPage = z.infer<typeof outboxPage>

export const followUpView = lazySchema(() =>
  z.object({
    id: z.string(),
    name: z.string(),
    phone: z.string().nullable(),
    say: z.string(),
    urgent: z.boolean(),
    reason: z.enum(['unreached', 'phone-only']),
    dueAt: z.string(),
    status: z.enum(['open', 'done']),
    note: z.string().nullable()
  })
)
export type FollowUpView = z.infer<typeof followUpView>
export const followUpPage = lazySchema(() => pageSchema(followUpView))
export type FollowUpPage = z.infer<typeof followUpPage>

export const broadcastView = lazySchema(() =>
  z.object({ id: z.string(), total: z.number(), done: z.number(), finished: z.boolean() })
)
export type BroadcastView = z.infer<typeof broadcastView>

/** Who a notice would reach now (the preview staff confirm). */
export const broadcastAudienceView = lazySchema(() => z.object({ people: z.number(), households: z.number() }))

export const unreadView = lazySchema(() => z.object({ count: z.number().int().nonnegative() }))
export const markReadView = lazySchema(() =>
  z.object({ marked: z.number().int().nonnegative(), unread: z.number().int().nonnegative() })
)
/** The WeChat template id of each key asked for. */
export const templateIdsView = lazySchema(() =>
  z.object({ templateIds: z.partialRecord(z.enum(templateKeys), z.string()) })
)
/** Grants left per template after the report. */
export const grantsView = lazySchema(() =>
  z.object({ grants: z.partialRecord(z.enum(templateKeys), z.number().int().nonnegative()) })
)
export const prefsView = lazySchema(() =>
  z.object({
    mutedTopics: z.array(z.enum(mutableTopics)),
    topics: z.array(z.object({ key: z.enum(mutableTopics), label: z.string() }))
  })
)
export type PrefsView = z.infer<typeof prefsView>
export const followUpDoneView = lazySchema(() => z.object({ id: z.string(), status: z.literal('done') }))
