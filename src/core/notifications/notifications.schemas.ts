/** Payload schemas of the notifications actions (what they answer: notifications.views.ts). */
import * as z from 'zod'
import { pageCursor, text } from '../shared/fields.schemas'
import { lazySchema } from '../shared/contract'
import { templateKeys } from './notify.ports'

/** Topics a user can mute (a kind's context). Must-reach and urgent notices ignore mutes. */
export const mutableTopics = ['community', 'service-card', 'classes', 'elder-care', 'volunteers', 'grid'] as const
export const topicLabels: Record<(typeof mutableTopics)[number], string> = {
  community: '社区通知',
  'service-card': '办事预约',
  classes: '四点半课堂',
  'elder-care': '居家养老',
  volunteers: '志愿服务',
  grid: '随手拍报事'
}

const cursor = lazySchema(() => pageCursor().optional())

export const inboxListInput = lazySchema(() => z.object({ cursor }))
export const unreadInput = lazySchema(() => z.object({}))
export const markReadInput = lazySchema(() =>
  z.union([z.object({ ids: z.array(z.string().min(1).max(300)).min(1).max(50) }), z.object({ all: z.literal(true) })])
)
export const templateIdsInput = lazySchema(() => z.object({ keys: z.array(z.enum(templateKeys)).min(1).max(3) }))
export const reportGrantsInput = lazySchema(() =>
  z.object({
    results: z
      .array(
        z.object({
          template: z.enum(templateKeys),
          // What wx.requestSubscribeMessage answered for the template.
          result: z.enum(['accept', 'reject', 'ban', 'filter'])
        })
      )
      .min(1)
      .max(3)
  })
)
export const prefsInput = lazySchema(() => z.object({}))
export const setPrefsInput = lazySchema(() =>
  z.object({ mutedTopics: z.array(z.enum(mutableTopics)).max(mutableTopics.length) })
)
export const outboxListInput = lazySchema(() => z.object({ cursor }))
export const followUpListInput = lazySchema(() =>
  z.object({ status: z.enum(['open', 'done']).default('open'), cursor })
)
export const followUpDoneInput = lazySchema(() =>
  z.object({ id: z.string().min(1).max(300), note: text().max(200).default('') })
)
export const broadcastInput = lazySchema(() =>
  z.object({
    /** Chosen by the app before the call, so it can show progress while the call runs. */
    id: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
    title: text().min(2, '标题至少2个字').max(40, '标题最多40个字'),
    body: text().min(2, '内容至少2个字').max(500, '内容最多500个字')
  })
)
export const broadcastAudienceInput = lazySchema(() => z.strictObject({}))
export const broadcastProgressInput = lazySchema(() => z.object({ id: z.string().min(1).max(100) }))

export type MutableTopic = (typeof mutableTopics)[number]
export type InboxListInput = z.output<typeof inboxListInput>
export type MarkReadInput = z.output<typeof markReadInput>
export type TemplateIdsInput = z.output<typeof templateIdsInput>
export type ReportGrantsInput = z.output<typeof reportGrantsInput>
export type SetPrefsInput = z.output<typeof setPrefsInput>
export type OutboxListInput = z.output<typeof outboxListInput>
export type FollowUpListInput = z.output<typeof followUpListInput>
export type FollowUpDoneInput = z.output<typeof followUpDoneInput>
export type BroadcastInput = z.output<typeof broadcastInput>
export type BroadcastProgressInput = z.output<typeof broadcastProgressInput>
