/**
 * 电话回访名单: the people a must-reach notice did not reach, for staff to phone (grid workers:
 * their own grid), and ticking one off.
 */
import type { Caller } from '../community/caller'
import { hasAnyRole } from '../community/caller'
import { maskPhone } from '../community/mask-phone'
import { policies } from '../community/roles'
import type { Result } from '../shared/wire'
import { fail, ok } from '../shared/wire'
import type { FollowUpRecord } from './notification.model'
import type { NotificationsDeps } from './notifications.ports'
import type { FollowUpDoneInput, FollowUpListInput } from './notifications.schemas'
import type { FollowUpPage } from './notifications.views'

export const messages = {
  NOT_FOUND: '没有找到这条记录',
  NOT_YOURS: '这条记录不在您负责的网格内'
} as const

export async function followUps(
  { store }: NotificationsDeps,
  input: FollowUpListInput,
  caller: Caller
): Promise<Result<FollowUpPage, never>> {
  const filter = hasAnyRole(caller, policies.staff)
    ? { status: input.status }
    : { status: input.status, gridId: caller.gridId }
  const page = await store.followUpPage(filter, input.cursor)
  // The people on this list have to be phoned: the number is shown in full, to these roles only.
  return ok({
    items: page.items.map(f => ({
      id: f._id,
      name: f.name,
      phone: f.phone,
      say: f.say,
      urgent: f.urgent,
      reason: f.reason,
      dueAt: new Date(f.dueAt).toISOString(),
      status: f.status,
      note: f.note
    })),
    cursor: page.cursor
  })
}

export async function followUpDone(
  { store, clock, audit }: NotificationsDeps,
  input: FollowUpDoneInput,
  caller: Caller
): Promise<Result<{ id: string; status: 'done' }, 'NOT_FOUND' | 'FORBIDDEN'>> {
  const entry = await store.followUp(input.id)
  if (!entry) return fail('NOT_FOUND', messages.NOT_FOUND)
  if (!mayHandle(caller, entry)) return fail('FORBIDDEN', messages.NOT_YOURS)
  // Only an open entry is ticked off; a second tick (two staff at once) changes nothing and is not audited.
  if (await store.closeFollowUp(input.id, { by: caller.openId, at: clock.now(), note: input.note || null })) {
    await audit.record({
      actor: caller.openId,
      action: 'notifications.follow-up-done',
      target: `follow_ups/${input.id}`,
      reason: input.note || undefined,
      data: { phone: entry.phone ? maskPhone(entry.phone) : null }
    })
  }
  return ok({ id: input.id, status: 'done' })
}

function mayHandle(caller: Caller, entry: FollowUpRecord): boolean {
  return hasAnyRole(caller, policies.staff) || (entry.gridId !== null && entry.gridId === caller.gridId)
}
