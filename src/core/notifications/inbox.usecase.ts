/** My inbox (消息): newest first with the unread count, and marking items read. */
import type { Caller } from '../community/caller'
import type { Result } from '../shared/wire'
import { ok } from '../shared/wire'
import type { NotificationsDeps } from './notifications.ports'
import type { InboxListInput, MarkReadInput } from './notifications.schemas'
import type { InboxPage } from './notifications.views'

export async function inboxList(
  { store }: NotificationsDeps,
  input: InboxListInput,
  caller: Caller
): Promise<Result<InboxPage, never>> {
  const page = await store.inboxPage(caller.openId, input.cursor)
  return ok({
    items: page.items.map(i => ({
      id: i._id,
      kind: i.kind,
      title: i.title,
      body: i.body,
      link: i.link,
      urgent: i.urgent,
      createdAt: new Date(i.createdAt).toISOString(),
      read: i.readAt !== null
    })),
    cursor: page.cursor,
    // Of the whole inbox, not the page shown; read with the page (every request is billed; issue 19: a read ≤ 2).
    unread: page.unread
  })
}

export async function unreadCount(
  { store }: NotificationsDeps,
  _input: unknown,
  caller: Caller
): Promise<Result<{ count: number }, never>> {
  return ok({ count: await store.unreadCount(caller.openId) })
}

export async function markRead(
  { store, clock }: NotificationsDeps,
  input: MarkReadInput,
  caller: Caller
): Promise<Result<{ marked: number; unread: number }, never>> {
  // Only the caller's own items: nobody can touch another person's, whatever ids they send.
  const marked = await store.markRead(caller.openId, 'ids' in input ? input.ids : null, clock.now())
  return ok({ marked, unread: await store.unreadCount(caller.openId) })
}
