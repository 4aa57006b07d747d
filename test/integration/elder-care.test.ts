/**
 * The BUILT elder-care function through the local cloud (HTTP, dev login, real SDK), over the
 * seeded demo community. Timer jobs are driven by calling the built function's `main` in this
 * process with a platform timer event whose `Time` is where the test clock stands — the same
 * code path the platform's timer takes, against the same database.
 * Needs `npm run build:functions` first.
 */
import { onDutyAt } from '../../src/core/elder-care/on-duty.rule'
import { expectEveryLinkOpens } from './deep-links.helper'
import { useSeededCloud, communityDb } from './local-cloud.helper'

jest.setTimeout(60_000)

const cloud = useSeededCloud('elder-care')
const { call, callOther, data, tick, docs, count, setClock } = cloud
const inboxOf = async (to: string, kind: string): Promise<any[]> => await docs('inbox', { to, kind })

const hour = 3600_000

/** Who the community's duty roster has on duty at `now` (the rule of src/core/elder-care/on-duty.rule.ts). */
async function onDutyNow(now = new Date()): Promise<string[]> {
  const today = new Date(now.getTime() + 8 * hour).toISOString().slice(0, 10)
  const duty = onDutyAt(await docs('duty_roster', { date: today }), now)
  return duty.length ? duty : (await docs('users', { roles: 'staff' })).map(u => u._id)
}
const windowFromNow = (h: number) => ({
  start: new Date(Date.now() + h * hour).toISOString(),
  end: new Date(Date.now() + (h + 2) * hour).toISOString()
})

