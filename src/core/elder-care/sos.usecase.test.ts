/**
 * SOS (紧急呼叫) in process: the press, and the ladder that climbs while nobody answers, over the
 * real elder-care repositories, notifier and audit writer on the local cloud's database engine in
 * memory, at a frozen Shanghai clock advanced step by step (test/support/in-memory-deps.ts).
 */
import {
  DAUGHTER_PHONE,
  addElderWorld,
  addOtherElder,
  callerOf,
  elderPeople as p,
  otherElderPeople as other,
  revokeSon
} from '../../../test/factories/elder-care.factory'
import { elderCareDeps, rows, seconds, useWorld } from '../../../test/support/in-memory-deps'
import { ackSos, cancelSos, mySos, openSos, pressSos, resolveSos, runSosLadder, sosSummary } from './sos.usecase'

// Tuesday 2 September 2025, 10:00 in Shanghai.
const world = useWorld('2025-09-02 10:00')
const deps = () => elderCareDeps(world())
const clock = () => world().clock

beforeEach(async () => {
  await addElderWorld(world().db, clock().now())
})

const inbox = async (where: Record<string, unknown>) => await rows(world().db, 'inbox', where)
const told = async (kind: string) => (await inbox({ kind })).map(i => i.to).sort()
const audit = async (action: string) => await rows(world().db, 'audit', { action })

async function press(who = p.elder) {
  const res = await pressSos(deps(), {}, callerOf(who))
  if (!res.ok) throw new Error(res.code)
  return res.value
}

/** Moves the clock to `ms` after the press and runs the one-minute ladder timer. */
// A reply's instant may be a Date or its ISO text (replyInstant, core/shared/fields.schemas.ts).
async function ladderAt(pressedAt: Date | string, ms: number) {
  const now = clock().now().getTime()
  clock().advance(new Date(pressedAt).getTime() + ms - now)
  return await runSosLadder(deps(), clock().now())
}

describe('pressSos', () => {
  it('alerts the social worker on duty and the grid worker at once, urgently, and tells the family', async () => {
    const call = await press()
    expect(call).toMatchObject({ elderName: '张桂芳', state: 'open', proxy: false })
    expect(call.cancelUntil).toEqual(new Date(clock().now().getTime() + seconds(10)))
    expect(await told('elder-care.sos')).toEqual([p.onDuty._id, p.gridWorker._id].sort())
    const [alert] = await inbox({ kind: 'elder-care.sos', to: p.onDuty._id })
    expect(alert).toMatchObject({ urgent: true, title: '紧急呼叫：张桂芳' })
    expect(alert.body).toContain('3栋2单元501') // a responder needs the door
    expect(alert.body).toContain('138****1111') // the phone masked in the inbox
    expect(alert.body).toContain('耳背') // and what to know on arrival
    // The son uses Linli: he hears at once, in his own words; staff off duty do not.
    expect(await told('elder-care.sos-family')).toEqual([p.son._id])
    expect(await inbox({ to: p.offDuty._id })).toEqual([])
    expect(call.steps.map(s => s.label)).toEqual(['按下紧急呼叫', '已通知值班社工和网格员', '已通知家属'])
    expect(await audit('elder-care.sos-press')).toEqual([
      expect.objectContaining({ actor: p.elder._id, target: `sos_calls/${call.id}` })
    ])
  })

  it('a second press joins the call already ringing: one call, nobody alerted twice', async () => {
    const first = await press()
    clock().advance(seconds(3))
    const second = await press()
    expect(second.id).toBe(first.id)
    expect(await rows(world().db, 'sos_calls')).toHaveLength(1)
    expect(await inbox({ kind: 'elder-care.sos', to: p.onDuty._id })).toHaveLength(1)
  })

  it('the son may press for his mother, and the call says so', async () => {
    const call = await press(p.son)
    expect(call).toMatchObject({ proxy: true, elderName: '张桂芳' })
    expect(call.steps[0].label).toBe('家属代为发出紧急呼叫')
    expect(await told('elder-care.sos-family')).toEqual([]) // he knows: he pressed it
  })

  it('refuses someone who neither is the elder nor acts for her, and alerts nobody', async () => {
    const res = await pressSos(deps(), { elderId: 'elder-1' }, callerOf(p.helper))
    expect(res).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await rows(world().db, 'inbox')).toEqual([])
  })

  it('a mistaken press cancelled within 10 seconds stands everyone down and stops the ladder', async () => {
    const call = await press()
    clock().advance(seconds(10))
    expect(await cancelSos(deps(), { id: call.id }, callerOf(p.elder))).toMatchObject({
      ok: true,
      value: { state: 'cancelled' }
    })
    expect(await told('elder-care.sos-cancelled')).toEqual([p.onDuty._id, p.gridWorker._id].sort())
    expect(await ladderAt(call.pressedAt, seconds(300))).toEqual({ escalated: 0, finished: 0 })
    expect(await audit('elder-care.sos-cancel')).toHaveLength(1)
  })

  it('after 10 seconds the press can no longer be cancelled: staff are already on their way', async () => {
    const call = await press()
    clock().advance(seconds(11))
    expect(await cancelSos(deps(), { id: call.id }, callerOf(p.elder))).toMatchObject({
      ok: false,
      code: 'SOS_CANCEL_TOO_LATE'
    })
    expect((await rows(world().db, 'sos_calls', { _id: call.id }))[0].state).toBe('open')
  })
})

