/** Staff: the subscribe messages the offline sender "sent", as WeChat would get them, by recipient's name. */
import type { Result } from '../shared/wire'
import { ok } from '../shared/wire'
import type { NotificationsDeps } from './notifications.ports'
import type { OutboxListInput } from './notifications.schemas'
import type { OutboxPage } from './notifications.views'
import { describeMessage } from './template-fields.rule'

export async function outboxList(
  { store, templates }: NotificationsDeps,
  input: OutboxListInput
): Promise<Result<OutboxPage, never>> {
  const page = await store.outboxPage(input.cursor)
  // Recipients by name: staff read "王秀兰", not an OPENID.
  const names = await store.userNames([...new Set(page.items.map(o => o.to))])
  return ok({
    items: page.items.map(o => ({
      id: o._id,
      to: o.to,
      toName: names.get(o.to) ?? null,
      kind: o.kind,
      templateId: o.templateId,
      page: o.page,
      at: new Date(o.at).toISOString(),
      ...describeMessage(templates, o.templateId, o.data)
    })),
    cursor: page.cursor
  })
}