describe('care request: proxy books, staff dispatch, volunteer visits, elder rates', () => {
  let id: string

  it('lets the consented son book home care for his mother, labelled as a proxy action', async () => {
    const mine = await data('demo-family', 'myElders')
    expect(mine.elders).toEqual([expect.objectContaining({ name: '张桂芳', self: false, relation: '儿子' })])
    const r = await data(
      'demo-family',
      'submitCareRequest',
      { elderId: mine.elders[0].id, serviceTypeId: 'home-care', window: windowFromNow(20), note: '帮忙洗头' },
      'req-proxy-home-care-1'
    )
    id = r.id
    expect(r.state).toBe('submitted')
    expect(r.history[0]).toMatchObject({ label: '家属代为提交申请', proxy: true, byName: '张伟' })
    expect(r.history[0].expectedBy).toBeTruthy()
    // The elder sees the same request in her own list.
    const hers = await data('demo-elder', 'myCareRequests', {})
    expect(hers.items.map((x: any) => x.id)).toContain(id)
    // A retry with the same requestId returns the first request, not a second one.
    const again = await data(
      'demo-family',
      'submitCareRequest',
      { elderId: mine.elders[0].id, serviceTypeId: 'home-care', window: r.window, note: '帮忙洗头' },
      'req-proxy-home-care-1'
    )
    expect(again.id).toBe(id)
  })

  it('masks the address for the assigned helper before acceptance and after the visit closes', async () => {
    await data('demo-staff', 'triage', { id })
    const assigned = await data('demo-staff', 'assign', {
      id,
      assignee: { kind: 'volunteer', userId: 'demo-volunteer' }
    })
    expect(assigned.state).toBe('assigned')
    expect((await inboxOf('demo-volunteer', 'elder-care.assigned')).length).toBe(1)

    const before = await data('demo-volunteer', 'getCareRequest', { id })
    expect(before.addressVisible).toBe(false)
    expect(before.address).toMatch(/^\d+栋\d+单元$/)
    expect(before.phone).toMatch(/^140\*{4}\d{4}$/)
    expect(before.actions.sort()).toEqual(['accept', 'decline'])

    const accepted = await data('demo-volunteer', 'accept', { id })
    expect(accepted.addressVisible).toBe(true)
    expect(accepted.address).toMatch(/^\d+栋\d+单元\d{3}$/)
    expect(accepted.phone).toMatch(/^1400000\d{4}$/)

    const inService = await data('demo-volunteer', 'checkIn', { id, location: { lat: 31.23, lng: 121.47 } })
    expect(inService.state).toBe('in_service')
    expect(inService.address).toMatch(/^\d+栋\d+单元\d{3}$/)

    const done = await data('demo-volunteer', 'checkOut', { id, location: { lat: 31.23, lng: 121.47 } })
    expect(done.state).toBe('completed')
    expect(done.addressVisible).toBe(false)
    const after = await data('demo-volunteer', 'myVisits', {})
    const visit = after.items.find((x: any) => x.id === id)
    expect(visit.address).toMatch(/^\d+栋\d+单元$/)
    expect(JSON.stringify(after)).not.toMatch(/1400000\d{4}/)

    const stored = (await docs('care_requests', { _id: id }))[0]
    expect(stored.checkIn.location).toEqual({ lat: 31.23, lng: 121.47 })
  })

  it('lets the elder rate it, and a not-solved follow-up reopens it; KPIs keep both answers', async () => {
    const rated = await data('demo-elder', 'rate', { id, stars: 4, comment: '很耐心' })
    expect(rated.state).toBe('rated')
    expect(rated.history.map((h: any) => h.label)).toEqual([
      '家属代为提交申请',
      '社工已受理',
      '已派单，等待服务人员确认',
      '服务人员已接单',
      '服务人员已到达，开始服务',
      '服务已完成，请您评价',
      '已评价，谢谢您'
    ])
    const reopened = await data('demo-staff', 'followUp', { id, outcome: 'not_solved', note: '头发没洗干净' })
    expect(reopened.state).toBe('triaged')
    const kpi = await data('demo-staff', 'careKpis', {
      from: new Date(Date.now() - hour).toISOString(),
      to: new Date(Date.now() + hour).toISOString()
    })
    expect(kpi.reopened).toBeGreaterThanOrEqual(1)
    expect(kpi.followUps.notSolved).toBeGreaterThanOrEqual(1)
    expect(kpi.completed).toBe(0) // reopened: open again, not counted as completed
  })

  it('sends an unaccepted assignment back to triage when the timer runs past its deadline', async () => {
    await data('demo-staff', 'assign', { id, assignee: { kind: 'staff', userId: 'seed-staff-2' } })
    expect((await tick('assignTimeout', new Date(Date.now() + 10 * 60_000))).timedOut).toBe(0)
    expect((await tick('assignTimeout', new Date(Date.now() + 31 * 60_000))).timedOut).toBe(1)
    const r = await data('demo-elder', 'getCareRequest', { id })
    expect(r.state).toBe('triaged')
    expect(r.history.at(-1).label).toBe('服务人员未及时确认，社工重新安排')
  })

  it('settles an accept racing the timeout: exactly one of them applies', async () => {
    await data('demo-staff', 'assign', { id, assignee: { kind: 'volunteer', userId: 'demo-volunteer' } })
    const [accept, timer] = await Promise.all([
      call('demo-volunteer', 'accept', { id }),
      tick('assignTimeout', new Date(Date.now() + 31 * 60_000))
    ])
    const r = (await docs('care_requests', { _id: id }))[0]
    const events = r.history.slice(-2).map((h: any) => h.event)
    if (accept.ok) {
      expect(timer.timedOut).toBe(0)
      expect(r.state).toBe('accepted')
      expect(events).toEqual(['assign', 'accept'])
    } else {
      expect(timer.timedOut).toBe(1)
      expect(r.state).toBe('triaged')
      expect(events).toEqual(['assign', 'timeout'])
    }
  })
})

