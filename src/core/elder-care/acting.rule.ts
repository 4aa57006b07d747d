/**
 * Who is acting for which elder: the elder themself, a family proxy with recorded consent
 * (every proxy action is labelled 家属代办), or staff. Everyone else is refused. And who of them
 * sees the elder's door and phone (PIPL: only those who need them, only while they do).
 */
import type { Caller } from '../community/caller'
import { hasAnyRole } from '../community/caller'
import { policies } from '../community/roles'
import type { Result } from '../shared/wire'
import { fail, ok } from '../shared/wire'
import type { CareActor, CareRequestState } from './care-request.machine'
import type { ElderProfile } from './elder-care.model'
import type { ElderCareDeps } from './elder-care.ports'

export interface Acting {
  elder: ElderProfile
  actor: 'elder' | 'proxy' | 'staff'
  proxy: boolean
  name: string
}

/** The elder record of the caller themself, if they are an elder. */
export async function ownElder(
  deps: Pick<ElderCareDeps, 'people' | 'elders'>,
  caller: Caller
): Promise<ElderProfile | null> {
  if (!caller.roles.includes('elder')) return null
  const user = await deps.people.user(caller.openId)
  return user?.memberId ? await deps.elders.elderByMember(user.memberId) : null
}

export async function actingFor(
  deps: Pick<ElderCareDeps, 'people' | 'elders'>,
  caller: Caller,
  elderId: string | undefined
): Promise<Result<Acting, 'NOT_FOUND' | 'FORBIDDEN'>> {
  const name = caller.name ?? ''
  if (elderId === undefined) {
    const own = await ownElder(deps, caller)
    if (own) return ok({ elder: own, actor: 'elder', proxy: false, name })
    // A proxy for exactly one elder need not say which.
    const links = (await deps.elders.proxiesOfUser(caller.openId)).filter(l => l.active)
    if (links.length === 1) {
      const elder = await deps.elders.elder(links[0].elderId)
      if (elder) return ok({ elder, actor: 'proxy', proxy: true, name })
    }
    return fail('NOT_FOUND', '没有找到老人档案，请联系社区登记')
  }
  const elder = await deps.elders.elder(elderId)
  if (!elder) return fail('NOT_FOUND', '没有找到这位老人的档案')
  const own = await ownElder(deps, caller)
  if (own?._id === elder._id) return ok({ elder, actor: 'elder', proxy: false, name })
  const link = await deps.elders.proxyLink(elder._id, caller.openId)
  if (link?.active) return ok({ elder, actor: 'proxy', proxy: true, name })
  if (hasAnyRole(caller, policies.staff)) return ok({ elder, actor: 'staff', proxy: false, name })
  return fail('FORBIDDEN', '您没有权限为这位老人办理')
}

/** `1栋1单元101` → `1栋1单元`: the door number is for those who need it. */
export function maskDoor(door: string, room: string): string {
  return room && door.endsWith(room) ? door.slice(0, door.length - room.length) : door.replace(/\d+$/, '')
}

/**
 * The assigned helper sees the full address and phone only from acceptance until the visit
 * closes (check-out); the elder and their proxy always see their own; everyone else masked.
 */
export function seesFullAddress(actor: CareActor, state: CareRequestState): boolean {
  if (actor === 'elder' || actor === 'proxy') return true
  if (actor === 'helper') return state === 'accepted' || state === 'in_service'
  return false
}
