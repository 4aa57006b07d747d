/**
 * Open SOS calls across the street's communities (issue 20), for the street office (街道管理员, 街道社工): where a
 * call is, when it was pressed, how far the ladder went and who answered, newest first. Only the minimum: the elder's
 * name masked, no door, phone or contacts (those are for the community's responders, on their desk). Read-only: the
 * ladder is the communities' own (their staff's desks and the timer run it); reading never moves it.
 */
import type { Caller } from '../community/caller'
import { maskName } from '../community/mask-name'
import type { Page } from '../shared/page'
import type { Result } from '../shared/wire'
import { ok } from '../shared/wire'
import type { StreetSos, StreetSosRow } from './elder-care.ports'
import type { StreetSosView } from './elder-care.views'
import { sosStateLabels } from './sos.usecase'

const view = ({ call, communityId, communityName, gridName }: StreetSosRow): StreetSosView => ({
  id: call._id,
  communityId,
  communityName,
  gridName,
  elderName: maskName(call.elderName),
  state: call.state,
  stateLabel: sosStateLabels[call.state],
  pressedAt: call.pressedAt,
  proxy: call.proxy,
  lastStep: call.steps.length > 0 ? call.steps[call.steps.length - 1].label : null,
  steps: call.steps.length,
  ackBy: call.ackBy ? { name: call.ackBy.name, at: call.ackBy.at } : null
})

export async function streetSos(
  deps: { streetSos: StreetSos },
  input: { cursor: string | null },
  caller: Caller
): Promise<Result<Page<StreetSosView>, never>> {
  const page = await deps.streetSos.openPage(input.cursor)
  // Audited where the calls are: each community's admins see in their own log that the street read its calls.
  const shown = new Map<string, number>()
  for (const row of page.items) shown.set(row.communityId, (shown.get(row.communityId) ?? 0) + 1)
  for (const [communityId, calls] of shown) {
    await deps.streetSos.audit(communityId, {
      actor: caller.openId,
      action: 'elder-care.read-street-sos',
      target: 'sos_calls',
      reason: '街道查看各社区未结束的紧急呼叫（姓名已遮挡）',
      data: { calls }
    })
  }
  return ok({ items: page.items.map(view), cursor: page.cursor })
}