describe('runSosLadder: nobody answers', () => {
  it('climbs at 2 minutes to the family (the daughter by phone, through staff) and at 4 to the admin, then stops', async () => {
    const call = await press()
    expect(await ladderAt(call.pressedAt, seconds(119))).toEqual({ escalated: 0, finished: 0 })
    expect(await told('elder-care.sos')).toEqual([p.onDuty._id, p.gridWorker._id].sort())

    expect(await ladderAt(call.pressedAt, seconds(120))).toEqual({ escalated: 1, finished: 0 })
    // Level 2: the son again, now must be reached; the daughter has no account: staff phone her.
    expect(await told('elder-care.sos')).toEqual([p.onDuty._id, p.gridWorker._id, p.son._id].sort())
    const phoneList = await rows(world().db, 'follow_ups', { phone: DAUGHTER_PHONE })
    expect(phoneList).toEqual([expect.objectContaining({ name: '张丽', status: 'open' })])

    expect(await ladderAt(call.pressedAt, seconds(239))).toEqual({ escalated: 0, finished: 0 })
    expect(await ladderAt(call.pressedAt, seconds(240))).toEqual({ escalated: 1, finished: 0 })
    expect(await inbox({ kind: 'elder-care.sos', to: p.admin._id })).toHaveLength(1)

    // The top of the ladder: nothing more, however long it rings.
    expect(await ladderAt(call.pressedAt, seconds(600))).toEqual({ escalated: 0, finished: 0 })
    const [stored] = await rows(world().db, 'sos_calls', { _id: call.id })
    expect(stored.steps.map((s: { label: string }) => s.label)).toEqual([
      '按下紧急呼叫',
      '已通知值班社工和网格员',
      '已通知家属',
      '2分钟无人响应，再次通知家属，并请工作人员打电话给家属',
      '仍无人响应，已通知社区负责人'
    ])
    expect((await audit('elder-care.sos-escalate')).map(a => a.data.level)).toEqual([2, 3])
  })

  it('stops once someone answers: no family alarm at 2 minutes, and the phone list is cleared', async () => {
    const call = await press()
    clock().advance(seconds(90))
    expect(await ackSos(deps(), { id: call.id }, callerOf(p.gridWorker))).toMatchObject({
      ok: true,
      value: { state: 'acknowledged', ackBy: { name: '刘海燕' } }
    })
    expect(await ladderAt(call.pressedAt, seconds(300))).toEqual({ escalated: 0, finished: 0 })
    expect(await told('elder-care.sos')).toEqual([p.onDuty._id, p.gridWorker._id].sort())
    expect(await rows(world().db, 'follow_ups', { status: 'open' })).toEqual([])
    expect(await audit('elder-care.sos-ack')).toEqual([
      expect.objectContaining({ actor: p.gridWorker._id, data: { afterMs: seconds(90) } })
    ])
  })

  it('two timers running at once send each level once', async () => {
    const call = await press()
    clock().advance(seconds(120))
    const runs = await Promise.all([1, 2, 3].map(async () => await runSosLadder(deps(), clock().now())))
    expect(runs.reduce((n, r) => n + r.escalated, 0)).toBe(1)
    expect(await inbox({ kind: 'elder-care.sos', to: p.son._id })).toHaveLength(1)
    expect((await rows(world().db, 'sos_calls', { _id: call.id }))[0].level).toBe(3)
  })
})