describe('refusals write nothing', () => {
  it('answers FORBIDDEN to a wrong role or a stranger, INVALID_INPUT to bad input', async () => {
    const before = {
      requests: await count('care_requests'),
      audit: await count('audit'),
      sos: await count('sos_calls')
    }
    const elderId = (await data('demo-family', 'myElders')).elders[0].id
    const ok = { elderId, serviceTypeId: 'home-care', window: windowFromNow(30), note: '' }
    expect((await call('demo-resident', 'submitCareRequest', ok)).error.code).toBe('FORBIDDEN') // not her elder
    expect((await call('demo-resident', 'sosPress', { elderId })).error.code).toBe('FORBIDDEN')
    expect(
      (await call('demo-volunteer', 'saveServiceType', { id: 'x-x', name: 'x', minutes: 30, paid: false })).error.code
    ).toBe('FORBIDDEN')
    expect((await call('demo-elder', 'sosAck', { id: 'sos-x' })).error.code).toBe('FORBIDDEN')
    expect((await call('demo-resident', 'careQueue', {})).error.code).toBe('FORBIDDEN')
    const bad: Array<[string, unknown]> = [
      ['submitCareRequest', { ...ok, window: { start: 'tomorrow', end: 'later' } }],
      ['submitCareRequest', { ...ok, window: { start: ok.window.end, end: ok.window.start } }],
      ['submitCareRequest', { ...ok, note: 'x'.repeat(5000) }],
      ['rate', { id: 'care-x', stars: 9 }],
      ['orderMeal', { date: '明天', mode: 'delivery' }],
      ['sosPress', { elderId: 42 }]
    ]
    for (const [action, payload] of bad)
      expect((await call('demo-elder', action, payload)).error.code).toBe('INVALID_INPUT')
    // A note others will read is checked first (offline: the rule-based stand-in for msgSecCheck).
    const scam = await call('demo-elder', 'submitCareRequest', {
      ...ok,
      elderId: undefined,
      note: '低价代开发票，加微信详聊'
    })
    expect(scam.error).toEqual({ code: 'CONTENT_REJECTED', message: '内容包含不适合发布的信息，请修改后再提交' })
    expect({
      requests: await count('care_requests'),
      audit: await count('audit'),
      sos: await count('sos_calls')
    }).toEqual(before)
  })
})

