/** Collections of the notifications context (see src/core/notifications/notification.model.ts). */
import type { CollectionSpec } from '../db/collection-spec'

export const notificationsCollections: CollectionSpec[] = [
  {
    name: 'inbox',
    indexes: [
      { name: 'to_createdAt', keys: { to: 1, createdAt: -1 } },
      { name: 'to_readAt', keys: { to: 1, readAt: 1 } },
      // A person's own inbox across the street (issue 20: a volunteer told about another community's task reads it at
      // home): the inbox page, the unread count and marking read go by `to` in every community.
      { name: 'to_createdAt_street', keys: { to: 1, createdAt: -1 }, street: true },
      { name: 'to_readAt_street', keys: { to: 1, readAt: 1 }, street: true },
      { name: 'followUp_mustReachBy', keys: { followUp: 1, mustReachBy: 1 } },
      { name: 'cause_followUp', keys: { cause: 1, followUp: 1 } },
      { name: 'expireAt', keys: { expireAt: 1 } },
      // the minute job's due pushes (due-work.ts queuePushes)
      { name: 'pushState_pushAt', keys: { pushState: 1, pushAt: 1 } }
    ]
  },
  { name: 'deliveries', indexes: [{ name: 'status_notBefore', keys: { status: 1, notBefore: 1 } }] },
  // `${openId}:${template}`: how many one-time subscribe grants are left. The person's WeChat consent, street-wide
  // (issue 20): a community the volunteer serves in reaches them with the grants they gave wherever they gave them.
  { name: 'grants', street: true, indexes: [{ name: 'openId', keys: { openId: 1 } }] },
  { name: 'reminders', indexes: [{ name: 'status_at', keys: { status: 1, at: 1 } }] },
  {
    name: 'follow_ups',
    indexes: [
      { name: 'status_dueAt', keys: { status: 1, dueAt: 1 } },
      { name: 'gridId', keys: { gridId: 1, status: 1 } },
      { name: 'cause_status', keys: { cause: 1, status: 1 } }
    ]
  },
  // `_id` = a settled cause (notify.ports settle): no follow-up entry is added for it any more
  { name: 'follow_up_causes', indexes: [] },
  { name: 'notify_prefs', indexes: [] },
  // offline only: what the WeChat sender would have sent
  { name: 'outbox', indexes: [{ name: 'at', keys: { at: -1 } }] },
  // community notices fanned out to every household (progress shown to staff)
  { name: 'broadcasts', indexes: [{ name: 'createdAt', keys: { createdAt: -1 } }] }
]