/** The banner on a responder's home: how many calls wait. Reading it also moves the ladder, as the timer does. */
describe('sosSummary', () => {
  const summary = async (who = p.onDuty) => {
    const res = await sosSummary(deps(), {}, callerOf(who))
    if (!res.ok) throw new Error('sosSummary failed')
    return res.value
  }

  it('counts the calls open and those nobody answered yet, and moves nothing while none is due', async () => {
    expect(await summary()).toEqual({ open: 0, unacknowledged: 0 })
    const call = await press()
    clock().advance(seconds(60))
    expect(await summary(p.gridWorker)).toEqual({ open: 1, unacknowledged: 1 })
    await ackSos(deps(), { id: call.id }, callerOf(p.gridWorker))
    expect(await summary()).toEqual({ open: 1, unacknowledged: 0 })
    expect(await told('elder-care.sos')).toEqual([p.onDuty._id, p.gridWorker._id].sort())
  })

  it('a call nobody answered for 2 minutes: the read climbs the ladder (the family hears) before it counts', async () => {
    const call = await press()
    clock().advance(seconds(120))
    expect(await summary()).toEqual({ open: 1, unacknowledged: 1 })
    expect(await inbox({ kind: 'elder-care.sos', to: p.son._id })).toHaveLength(1)
    expect((await rows(world().db, 'sos_calls', { _id: call.id }))[0].level).toBe(3)
  })

  it('a press that stopped before recording its call is finished by the read, and counted', async () => {
    const pressedAt = clock().now()
    await world()
      .db.collection('sos_open')
      .add({ _id: 'elder-1', callId: 'sos-half-done', at: pressedAt, pressedBy: p.elder._id, proxy: false })
    clock().advance(seconds(10))
    expect(await summary()).toEqual({ open: 1, unacknowledged: 1 })
    expect(await rows(world().db, 'sos_calls', { _id: 'sos-half-done' })).toHaveLength(1)
    expect(await told('elder-care.sos')).toEqual([p.onDuty._id, p.gridWorker._id].sort())
  })
})

/** The responders' desk (待处理紧急呼叫): each call with the door and phone they need, read in one go. */
describe('openSos', () => {
  const desk = async (who = p.onDuty) => {
    const res = await openSos(deps(), { cursor: null }, callerOf(who))
    if (!res.ok) throw new Error('openSos failed')
    return res.value
  }

  it('shows the call with her door and phone, moves nothing while none is due, and audits the read', async () => {
    const call = await press()
    clock().advance(seconds(60))
    const level = async () => (await rows(world().db, 'sos_calls', { _id: call.id }))[0].level
    const before = await level()
    const page = await desk(p.gridWorker)
    expect(page.items.map(c => [c.id, c.state, c.responder?.address])).toEqual([[call.id, 'open', '3栋2单元501']])
    expect(page.items[0].responder?.phone).toMatch(/^\d{11}$/)
    expect(await level()).toBe(before)
    expect(await audit('elder-care.read-sos')).toEqual([expect.objectContaining({ actor: p.gridWorker._id })])
  })

  it('a call nobody answered for 2 minutes: the read climbs the ladder (the family hears) before it shows', async () => {
    const call = await press()
    clock().advance(seconds(120))
    expect((await desk()).items.map(c => c.id)).toEqual([call.id])
    expect(await inbox({ kind: 'elder-care.sos', to: p.son._id })).toHaveLength(1)
    expect((await rows(world().db, 'sos_calls', { _id: call.id }))[0].level).toBe(3)
  })

  it('a press that stopped before recording its call is finished by the read, and shown', async () => {
    await world()
      .db.collection('sos_open')
      .add({ _id: 'elder-1', callId: 'sos-half-done', at: clock().now(), pressedBy: p.elder._id, proxy: false })
    clock().advance(seconds(10))
    expect((await desk()).items.map(c => c.id)).toEqual(['sos-half-done'])
  })

  it('nothing open: an empty desk, and no audit of a read that showed nobody', async () => {
    expect(await desk()).toEqual({ items: [], cursor: null })
    expect(await audit('elder-care.read-sos')).toEqual([])
  })
})

/** 我的呼叫: her latest call, for her, her consented family and staff, each in their words; for nobody else. */
describe('mySos', () => {
  const latest = async (who: Parameters<typeof callerOf>[0], elderId?: string) =>
    await mySos(deps(), elderId ? { elderId } : {}, callerOf(who))

  it('the elder and her son read her call in their own words; staff who name her read it plainly', async () => {
    const call = await press()
    expect(await latest(p.elder)).toMatchObject({ ok: true, value: { id: call.id, audience: 'elder' } })
    const son = await latest(p.son)
    expect(son).toMatchObject({ ok: true, value: { id: call.id, audience: 'family', elderPhone: '13800001111' } })
    if (son.ok) expect(son.value?.title).toContain('母亲') // she is his mother (her member record says female)
    const staff = await latest(p.onDuty, 'elder-1')
    expect(staff).toMatchObject({ ok: true, value: { id: call.id, state: 'open' } })
    expect(staff.ok && staff.value).not.toHaveProperty('audience')
  })

  it('nobody else reads it: not another elder, an account bound to no member, a grid worker, a volunteer', async () => {
    await addOtherElder(world().db)
    await press()
    expect(await latest(other.elder)).toEqual({ ok: true, value: null }) // her own: she never pressed
    expect(await latest(other.elder, 'elder-1')).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await latest(other.unbound)).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    expect(await latest(p.gridWorker, 'elder-1')).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await latest(p.helper)).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    expect(await latest(p.helper, 'elder-1')).toMatchObject({ ok: false, code: 'FORBIDDEN' })
  })

  it('a son whose consent ended reads nothing of hers; a proxy for two must say whose, and reads only that one', async () => {
    await addOtherElder(world().db, true)
    const hers = await press()
    expect(await latest(p.son)).toMatchObject({ ok: false, code: 'NOT_FOUND' }) // two elders: which?
    expect(await latest(p.son, 'elder-2')).toEqual({ ok: true, value: null })
    expect(await latest(p.son, 'elder-1')).toMatchObject({ ok: true, value: { id: hers.id, audience: 'family' } })
    await revokeSon(world().db)
    expect(await latest(p.son, 'elder-1')).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    // Only the other elder's link is left: naming nobody now means her, whose call is none.
    expect(await latest(p.son)).toEqual({ ok: true, value: null })
  })
})

