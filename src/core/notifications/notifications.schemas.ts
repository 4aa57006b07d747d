/** Payload schemas of the notifications actions, and the shapes the app reads back. */
import * as z from 'zod'
import { pageCursor, text } from '../shared/fields.schemas'
import { templateKeys } from './notify.port'

/** Topics a user can mute (a kind's context). Must-reach and urgent notices ignore mutes. */
export const mutableTopics = ['community', 'service-card', 'classes', 'elder-care', 'volunteers'] as const
export const topicLabels: Record<(typeof mutableTopics)[number], string> = {
  community: '社区通知',
  'service-card': '办事预约',
  classes: '四点半课堂',
  'elder-care': '居家养老',
  volunteers: '志愿服务'
}

const cursor = pageCursor().optional()

export const inboxListInput = z.object({ cursor })
export const unreadInput = z.object({})
export const markReadInput = z.union([
  z.object({ ids: z.array(z.string().min(1).max(300)).min(1).max(50) }),
  z.object({ all: z.literal(true) })
])
export const templateIdsInput = z.object({ keys: z.array(z.enum(templateKeys)).min(1).max(3) })
export const reportGrantsInput = z.object({
  results: z.array(z.object({
    template: z.enum(templateKeys),
    // What wx.requestSubscribeMessage answered for the template.
    result: z.enum(['accept', 'reject', 'ban', 'filter'])
  })).min(1).max(3)
})
export const prefsInput = z.object({})
export const setPrefsInput = z.object({ mutedTopics: z.array(z.enum(mutableTopics)).max(mutableTopics.length) })
export const outboxListInput = z.object({ cursor })
export const followUpListInput = z.object({ status: z.enum(['open', 'done']).default('open'), cursor })
export const followUpDoneInput = z.object({ id: z.string().min(1).max(300), note: text().max(200).default('') })
export const broadcastInput = z.object({
  /** Chosen by the app before the call, so it can show progress while the call runs. */
  id: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
  title: text().min(2, '标题至少2个字').max(40, '标题最多40个字'),
  body: text().min(2, '内容至少2个字').max(500, '内容最多500个字')
})
export const broadcastAudienceInput = z.strictObject({})
export const broadcastAudienceView = z.object({ people: z.number(), households: z.number() })
export const broadcastProgressInput = z.object({ id: z.string().min(1).max(100) })

export const inboxItemView = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  urgent: z.boolean(),
  createdAt: z.string(),
  read: z.boolean()
})
export type InboxItemView = z.infer<typeof inboxItemView>
export const inboxPage = z.object({ items: z.array(inboxItemView), cursor: z.string().nullable(), unread: z.number() })
export type InboxPage = z.infer<typeof inboxPage>

export const outboxItemView = z.object({
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
export type OutboxItemView = z.infer<typeof outboxItemView>
export const outboxPage = z.object({ items: z.array(outboxItemView), cursor: z.string().nullable() })

export const followUpView = z.object({
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
export type FollowUpView = z.infer<typeof followUpView>
export const followUpPage = z.object({ items: z.array(followUpView), cursor: z.string().nullable() })

export const broadcastView = z.object({ id: z.string(), total: z.number(), done: z.number(), finished: z.boolean() })
export type BroadcastView = z.infer<typeof broadcastView>