describe('SOS', () => {
  const openCall = async () => (await data('demo-staff', 'openSos', {})).items
  afterEach(async () => {
    await setClock(null)
  }) // a failed test leaves no frozen clock behind

  it('alerts duty staff and the grid worker at once with name, address and care notes; a cancel in 10 s stops it', async () => {
    // The functions' clock stands still from the press, so the checks below can take as long as a
    // busy machine needs; the cancel then comes 9 s after the press by that clock.
    const pressedAt = new Date()
    await setClock(pressedAt)
    const call1 = await data('demo-elder', 'sosPress', {}, 'sos-press-0000001')
    expect(call1.state).toBe('open')
    const duty = await onDutyNow(pressedAt)
    expect(duty.length).toBeGreaterThan(0)
    for (const to of [...duty, 'demo-grid-worker']) {
      const items = (await inboxOf(to, 'elder-care.sos')).filter(i => i._id.includes(call1.id))
      expect(items).toHaveLength(1)
      expect(items[0]).toMatchObject({ urgent: true, title: '紧急呼叫：张桂芳' })
      expect(items[0].body).toMatch(/\d+栋\d+单元\d{3}/)
      expect(items[0].body).toContain('高血压')
    }
    // The top of a responder's home page counts it, without any of the elder's details.
    const summary = await call('demo-grid-worker', 'sosSummary')
    expect(summary.data.unacknowledged).toBeGreaterThanOrEqual(1)
    expect(JSON.stringify(summary)).not.toContain('张桂芳')
    expect((await call('demo-resident', 'sosSummary')).error.code).toBe('FORBIDDEN')
    await setClock(new Date(pressedAt.getTime() + 9_000))
    const cancelled = await data('demo-elder', 'sosCancel', { id: call1.id })
    await setClock(null)
    expect(cancelled.state).toBe('cancelled')
    expect((await inboxOf(duty[0], 'elder-care.sos-cancelled')).length).toBeGreaterThanOrEqual(1)
    await tick('sosLadder', new Date(Date.now() + 5 * 60_000))
    expect((await docs('follow_ups', { kind: 'elder-care.sos' })).filter(f => f._id.includes(call1.id))).toHaveLength(0)
  })

  it("refuses a cancel 11 s after the press by the functions' clock: staff already have the call", async () => {
    const pressedAt = new Date()
    await setClock(pressedAt)
    const c = await data('demo-elder', 'sosPress', {}, 'sos-press-late-cancel')
    await setClock(new Date(pressedAt.getTime() + 11_000))
    expect((await call('demo-elder', 'sosCancel', { id: c.id })).error.code).toBe('SOS_CANCEL_TOO_LATE')
    await data('demo-staff', 'sosResolve', { id: c.id, note: '测试呼叫，已处理' })
  })

  it('makes one call of ten simultaneous presses', async () => {
    const presses = await Promise.all(Array.from({ length: 10 }, async () => await call('demo-elder', 'sosPress', {})))
    const ids = new Set(presses.filter(p => p.ok).map(p => p.data.id))
    expect(ids.size).toBe(1)
    expect(await docs('sos_calls', { elderId: presses.find(p => p.ok).data.elderId, state: 'open' })).toHaveLength(1)
    const [id] = [...ids]
    expect((await openCall()).map((c: any) => c.id)).toContain(id)
    await data('demo-staff', 'sosResolve', { id, note: '测试呼叫，已处理' })
  })

  it('escalates to the family (phone follow-up and the proxy inbox) at 2 minutes, then to the admin', async () => {
    const c = await data('demo-elder', 'sosPress', {})
    const pressed = new Date(c.pressedAt).getTime()
    expect((await tick('sosLadder', new Date(pressed + 60_000))).escalated).toBe(0)
    expect((await tick('sosLadder', new Date(pressed + 121_000))).escalated).toBe(1)
    expect((await inboxOf('demo-family', 'elder-care.sos')).filter(i => i._id.includes(c.id))).toHaveLength(1)
    const phoned = (await docs('follow_ups', { kind: 'elder-care.sos' })).filter(f => f._id.includes(c.id))
    expect(phoned).toHaveLength(1)
    expect(phoned[0]).toMatchObject({ name: '张伟', urgent: true })
    // The same tick again sends nothing twice.
    expect((await tick('sosLadder', new Date(pressed + 150_000))).escalated).toBe(0)
    expect((await inboxOf('demo-admin', 'elder-care.sos')).filter(i => i._id.includes(c.id))).toHaveLength(0)
    expect((await tick('sosLadder', new Date(pressed + 241_000))).escalated).toBe(1)
    expect((await inboxOf('demo-admin', 'elder-care.sos')).filter(i => i._id.includes(c.id))).toHaveLength(1)
    const mine = await data('demo-elder', 'mySos', {})
    expect(mine.steps.map((s: any) => s.label)).toEqual([
      '按下紧急呼叫',
      '已通知值班社工和网格员',
      '已通知家属',
      '2分钟无人响应，再次通知家属，并请工作人员打电话给家属',
      '仍无人响应，已通知社区负责人'
    ])
    await data('demo-grid-worker', 'sosAck', { id: c.id })
    await data('demo-grid-worker', 'sosResolve', { id: c.id, note: '上门查看，老人摔倒已送医' })
    expect((await data('demo-elder', 'mySos', {})).state).toBe('resolved')
  })

  it('stops the ladder once acknowledged; two responders at once make one acknowledgement', async () => {
    const c = await data('demo-elder', 'sosPress', {})
    const acks = await Promise.all([
      call('demo-staff', 'sosAck', { id: c.id }),
      call('demo-grid-worker', 'sosAck', { id: c.id })
    ])
    expect(acks.every(a => a.ok)).toBe(true)
    const stored = (await docs('sos_calls', { _id: c.id }))[0]
    expect(stored.steps.filter((s: any) => s.label.endsWith('已响应'))).toHaveLength(1)
    expect((await data('demo-elder', 'mySos', {})).responders).toHaveLength(1)
    expect(stored.nextStepAt).toBeNull()
    const pressed = new Date(c.pressedAt).getTime()
    await tick('sosLadder', new Date(pressed + 5 * 60_000))
    expect((await inboxOf('demo-family', 'elder-care.sos')).filter(i => i._id.includes(c.id))).toHaveLength(0)
    expect((await inboxOf('demo-family', 'elder-care.sos-progress')).length).toBeGreaterThanOrEqual(1)
    const resolved = await data('demo-staff', 'sosResolve', { id: c.id, note: '电话确认平安' })
    expect(resolved.resolved.note).toBe('电话确认平安')
    expect((await openCall()).map((x: any) => x.id)).not.toContain(c.id)
  })
})