/**
 * A cancel, an acknowledgement or a resolve that stops after closing the call (its request failed,
 * or the function was cut off at its timeout): the app retries it with the same intent. The retry
 * says what happened and finishes what had not: once, whoever asks again.
 */
describe('a retry after a stop half-way', () => {
  /** The deps whose audit writer fails its first call: the step right after the close. */
  function stoppingAfterClose() {
    const real = deps()
    let failed = false
    return {
      ...real,
      audit: {
        record: async (entry: Parameters<typeof real.audit.record>[0]) => {
          if (!failed) {
            failed = true
            throw new Error('cut off at the timeout')
          }
          await real.audit.record(entry)
        }
      }
    }
  }

  it('a cancel: the elder hears it is cancelled (not "too late"), staff stand down once, she can press again', async () => {
    const call = await press()
    clock().advance(seconds(5))
    await expect(cancelSos(stoppingAfterClose(), { id: call.id }, callerOf(p.elder))).rejects.toThrow('cut off')
    expect(await told('elder-care.sos-cancelled')).toEqual([]) // the stop came before anyone heard
    clock().advance(seconds(20)) // the retry comes after the 10 seconds: still her cancel
    for (let i = 0; i < 2; i++) {
      expect(await cancelSos(deps(), { id: call.id }, callerOf(p.elder))).toMatchObject({
        ok: true,
        value: { state: 'cancelled' }
      })
    }
    expect(await told('elder-care.sos-cancelled')).toEqual([p.onDuty._id, p.gridWorker._id].sort())
    expect(await audit('elder-care.sos-cancel')).toHaveLength(1)
    expect(await rows(world().db, 'follow_ups', { status: 'open' })).toEqual([])
    // Her lock is free: a new press rings a new call.
    expect((await press()).id).not.toBe(call.id)
  })

  it("an acknowledgement: the responder's retry finishes it; someone else only sees who answered", async () => {
    const call = await press()
    clock().advance(seconds(30))
    await expect(ackSos(stoppingAfterClose(), { id: call.id }, callerOf(p.gridWorker))).rejects.toThrow('cut off')
    expect(await told('elder-care.sos-progress')).toEqual([]) // the family not told yet
    expect(await ackSos(deps(), { id: call.id }, callerOf(p.gridWorker))).toMatchObject({
      ok: true,
      value: { state: 'acknowledged', ackBy: { name: '刘海燕' } }
    })
    expect(await ackSos(deps(), { id: call.id }, callerOf(p.onDuty))).toMatchObject({
      ok: true,
      value: { ackBy: { name: '刘海燕' } }
    })
    expect(await told('elder-care.sos-progress')).toEqual([p.elder._id, p.son._id].sort()) // her own account too
    expect(await audit('elder-care.sos-ack')).toEqual([expect.objectContaining({ actor: p.gridWorker._id })])
    expect(await rows(world().db, 'follow_ups', { status: 'open' })).toEqual([])
  })

  it("a resolve: the responder's retry answers resolved and frees the elder; another's is refused", async () => {
    const call = await press()
    clock().advance(seconds(30))
    const note = '已上门，老人安好'
    await expect(resolveSos(stoppingAfterClose(), { id: call.id, note }, callerOf(p.onDuty))).rejects.toThrow('cut off')
    expect(await resolveSos(deps(), { id: call.id, note: '重试' }, callerOf(p.onDuty))).toMatchObject({
      ok: true,
      value: { state: 'resolved' }
    })
    expect(await resolveSos(deps(), { id: call.id, note }, callerOf(p.gridWorker))).toMatchObject({
      ok: false,
      code: 'CONFLICT'
    })
    expect(await audit('elder-care.sos-resolve')).toEqual([expect.objectContaining({ reason: note })])
    expect(await told('elder-care.sos-progress')).toEqual([p.elder._id, p.son._id].sort()) // her own account too
    expect((await press()).id).not.toBe(call.id)
  })
})
