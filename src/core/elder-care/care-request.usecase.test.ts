/**
 * Care requests (服务工单) from the elder's ask to a helper at the door, in process: dispatch
 * (派单), the helper's 30 minutes to accept, and who sees the full address when; over the real
 * elder-care repositories, notifier and audit writer on the local cloud's database engine in
 * memory, at a frozen Shanghai clock (test/support/in-memory-deps.ts).
 */
import {
  addElderWorld,
  addOtherElder,
  callerOf,
  elderPeople as p,
  otherElderPeople as other,
  revokeSon
} from '../../../test/factories/elder-care.factory'
import { elderCareDeps, minutes, rows, seconds, useWorld } from '../../../test/support/in-memory-deps'
import {
  accept,
  assign,
  getCareRequest,
  myCareRequests,
  submitCareRequest,
  timeoutAssignments,
  triage
} from './care-request.usecase'
import { submitCareRequestInput } from './elder-care.schemas'

// Wednesday 3 September 2025, 09:00 in Shanghai.
const world = useWorld('2025-09-03 09:00')
const deps = () => elderCareDeps(world())
const clock = () => world().clock
const staff = () => callerOf(p.onDuty)

beforeEach(async () => {
  await addElderWorld(world().db, clock().now())
})

const inbox = async (where: Record<string, unknown>) => await rows(world().db, 'inbox', where)
const told = async (kind: string) => (await inbox({ kind })).map(i => i.to).sort()

/** The elder asks for home care this afternoon, 14:00–15:00. */
async function submitted(): Promise<string> {
  const input = submitCareRequestInput.parse({
    serviceTypeId: 'home-care',
    window: { start: '2025-09-03T06:00:00Z', end: '2025-09-03T07:00:00Z' },
    note: '想请人帮忙洗头'
  })
  const res = await submitCareRequest(deps(), input, callerOf(p.elder))
  if (!res.ok) throw new Error(res.code)
  return res.value.id
}

async function triaged(): Promise<string> {
  const id = await submitted()
  expect(await triage(deps(), { id }, staff())).toMatchObject({ ok: true, value: { state: 'triaged' } })
  return id
}

const toHelper = (id: string) => ({ id, assignee: { kind: 'volunteer' as const, userId: p.helper._id, orgName: null } })

describe('submitCareRequest', () => {
  it('reaches the social worker on duty and the grid worker, and is audited', async () => {
    const id = await submitted()
    expect(await told('elder-care.request-new')).toEqual([p.onDuty._id, p.gridWorker._id].sort())
    expect(await rows(world().db, 'audit', { action: 'elder-care.submit-request' })).toEqual([
      expect.objectContaining({
        actor: p.elder._id,
        target: `care_requests/${id}`,
        data: expect.objectContaining({ by: 'elder' })
      })
    ])
  })
})

describe('assign (派单)', () => {
  it('gives the helper the task with 30 minutes to accept, and keeps the elder and her son informed', async () => {
    const id = await triaged()
    const res = await assign(deps(), toHelper(id), staff())
    expect(res).toMatchObject({
      ok: true,
      value: {
        state: 'assigned',
        assignee: { kind: 'volunteer', name: '孙师傅' },
        acceptBy: new Date(clock().now().getTime() + minutes(30))
      }
    })
    const [task] = await inbox({ to: p.helper._id, kind: 'elder-care.assigned' })
    expect(task).toMatchObject({
      title: '新的上门服务任务',
      mustReachBy: new Date(clock().now().getTime() + minutes(30))
    })
    expect(task.body).toContain('请在30分钟内确认接单')
    // Every move reaches the elder and her consented proxy.
    expect(
      (await inbox({ kind: 'elder-care.request-status', title: '服务进度：待接单' })).map(i => i.to).sort()
    ).toEqual([p.elder._id, p.son._id].sort())
    expect(await rows(world().db, 'audit', { action: 'elder-care.assign' })).toEqual([
      expect.objectContaining({ actor: p.onDuty._id, data: { from: 'triaged', to: 'assigned', by: 'staff' } })
    ])
  })

  it('the helper sees the door and phone only once they accept', async () => {
    const id = await triaged()
    await assign(deps(), toHelper(id), staff())
    const before = await getCareRequest(deps(), { id }, callerOf(p.helper))
    expect(before).toMatchObject({
      ok: true,
      value: { state: 'assigned', addressVisible: false, address: '3栋2单元', phone: '138****1111' }
    })
    const accepted = await accept(deps(), { id }, callerOf(p.helper))
    expect(accepted).toMatchObject({
      ok: true,
      value: { state: 'accepted', addressVisible: true, address: '3栋2单元501', phone: '13800001111' }
    })
    const res = await triage(deps(), { id }, callerOf(p.helper)) // and no more than a helper may
    expect(res).toMatchObject({ ok: false })
  })

  it('shows staff a masked address while they dispatch', async () => {
    const id = await triaged()
    const res = await assign(deps(), toHelper(id), staff())
    expect(res).toMatchObject({ ok: true, value: { addressVisible: false, address: '3栋2单元', phone: '138****1111' } })
  })

  it('refuses someone who is not a registered volunteer, and a request not yet triaged', async () => {
    const id = await submitted()
    expect(await assign(deps(), toHelper(id), staff())).toMatchObject({ ok: false, code: 'INVALID_TRANSITION' })
    await triage(deps(), { id }, staff())
    const son = { id, assignee: { kind: 'volunteer' as const, userId: p.son._id, orgName: null } }
    expect(await assign(deps(), son, staff())).toMatchObject({ ok: false, code: 'NOT_A_VOLUNTEER' })
    expect(await inbox({ kind: 'elder-care.assigned' })).toEqual([])
  })

  it("a grid worker dispatches her own grid's requests only", async () => {
    const id = await triaged()
    expect(await assign(deps(), toHelper(id), callerOf(p.otherGridWorker))).toMatchObject({
      ok: false,
      code: 'FORBIDDEN'
    })
    expect(await assign(deps(), toHelper(id), callerOf(p.gridWorker))).toMatchObject({
      ok: true,
      value: { state: 'assigned' }
    })
  })

  it('two staff dispatching at once: one assignment stands, the other is told it changed', async () => {
    const id = await triaged()
    const other = { id, assignee: { kind: 'staff' as const, userId: p.offDuty._id, orgName: null } }
    const results = await Promise.all([
      assign(deps(), toHelper(id), staff()),
      assign(deps(), other, callerOf(p.offDuty))
    ])
    expect(results.filter(r => r.ok)).toHaveLength(1)
    expect(results.filter(r => !r.ok)).toEqual([expect.objectContaining({ code: 'CONFLICT' })])
    expect(await inbox({ kind: 'elder-care.assigned' })).toHaveLength(1)
  })
})