describe('meals', () => {
  const tomorrow = new Date(Date.now() + 8 * hour + 24 * hour).toISOString().slice(0, 10)

  it('takes an order before the cutoff (replacing, not adding) and refuses one after it', async () => {
    const first = await data('demo-elder', 'orderMeal', { date: tomorrow, mode: 'dine_in' })
    expect(first.order).toMatchObject({ mode: 'dine_in', source: 'single' })
    const second = await data('demo-elder', 'orderMeal', { date: tomorrow, mode: 'delivery' })
    expect(second.order).toMatchObject({ mode: 'delivery', modeLabel: '送餐' })
    expect(await docs('meal_orders', { date: tomorrow })).toHaveLength(1)
    const round = await data('demo-volunteer', 'dayMeals', { date: tomorrow })
    expect(round.round).toEqual([
      expect.objectContaining({ elderName: '张桂芳', address: expect.stringMatching(/单元\d{3}$/) })
    ])

    const past = '2020-01-06'
    await data('demo-staff', 'saveMenu', { date: past, lunch: [{ name: '面条', price: 5 }] })
    expect((await call('demo-elder', 'orderMeal', { date: past, mode: 'dine_in' })).error.code).toBe('ORDER_CLOSED')
  })

  it('counts a standing weekly order on its weekdays unless the day has its own order', async () => {
    await data('demo-family', 'standingOrder', { weekdays: [1, 2, 3, 4, 5, 6, 7], mode: 'delivery' })
    const in2days = new Date(Date.now() + 8 * hour + 48 * hour).toISOString().slice(0, 10)
    const day = await data('demo-staff', 'dayMeals', { date: in2days })
    expect(day.round.map((r: any) => r.source)).toEqual(['standing'])
    await data('demo-family', 'cancelMeal', { date: in2days })
    expect((await data('demo-staff', 'dayMeals', { date: in2days })).delivery).toBe(0)
  })
})

describe('关爱巡访', () => {
  it('alerts the grid worker once when a weekly visit is overdue, and a visit clears it', async () => {
    const plans = await data('demo-grid-worker', 'patrolList', {})
    const plan = plans.items.find((p: any) => p.elderName === '张桂芳')
    expect(plan.everyDays).toBe(7)
    const late = new Date(new Date(plan.nextDueAt).getTime() + hour)
    expect((await tick('patrolOverdue', late)).alerted).toBe(1)
    expect((await tick('patrolOverdue', late)).alerted).toBe(0)
    expect(await inboxOf('demo-grid-worker', 'elder-care.patrol-overdue')).toHaveLength(1)
    const visited = await data('demo-grid-worker', 'recordPatrol', { elderId: plan.elderId, note: '精神很好' })
    expect(new Date(visited.nextDueAt).getTime()).toBeGreaterThan(Date.now() + 6 * 24 * hour)
  })
})

