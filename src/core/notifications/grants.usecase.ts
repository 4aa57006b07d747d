/**
 * The subscribe-grant ledger (订阅消息授权): the template ids the app asks WeChat about, and what
 * the person chose, counted so a subscribe message goes only while a grant is left.
 */
import type { Caller } from '../community/caller'
import type { Result } from '../shared/wire'
import { ok } from '../shared/wire'
import type { NotificationsDeps } from './notifications.ports'
import type { ReportGrantsInput, TemplateIdsInput } from './notifications.schemas'
import type { TemplateKey } from './notify.ports'

export async function templateIds(
  { templates }: NotificationsDeps,
  input: TemplateIdsInput
): Promise<Result<{ templateIds: Partial<Record<TemplateKey, string>> }, never>> {
  return ok({ templateIds: Object.fromEntries(input.keys.map(k => [k, templates[k].id])) })
}

/** Idempotent by requestId (the contract): a retried report does not count the same taps twice. */
export async function reportGrants(
  { store, clock }: NotificationsDeps,
  input: ReportGrantsInput,
  caller: Caller
): Promise<Result<{ grants: Partial<Record<TemplateKey, number>> }, never>> {
  const now = clock.now()
  const grants: Partial<Record<TemplateKey, number>> = {}
  for (const { template, result } of input.results) {
    if (result === 'accept') await store.addGrant(caller.openId, template, now)
    // The user switched this template off in WeChat's settings: nothing we hold is usable.
    else if (result === 'ban') await store.clearGrants(caller.openId, template, now)
    grants[template] = await store.grantsLeft(caller.openId, template)
  }
  return ok({ grants })
}