describe('timeoutAssignments: nobody accepts in 30 minutes', () => {
  it('goes back to be dispatched again and the social worker on duty is told', async () => {
    const id = await triaged()
    await assign(deps(), toHelper(id), staff())
    clock().advance(minutes(30) - seconds(1))
    expect(await timeoutAssignments(deps(), clock().now())).toEqual({ timedOut: 0 })
    clock().advance(seconds(1))
    expect(await timeoutAssignments(deps(), clock().now())).toEqual({ timedOut: 1 })
    const [r] = await rows(world().db, 'care_requests', { _id: id })
    expect(r).toMatchObject({ state: 'triaged', assignee: null })
    expect(await told('elder-care.redispatch')).toEqual([p.onDuty._id])
    expect(await accept(deps(), { id }, callerOf(p.helper))).toMatchObject({ ok: false })
    expect(await timeoutAssignments(deps(), clock().now())).toEqual({ timedOut: 0 }) // once
  })
})

/** 我的服务申请: her requests, newest first, for her, her consented family and staff; for nobody else. */
describe('myCareRequests', () => {
  const mine = async (who: Parameters<typeof callerOf>[0], elderId?: string, cursor: string | null = null) =>
    await myCareRequests(deps(), { ...(elderId ? { elderId } : {}), cursor }, callerOf(who))

  /** `n` more of her requests beside the one submitted: copies of it, some created at the same instant. */
  async function many(n: number): Promise<string[]> {
    const id = await submitted()
    const [first] = await rows(world().db, 'care_requests', { _id: id })
    const at = new Date(first.createdAt).getTime()
    for (let i = 0; i < n; i++) {
      const createdAt = new Date(at - Math.floor(i / 3) * 60_000) // threes at one instant: the order falls to _id
      await world()
        .db.collection('care_requests')
        .add({ ...first, _id: `req-copy-${String(i).padStart(2, '0')}`, createdAt })
    }
    const all = await rows(world().db, 'care_requests', { elderId: 'elder-1' })
    return all
      .sort((a, b) => new Date(b.createdAt).getTime() - new Date(a.createdAt).getTime() || (a._id < b._id ? 1 : -1))
      .map(r => r._id)
  }

  it('pages of 20, newest first, each request once, however many share an instant', async () => {
    const order = await many(24)
    const first = await mine(p.elder)
    if (!first.ok) throw new Error(first.code)
    expect(first.value.items.map(r => r.id)).toEqual(order.slice(0, 20))
    expect(first.value.cursor).not.toBeNull()
    const second = await mine(p.elder, undefined, first.value.cursor)
    if (!second.ok) throw new Error(second.code)
    expect(second.value.items.map(r => r.id)).toEqual(order.slice(20))
    expect(second.value.cursor).toBeNull()
  })

  it('she and her son see her door in full, staff masked; another elder, a grid worker, a volunteer see none', async () => {
    await addOtherElder(world().db)
    const id = await submitted()
    const door = (res: Awaited<ReturnType<typeof mine>>) =>
      res.ok ? res.value.items.map(r => ({ id: r.id, address: r.address, phone: r.phone })) : res.code
    expect(door(await mine(p.elder))).toEqual([{ id, address: '3栋2单元501', phone: '13800001111' }])
    expect(door(await mine(p.son))).toEqual([{ id, address: '3栋2单元501', phone: '13800001111' }])
    expect(door(await mine(p.onDuty, 'elder-1'))).toEqual([{ id, address: '3栋2单元', phone: '138****1111' }])
    expect(door(await mine(other.elder))).toEqual([]) // her own: she asked for nothing
    expect(door(await mine(other.elder, 'elder-1'))).toBe('FORBIDDEN')
    expect(door(await mine(other.unbound))).toBe('NOT_FOUND')
    expect(door(await mine(p.gridWorker, 'elder-1'))).toBe('FORBIDDEN')
    expect(door(await mine(p.helper))).toBe('NOT_FOUND')
    await revokeSon(world().db)
    expect(door(await mine(p.son))).toBe('NOT_FOUND')
    expect(door(await mine(p.son, 'elder-1'))).toBe('FORBIDDEN')
  })
})