describe('a grid worker not yet given a grid', () => {
  it('sees no grid\'s elders, visits or care requests (gridScope, the one "in my grid")', async () => {
    await communityDb()
      .collection('users')
      .add({
        _id: 'e2e-gridless-worker',
        name: '新网格员',
        roles: ['grid_worker'],
        phone: '14000009999',
        memberId: null,
        householdId: null,
        gridId: null,
        createdAt: new Date()
      })
    // Staff see them all; before gridScope, patrolList gave the grid-less worker every grid's plans.
    expect((await data('demo-staff', 'patrolList', {})).items.length).toBeGreaterThan(0)
    expect((await data('e2e-gridless-worker', 'patrolList', {})).items).toEqual([])
    expect((await data('e2e-gridless-worker', 'listElders', {})).items).toEqual([])
    expect((await data('e2e-gridless-worker', 'careQueue', {})).items).toEqual([])
  })
})

describe('elder profiles and proxies', () => {
  it('registers one profile from five simultaneous staff registrations of the same member', async () => {
    const member = (await docs('users', { _id: 'demo-resident' }))[0].memberId
    const results = await Promise.all(
      Array.from(
        { length: 5 },
        async () => await call('demo-staff', 'createElder', { memberId: member, livesAlone: false })
      )
    )
    expect(results.every(r => r.ok)).toBe(true)
    expect(new Set(results.map(r => r.data.id)).size).toBe(1)
    expect(await docs('elders', { memberId: member })).toHaveLength(1)
    const updated = await data('demo-staff', 'updateElder', {
      elderId: results[0].data.id,
      careLevel: 'self',
      tags: ['高龄', '付费'],
      careNotes: '糖尿病'
    })
    expect(updated).toMatchObject({ careLevelLabel: '自理', tags: ['高龄', '付费'], careNotes: '糖尿病' })
    // A resident can't register someone, nor a stranger read the profile.
    expect((await call('demo-resident', 'createElder', { memberId: member })).error.code).toBe('FORBIDDEN')
    expect((await call('demo-volunteer', 'getElder', { elderId: results[0].data.id })).error.code).toBe('FORBIDDEN')
  })

  it('lets the elder grant and withdraw a proxy in the app, with the consent recorded', async () => {
    const elderId = (await data('demo-elder', 'getElder', {})).id
    const granted = await data('demo-elder', 'linkProxy', {
      elderId,
      userId: 'demo-resident',
      relation: '邻居',
      statement: '我同意王秀兰帮我订饭'
    })
    expect(granted.consentMethod).toBe('in_app')
    const link = (await docs('elder_proxies', { _id: `${elderId}:demo-resident` }))[0]
    expect(link.consent).toMatchObject({
      method: 'in_app',
      statement: '我同意王秀兰帮我订饭',
      recordedBy: 'demo-elder'
    })
    expect((await data('demo-resident', 'myElders')).elders.map((e: any) => e.name)).toEqual(['张桂芳'])
    // Someone else's elder can't be granted by this elder.
    const other = (await docs('elders', { gridId: 'grid-2' }))[0]._id
    expect(
      (
        await call('demo-elder', 'linkProxy', {
          elderId: other,
          userId: 'demo-resident',
          relation: '邻居',
          statement: '同意代办'
        })
      ).error.code
    ).toBe('FORBIDDEN')
    await data('demo-elder', 'unlinkProxy', { elderId, userId: 'demo-resident' })
    expect((await data('demo-resident', 'myElders')).elders).toEqual([])
    expect(
      (await call('demo-resident', 'orderMeal', { elderId, date: '2030-01-01', mode: 'delivery' })).error.code
    ).toBe('FORBIDDEN')
  })

  it('lets staff record an in-person consent and link the family member found by their mobile number', async () => {
    const elderId = (await data('demo-elder', 'getElder', {})).id
    const phone = (await docs('users', { _id: 'demo-guardian' }))[0].phone
    const linked = await data('demo-staff', 'linkProxy', {
      elderId,
      phone,
      relation: '邻居',
      statement: '老人当面口头同意由李建国代为订餐'
    })
    expect(linked).toMatchObject({ name: '李建国', consentMethod: 'in_person' })
    expect((await data('demo-guardian', 'myElders')).elders.map((e: any) => e.name)).toEqual(['张桂芳'])
    expect(
      (
        await call('demo-staff', 'linkProxy', {
          elderId,
          phone: '19999999999',
          relation: '儿子',
          statement: '同意代办'
        })
      ).error.code
    ).toBe('NOT_FOUND')
    expect(
      (await call('demo-staff', 'linkProxy', { elderId, relation: '儿子', statement: '同意代办' })).error.code
    ).toBe('INVALID_INPUT')
    await data('demo-staff', 'unlinkProxy', { elderId, userId: 'demo-guardian' })
  })

  it('keeps one meal order per elder per day under simultaneous orders', async () => {
    const date = new Date(Date.now() + 8 * hour + 72 * hour).toISOString().slice(0, 10)
    const modes = ['dine_in', 'delivery', 'dine_in', 'delivery', 'delivery', 'dine_in']
    const results = await Promise.all(modes.map(async mode => await call('demo-elder', 'orderMeal', { date, mode })))
    expect(results.every(r => r.ok)).toBe(true)
    expect(await docs('meal_orders', { date })).toHaveLength(1)
  })
})

