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
import type { ElderProfile, ProxyLink } from './elder-care.model'
import type { ActingCase, ActingCaseQuery, ElderCareDeps, ElderCase } from './elder-care.ports'

export interface Acting {
  elder: ElderProfile
  actor: 'elder' | 'proxy' | 'staff'
  proxy: boolean
  name: string
}

/** Whether to look for the caller's own elder profile: only an elder has one to act on. */
const isElder = (caller: Caller): boolean => caller.roles.includes('elder')

/** The elder record of the caller themself, if they are an elder. */
export async function ownElder(
  deps: Pick<ElderCareDeps, 'people' | 'elders'>,
  caller: Caller
): Promise<ElderProfile | null> {
  if (!isElder(caller)) return null
  const user = await deps.people.user(caller.openId)
  return user?.memberId ? await deps.elders.elderByMember(user.memberId) : null
}

/**
 * Whether the caller is this elder herself, from the member her own account names (ReadersCase's readerMemberId): what
 * ownElder finds, without reading it again.
 */
export function readsAsOwn(caller: Caller, readerMemberId: string | null, elder: ElderProfile | null): boolean {
  return isElder(caller) && readerMemberId !== null && elder?.memberId === readerMemberId
}

/** Who acts for whom, with the elder as read (and what was read along with her), and the proxy link when by one. */
export type ActingWith = Acting & { case: ElderCase; link: ProxyLink | null }

/**
 * Who may act for which elder, decided over what ElderStore.actingCase read: the caller's own profile (an elder), or,
 * naming none, her one active proxy link (a proxy for exactly one elder need not say which); naming one, her own, a
 * consented proxy's (an active link), or staff's. Everyone else is refused.
 */
export function actingIn(
  found: ActingCase,
  caller: Caller,
  elderId: string | undefined
): Result<ActingWith, 'NOT_FOUND' | 'FORBIDDEN'> {
  const name = caller.name ?? ''
  const own = isElder(caller) ? found.own : null
  if (elderId === undefined) {
    if (own) return ok({ elder: own.elder, case: own, actor: 'elder', proxy: false, name, link: null })
    const links = found.links.filter(l => l.link.active)
    const only = links.length === 1 ? links[0] : null
    if (only?.elder)
      return ok({ elder: only.elder.elder, case: only.elder, actor: 'proxy', proxy: true, name, link: only.link })
    return fail('NOT_FOUND', '没有找到老人档案，请联系社区登记')
  }
  const named = found.named?.elder
  if (!named) return fail('NOT_FOUND', '没有找到这位老人的档案')
  const elder = named.elder
  if (own?.elder._id === elder._id) return ok({ elder, case: named, actor: 'elder', proxy: false, name, link: null })
  const link = found.named?.link ?? null
  if (link?.active) return ok({ elder, case: named, actor: 'proxy', proxy: true, name, link })
  if (hasAnyRole(caller, policies.staff))
    return ok({ elder, case: named, actor: 'staff', proxy: false, name, link: null })
  return fail('FORBIDDEN', '您没有权限为这位老人办理')
}

/** The caller's case in one read: her own profile only when she is an elder (ActingCaseQuery). */
export async function actingCaseOf(
  deps: Pick<ElderCareDeps, 'elders'>,
  caller: Caller,
  elderId?: string,
  along?: ActingCaseQuery['along']
): Promise<ActingCase> {
  return await deps.elders.actingCase({ userId: caller.openId, own: isElder(caller), elderId, along })
}

/** actingIn over one read of the store, with `along` what the action shows of the elder (ActingCaseQuery). */
export async function actingWith(
  deps: Pick<ElderCareDeps, 'elders'>,
  caller: Caller,
  elderId: string | undefined,
  along?: ActingCaseQuery['along']
): Promise<Result<ActingWith, 'NOT_FOUND' | 'FORBIDDEN'>> {
  return actingIn(await actingCaseOf(deps, caller, elderId, along), caller, elderId)
}

export async function actingFor(
  deps: Pick<ElderCareDeps, 'elders'>,
  caller: Caller,
  elderId: string | undefined
): Promise<Result<Acting, 'NOT_FOUND' | 'FORBIDDEN'>> {
  const res = await actingWith(deps, caller, elderId)
  if (!res.ok) return res
  // Only who acts: the rest stays out of what a use case may spread into a record.
  const { elder, actor, proxy, name } = res.value
  return ok({ elder, actor, proxy, name })
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
