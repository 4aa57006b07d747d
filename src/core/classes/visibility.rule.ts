/**
 * Who may see a child's record (PIPL: children's data only to those who need it): the child's
 * guardians (the one who registered the child and the co-guardians they invited), the tutors of a session the child is
 * in on that day, and staff. Nobody else, and
 * the answer for "exists but not yours" is the same as for "doesn't exist".
 */
import type { Caller } from '../community/caller'
import { hasAnyRole } from '../community/caller'
import { policies } from '../community/roles'
import type { ChildRecord, SessionRecord } from './class.model'

export function isClassStaff(caller: Pick<Caller, 'roles'>): boolean {
  return hasAnyRole(caller, policies.staff)
}

type Guardians = Pick<ChildRecord, 'guardianUserId' | 'coGuardianUserIds'>

export function isGuardianOf(caller: Pick<Caller, 'openId'>, child: Guardians): boolean {
  return (
    (child.guardianUserId !== null && child.guardianUserId === caller.openId) ||
    (child.coGuardianUserIds ?? []).includes(caller.openId)
  )
}

/** Everyone to tell about the child: the registering guardian first, then the co-guardians. */
export function guardiansOf(child: Guardians): string[] {
  return [
    ...new Set(
      [child.guardianUserId, ...(child.coGuardianUserIds ?? [])].filter(
        (id): id is string => typeof id === 'string' && id !== ''
      )
    )
  ]
}

/**
 * `todaysSessionsOfChild`: sessions on the caller's today of terms where the child holds a seat.
 */
export function maySeeChild(
  caller: Pick<Caller, 'openId' | 'roles'>,
  child: Guardians,
  todaysSessionsOfChild: ReadonlyArray<Pick<SessionRecord, 'tutorIds' | 'status'>>
): boolean {
  if (isClassStaff(caller) || isGuardianOf(caller, child)) return true
  return todaysSessionsOfChild.some(s => s.status === 'scheduled' && s.tutorIds.includes(caller.openId))
}

/** A guardian sees the pickup codes; a tutor sees who may collect, never the codes. */
export function pickupListFor<T extends { code: string }>(
  caller: Pick<Caller, 'openId'>,
  child: Guardians,
  adults: readonly T[]
): Array<Omit<T, 'code'> & { code?: string }> {
  if (isGuardianOf(caller, child)) return adults.map(a => ({ ...a }))
  return adults.map(({ code: _code, ...rest }) => rest)
}