describe('dispatch to a provider organisation', () => {
  it('lets staff dispatch to the provider, whose contact accepts; a non-provider is refused', async () => {
    const helpers = await data('demo-staff', 'helpers')
    expect(helpers).toEqual(
      expect.arrayContaining([
        {
          userId: 'seed-provider-1',
          name: '周敏',
          kind: 'provider',
          orgName: '安康居家养老服务中心',
          load: expect.any(Number)
        },
        expect.objectContaining({ userId: 'demo-volunteer', kind: 'volunteer' })
      ])
    )
    const r = await data('demo-elder', 'submitCareRequest', { serviceTypeId: 'bathing', window: windowFromNow(26) })
    await data('demo-staff', 'triage', { id: r.id })
    expect(
      (await call('demo-staff', 'assign', { id: r.id, assignee: { kind: 'provider', userId: 'demo-resident' } })).error
        .code
    ).toBe('NOT_A_PROVIDER')
    expect(
      (await call('demo-staff', 'assign', { id: r.id, assignee: { kind: 'volunteer', userId: 'demo-resident' } })).error
        .code
    ).toBe('NOT_A_VOLUNTEER')
    const assigned = await data('demo-staff', 'assign', {
      id: r.id,
      assignee: { kind: 'provider', userId: 'seed-provider-1' }
    })
    expect(assigned.assignee).toEqual({ kind: 'provider', name: '周敏', orgName: '安康居家养老服务中心' })
    // Someone else can't accept it for them.
    expect((await call('demo-volunteer', 'accept', { id: r.id })).error.code).toBe('FORBIDDEN')
    expect((await data('seed-provider-1', 'accept', { id: r.id })).state).toBe('accepted')
    const seen = await data('demo-elder', 'getCareRequest', { id: r.id })
    expect(seen.history.at(-2).note).toBe('安康居家养老服务中心·周敏')
  })
})

