/**
 * A confirmed erasure that stops between its steps (design.md, "Data": any request can fail; a
 * function is cut off at its timeout). The erasure runs in this process on the real database with
 * ONE request failing as a database request does; the staff timer (or staff confirming again)
 * then finishes it from where it stopped, and the search over every collection finds the person's
 * OPENID only where it must be kept, and their name and phone nowhere.
 */
import type { Clock } from '../../src/core/shared/clock'
import { HALF_DONE_AFTER_MS } from '../../src/core/shared/half-done'
import { auditWriter } from '../../src/server/audit'
import { confirmErasure, resumeErasures, type MyDataDeps } from '../../src/server/staff/my-data.service'
import { aCaller } from '../factories/caller.factory'
import { dbFailingOnce } from '../factories/faults.fake'
import { erasureLeftovers } from '../support/erasure-traces'
import { useSeededCloud, communityDb } from './local-cloud.helper'

jest.setTimeout(60_000)

const cloud = useSeededCloud('staff')
const db = () => communityDb()
const getDoc = async (collection: string, id: string): Promise<any> =>
  ((await db().collection(collection).doc(id).get()).data as any[])[0] ?? null
const staffMember = aCaller({ openId: 'demo-staff', roles: ['staff'], name: '社工小李' })
let seq = 0
const rid = (): string => `req-staff-faults-${Date.now()}-${seq++}`

const clockAt = (ms: number): Clock => ({ now: () => new Date(Date.now() + ms) })
const deps = (clock: Clock = clockAt(0), database = db()): MyDataDeps => ({
  db: database,
  clock,
  audit: auditWriter(database, clock)
})
/** The erasure with deleting the person's inbox failing: after the lines before it, before the account. */
const failingMidway = (): MyDataDeps => deps(clockAt(0), dbFailingOnce(db(), 'inbox', 'remove'))
const later = (): MyDataDeps => deps(clockAt(HALF_DONE_AFTER_MS + 1000))

describe('a confirmed erasure that stops half-way', () => {
  it('is finished by the staff timer once the run is surely over: done, and only what must be kept is left, anonymised', async () => {
    const user = await getDoc('users', 'demo-volunteer')
    // A message that names them: the line the fault stops in.
    await db()
      .collection('inbox')
      .add({
        _id: 'it-erase-msg>demo-volunteer',
        to: 'demo-volunteer',
        kind: 'test',
        title: `${user.name}您好`,
        body: '',
        createdAt: new Date()
      })
    expect((await cloud.call('demo-volunteer', 'requestErasure', { confirm: true }, rid())).data.status).toBe('pending')

    await expect(confirmErasure(failingMidway(), 'demo-volunteer', staffMember)).rejects.toThrow(
      'database request failed'
    )
    // Stopped in the middle: some lines done (the register anonymised), the account still there.
    expect(await getDoc('staff_erasures', 'demo-volunteer')).toMatchObject({
      status: 'processing',
      memberId: user.memberId
    })
    expect(await getDoc('members', user.memberId)).toMatchObject({ name: '已注销用户', phone: null })
    expect(await getDoc('users', 'demo-volunteer')).not.toBeNull()

    // Within the function's timeout + margin the run may still be going: the timer leaves it.
    expect(await cloud.tick('erasures')).toEqual({ resumed: 0 })
    expect(await resumeErasures(later())).toEqual({ resumed: 1 })
    expect(await resumeErasures(later())).toEqual({ resumed: 0 })

    const request = await getDoc('staff_erasures', 'demo-volunteer')
    expect(request).toMatchObject({ status: 'done', name: '', memberId: null, householdId: null, linesDone: [] })
    expect(request.outcome.inbox.deleted).toBeGreaterThan(0)
    expect(await getDoc('users', 'demo-volunteer')).toBeNull()
    expect(await cloud.count('inbox', { to: 'demo-volunteer' })).toBe(0)
    expect(
      await cloud.count('audit', {
        action: 'staff.confirm-erasure',
        target: 'staff_erasures/demo-volunteer',
        actor: 'system:staff-erasures'
      })
    ).toBe(1)
    expect(await erasureLeftovers('demo-volunteer', user.name, user.phone)).toEqual({ openId: [], nameOrPhone: [] })
  })

  it('is finished by staff confirming again after the timeout, who are told what was erased; not before', async () => {
    const who = 'it-erase-fault'
    await db()
      .collection('users')
      .add({
        _id: who,
        name: '中断者',
        roles: ['resident'],
        phone: '14000007777',
        memberId: null,
        householdId: null,
        gridId: null,
        createdAt: new Date()
      })
    await db()
      .collection('inbox')
      .add({
        _id: `it-erase-fault-msg>${who}`,
        to: who,
        kind: 'test',
        title: '中断者您好',
        body: '14000007777',
        createdAt: new Date()
      })
    await db().collection('notify_prefs').add({ _id: who, mutedTopics: [] })
    expect((await cloud.call(who, 'requestErasure', { confirm: true }, rid())).data.status).toBe('pending')

    await expect(confirmErasure(failingMidway(), who, staffMember)).rejects.toThrow('database request failed')
    // A second tap at once: another run may still be going.
    expect(await confirmErasure(deps(), who, staffMember)).toMatchObject({ ok: false, code: 'CONFLICT' })
    const again = await confirmErasure(later(), who, staffMember)
    expect(again).toMatchObject({
      ok: true,
      value: { outcome: { users: { deleted: 1 }, inbox: { deleted: 1 }, notify_prefs: { deleted: 1 } } }
    })
    expect(await getDoc('staff_erasures', who)).toMatchObject({ status: 'done' })
    expect(await erasureLeftovers(who, '中断者', '14000007777')).toEqual({ openId: [], nameOrPhone: [] })
  })
})
