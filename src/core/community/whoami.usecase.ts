import type { CallInfo, Result } from '../shared/wire'
import { ok } from '../shared/wire'
import type { Caller } from './caller'
import type { CommunityRecord } from './community.model'
import type { Whoami } from './home.schemas'
import type { WhoamiInput } from './community.schemas'
import type { StreetDeps } from './street.ports'
import type { StreetWhoami } from './street.schemas'
import { isReady, switchableCommunities, UNNAMED_COMMUNITY } from './street.rule'
import { choiceOf } from './street.usecase'

export function whoamiOf(caller: Caller): Whoami {
  return { registered: caller.registered, name: caller.name, roles: [...caller.roles] }
}

/** What the router's read of the caller joined for whoami (community.actions.ts, streetJoin). */
export interface JoinedStreet {
  communities?: CommunityRecord[]
}

/**
 * The caller as the server knows them (an unknown OPENID is simply not registered yet), the community this call
 * acts in and the ones they may switch to (issue 20). The street's communities come joined to the router's read of
 * the caller (one request in all); a caller with no record yet has nothing to join to, so they are read here.
 */
export async function whoami(
  deps: Pick<StreetDeps, 'street'>,
  _input: WhoamiInput,
  caller: Caller,
  call: CallInfo = { requestId: null }
): Promise<Result<StreetWhoami, never>> {
  const joined = (call.joined as JoinedStreet | undefined)?.communities
  const street = (joined ?? (await deps.street.all())).filter(isReady).map(choiceOf)
  const here = street.find(c => c.id === caller.communityId) ?? { id: caller.communityId, name: UNNAMED_COMMUNITY }
  const standing = { home: caller.homeCommunityId, elsewhere: caller.staffIn ?? [], roles: caller.roles }
  return ok({
    ...whoamiOf(caller),
    community: here,
    switchable: caller.registered ? switchableCommunities(standing, street) : [],
    streetSize: street.length
  })
}