describe('the staff queue pages', () => {
  it('misses no request when requests leave the queue between pages (keyset, not offset)', async () => {
    const before = new Set<string>()
    for (let cursor: string | null = null, first = true; first || cursor; first = false) {
      const page = await data('demo-staff', 'careQueue', { cursor })
      for (const r of page.items) before.add(r.id)
      cursor = page.cursor
    }
    const made: string[] = []
    for (let i = 0; i < 25; i++) {
      made.push(
        (
          await data(
            'demo-elder',
            'submitCareRequest',
            { serviceTypeId: 'home-care', window: windowFromNow(30 + i), note: '' },
            `req-queue-page-${i}`
          )
        ).id
      )
    }
    const all = [...before, ...made]
    expect(all.length).toBeGreaterThan(20)
    // Page 1, then five requests on it are cancelled, then the rest: nobody may fall through.
    const page1 = await data('demo-staff', 'careQueue', { cursor: null })
    expect(page1.items).toHaveLength(20)
    const gone = page1.items
      .map((r: any) => r.id)
      .filter((id: string) => made.includes(id))
      .slice(0, 5)
    expect(gone).toHaveLength(5)
    for (const id of gone) await data('demo-elder', 'cancelCareRequest', { id, reason: '不需要了' })
    const seen = new Set<string>(page1.items.map((r: any) => r.id))
    for (let cursor = page1.cursor; cursor;) {
      const page = await data('demo-staff', 'careQueue', { cursor })
      for (const r of page.items) {
        expect(seen.has(r.id)).toBe(false) // no repeats
        seen.add(r.id)
      }
      cursor = page.cursor
    }
    expect(all.filter(id => !seen.has(id))).toEqual([])
  })
})

describe("a grid worker's queue: her grid's requests, dispatched from the workbench", () => {
  it("shows her own grid's requests only, lets her dispatch them seeing each helper's load, and refuses another grid's", async () => {
    const mineReq = await data('demo-elder', 'submitCareRequest', {
      serviceTypeId: 'bathing',
      window: windowFromNow(30)
    })
    const otherReq = await data('demo-elder', 'submitCareRequest', {
      serviceTypeId: 'bathing',
      window: windowFromNow(34)
    })
    // Place one in her grid (grid-1) and one in another grid.
    await communityDb().collection('care_requests').doc(mineReq.id).update({ gridId: 'grid-1' })
    await communityDb().collection('care_requests').doc(otherReq.id).update({ gridId: 'grid-2' })

    const todo = await callOther('staff', 'demo-grid-worker', 'todo')
    expect(todo.ok).toBe(true)
    expect(todo.data.gridId).toBe('grid-1')
    const waiting = todo.data.rows.find((r: { key: string }) => r.key === 'care-dispatch')
    expect(waiting).toMatchObject({
      page: '/pages/elder-care/staff',
      count: await count('care_requests', {
        gridId: 'grid-1',
        state: communityDb().command.in(['submitted', 'triaged'])
      })
    })
    expect(waiting.count).toBeGreaterThanOrEqual(1)

    const ids: string[] = []
    let cursor: string | null = null
    do {
      const page: { items: Array<{ id: string }>; cursor: string | null } = await data(
        'demo-grid-worker',
        'careQueue',
        { cursor }
      )
      ids.push(...page.items.map(i => i.id))
      cursor = page.cursor
    } while (cursor)
    expect(ids).toContain(mineReq.id)
    expect(ids).not.toContain(otherReq.id)

    const before = (await data('demo-grid-worker', 'helpers')).find(
      (h: { userId: string }) => h.userId === 'demo-volunteer'
    )
    expect(before).toMatchObject({ kind: 'volunteer', load: expect.any(Number) })
    await data('demo-grid-worker', 'triage', { id: mineReq.id })
    const assigned = await data('demo-grid-worker', 'assign', {
      id: mineReq.id,
      assignee: { kind: 'volunteer', userId: 'demo-volunteer' }
    })
    expect(assigned.state).toBe('assigned')
    const after = (await data('demo-grid-worker', 'helpers')).find(
      (h: { userId: string }) => h.userId === 'demo-volunteer'
    )
    expect(after.load).toBe(before.load + 1)

    expect((await call('demo-grid-worker', 'triage', { id: otherReq.id })).error.code).toBe('FORBIDDEN')
    expect(await count('care_requests', { _id: otherReq.id, state: 'submitted' })).toBe(1)
  })
})

// Last: every notice these flows sent opens a page its reader may see (issue 18).
test('every notice sent above opens, for its recipient, a page that loads what it is about', async () => {
  await expectEveryLinkOpens(cloud)
})
