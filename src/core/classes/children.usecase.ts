/** Children and consent (儿童登记与监护人同意), and who may collect them. */
import type { Caller } from '../community/caller'
import type { Result } from '../shared/wire'
import { fail, ok } from '../shared/wire'
import type { ChildRecord, ConsentRecord, PickupAdult } from './class.model'
import { CONSENT_PURPOSE, CONSENT_VERSION } from './class.model'
import { classMessages } from './class.errors'
import type { RegisterChildInput } from './class.schemas'
import type { ClassesDeps } from './classes.ports'
import type { ClassesResult } from './classes.contract'
import type { ChildView, GuardianEntry } from './classes.views'
import { MAX_PICKUP_ADULTS, newPickupCode } from './pickup.rule'
import { shanghaiDate } from '../shared/shanghai-time'
import { guardiansOf, isClassStaff, isGuardianOf, maySeeChild, pickupListFor } from './visibility.rule'

/** The child's guardians with their names, for the guardians themselves; nobody else gets the list. */
function guardianList(
  c: ChildRecord,
  caller: Pick<Caller, 'openId'>,
  nameOf: (userId: string) => string | null
): GuardianEntry[] {
  if (!isGuardianOf(caller, c)) return []
  return guardiansOf(c).map(userId => ({
    userId,
    name: nameOf(userId) ?? '家人',
    registered: userId === c.guardianUserId,
    me: userId === caller.openId
  }))
}

/** guardianList with each guardian's name read from their user record. */
async function guardianEntries(
  deps: ClassesDeps,
  c: ChildRecord,
  caller: Pick<Caller, 'openId'>
): Promise<GuardianEntry[]> {
  if (!isGuardianOf(caller, c)) return []
  const ids = guardiansOf(c)
  const names = new Map(await Promise.all(ids.map(async id => [id, await deps.store.userName(id)] as const)))
  return guardianList(c, caller, id => names.get(id) ?? null)
}

function childView(c: ChildRecord, caller: Pick<Caller, 'openId'>, guardians: GuardianEntry[] = []): ChildView {
  const guardian = isGuardianOf(caller, c)
  return {
    guardians,
    registeredByMe: c.guardianUserId === caller.openId,
    childId: c._id,
    name: c.name,
    school: c.school,
    grade: c.grade,
    allergies: c.allergies ?? '',
    notes: c.notes ?? '',
    // Emergency numbers: the guardian and staff/tutors on the day need them in full to call.
    emergencyContacts: c.emergencyContacts ?? [],
    pickupAdults: pickupListFor(caller, c, c.pickupAdults ?? []).map(a =>
      guardian ? a : { adultId: a.adultId, name: a.name, relation: a.relation }
    )
  }
}

export async function registerChild(
  deps: ClassesDeps,
  input: RegisterChildInput,
  caller: Caller
): Promise<ClassesResult<'registerChild'>> {
  const now = deps.clock.now()
  const childId = `child-${deps.newId()}`
  const consent: ConsentRecord = {
    _id: `consent-${childId}`,
    kind: 'child-record',
    subjectId: childId,
    guardianMemberId: null,
    guardianUserId: caller.openId,
    purpose: CONSENT_PURPOSE,
    version: CONSENT_VERSION,
    grantedAt: now
  }
  // The registering guardian is the first authorised adult, with their own pickup code.
  const self: PickupAdult = {
    adultId: 'a1',
    name: caller.name ?? '监护人',
    relation: '监护人',
    code: newPickupCode([], deps.random)
  }
  const child: ChildRecord = {
    _id: childId,
    memberId: null,
    householdId: caller.householdId,
    gridId: caller.gridId,
    name: input.name,
    grade: input.grade,
    school: input.school,
    guardianMemberId: null,
    guardianUserId: caller.openId,
    consentId: consent._id,
    allergies: input.allergies,
    notes: input.notes,
    emergencyContacts: input.emergencyContacts,
    pickupAdults: [self],
    pickupRev: 0,
    createdAt: now
  }
  await deps.store.insertChild(child, consent)
  await deps.audit.record({
    actor: caller.openId,
    action: 'classes.register-child',
    target: `children/${childId}`,
    reason: `监护人同意（${CONSENT_VERSION}）`,
    data: { consentId: consent._id }
  })
  return ok(childView(child, caller, await guardianEntries(deps, child, caller)))
}

/** The guardian's own children, with their pickup codes and who manages each (one query). */
export async function myChildren(
  deps: ClassesDeps,
  _input: unknown,
  caller: Caller
): Promise<ClassesResult<'myChildren'>> {
  const children = await deps.store.familyChildren(caller.openId)
  // A family has a handful of children: one page always holds them.
  const items = children.slice(0, 20).map(({ child, guardianNames }) =>
    childView(
      child,
      caller,
      guardianList(child, caller, id => guardianNames[id] ?? null)
    )
  )
  return ok({ items, cursor: null })
}

/**
 * One child's page: for its guardians, who may collect it (with the codes) and who manages it; for
 * staff and the tutors of a session it is in today (Shanghai), the same without the codes, audited.
 */
export async function childDetail(
  deps: ClassesDeps,
  input: { childId: string },
  caller: Caller
): Promise<ClassesResult<'childDetail'>> {
  const found = await deps.store.childWithSessions(input.childId, shanghaiDate(deps.clock.now()))
  // Same answer for "not yours" as for "no such child": nobody learns another family's children exist.
  if (!found || !maySeeChild(caller, found.child, found.sessions)) return fail('NOT_FOUND', classMessages.NOT_FOUND)
  const { child, guardianNames } = found
  if (!isGuardianOf(caller, child)) {
    // A staff or tutor read of a child's health notes and contacts is audited (PIPL).
    await deps.audit.record({
      actor: caller.openId,
      action: 'classes.read-child',
      target: `children/${child._id}`,
      reason: isClassStaff(caller) ? '社工查看' : '当天辅导老师查看'
    })
  }
  return ok(
    childView(
      child,
      caller,
      guardianList(child, caller, id => guardianNames[id] ?? null)
    )
  )
}

async function guardiansChild(deps: ClassesDeps, childId: string, caller: Caller): Promise<ChildRecord | null> {
  const child = await deps.store.child(childId)
  return child && isGuardianOf(caller, child) ? child : null
}

/** A change of the list is retried on a fresh read this often when someone else's change landed first. */
const PICKUP_ATTEMPTS = 5

/**
 * Applies `change` to the child's pickup list by compare-and-set, re-reading and re-applying it
 * when another change landed in between (the list is short and changes are rare, so a few
 * attempts always settle it).
 */
async function changePickupList<C extends string>(
  deps: ClassesDeps,
  childId: string,
  caller: Caller,
  change: (adults: PickupAdult[]) => Result<PickupAdult[], C>
): Promise<Result<ChildRecord, C | 'NOT_FOUND' | 'PICKUP_LIST_BUSY'>> {
  for (let attempt = 0; attempt < PICKUP_ATTEMPTS; attempt++) {
    const child = await guardiansChild(deps, childId, caller)
    if (!child) return fail('NOT_FOUND', classMessages.NOT_FOUND)
    const next = change(child.pickupAdults ?? [])
    if (!next.ok) return next
    if (await deps.store.setPickupAdults(child._id, child.pickupRev, next.value)) {
      return ok({ ...child, pickupAdults: next.value, pickupRev: (child.pickupRev ?? 0) + 1 })
    }
  }
  return fail('PICKUP_LIST_BUSY', classMessages.PICKUP_LIST_BUSY)
}

export async function addPickupAdult(
  deps: ClassesDeps,
  input: { childId: string; name: string; relation: string },
  caller: Caller
): Promise<ClassesResult<'addPickupAdult'>> {
  const done = await changePickupList(deps, input.childId, caller, adults => {
    if (adults.length >= MAX_PICKUP_ADULTS) return fail('TOO_MANY_ADULTS', classMessages.TOO_MANY_ADULTS)
    const nextNo = adults.reduce((n, a) => Math.max(n, Number(a.adultId.slice(1)) || 0), 0) + 1
    return ok([
      ...adults,
      {
        adultId: `a${nextNo}`,
        name: input.name,
        relation: input.relation,
        code: newPickupCode(
          adults.map(a => a.code),
          deps.random
        )
      }
    ])
  })
  if (!done.ok) return done
  const child = done.value
  const adult = (child.pickupAdults ?? [])[(child.pickupAdults ?? []).length - 1]
  await deps.audit.record({
    actor: caller.openId,
    action: 'classes.add-pickup-adult',
    target: `children/${child._id}`,
    data: { adultId: adult?.adultId, relation: adult?.relation }
  })
  return ok(childView(child, caller, await guardianEntries(deps, child, caller)))
}

export async function removePickupAdult(
  deps: ClassesDeps,
  input: { childId: string; adultId: string },
  caller: Caller
): Promise<ClassesResult<'removePickupAdult'>> {
  const done = await changePickupList(deps, input.childId, caller, adults =>
    ok(adults.filter(a => a.adultId !== input.adultId))
  )
  if (!done.ok) return done
  await deps.audit.record({
    actor: caller.openId,
    action: 'classes.remove-pickup-adult',
    target: `children/${done.value._id}`,
    data: { adultId: input.adultId }
  })
  return ok(childView(done.value, caller, await guardianEntries(deps, done.value, caller)))
}
