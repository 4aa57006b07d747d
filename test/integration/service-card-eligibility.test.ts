/**
 * Asking for 上门/代办 eligibility, through the BUILT service-card and staff functions over the
 * seeded demo community (grid-1's worker is demo-grid-worker, grid-2's seed-grid-worker-2): a
 * resident asks, the ask waits in her grid's 待办 and nobody else's, her grid worker approves
 * (tags set, audited, resident told with the page to go on from) or declines with a reason; one
 * ask per person however many taps; a failure between the decision's writes is finished by the
 * retry. Also: 上门/代办 requests in 待办 and the queues are the grid worker's grid's only.
 */
import {
  askEligibility,
  decideEligibility,
  finishHalfDoneEligibility
} from '../../src/core/service-card/eligibility.usecase'
import { HALF_DONE_AFTER_MS } from '../../src/core/shared/half-done'
import type { ResidentTag } from '../../src/core/service-card/service-card.model'
import type { ServiceCardDeps } from '../../src/core/service-card/service-card.ports'
import { serviceCardDeps } from '../../src/server/service-card/service-card.actions'
import { aCaller } from '../factories/caller.factory'
import { failingOnce } from '../factories/faults.fake'
import { useSeededCloud, communityDb } from './local-cloud.helper'

jest.setTimeout(60_000)

const cloud = useSeededCloud('service-card')
const { call, data, count, docs } = cloud
const todoRow = async (openId: string, key: string): Promise<{ count: number; page: string } | undefined> =>
  (await cloud.callOther('staff', openId, 'todo')).data.rows.find((r: { key: string }) => r.key === key)

/** Residents of a grid, not eligible, as the app would know them (home grid from their household). */
async function residentsOf(gridId: string, prefix: string, n: number): Promise<string[]> {
  const ids = Array.from({ length: n }, (_, i) => `${prefix}-${i}`)
  await communityDb()
    .collection('users')
    .add(
      ids.map((id, i) => ({
        _id: id,
        name: `${prefix}居民${i}`,
        roles: ['resident'],
        phone: null,
        memberId: null,
        householdId: null,
        gridId,
        createdAt: new Date()
      }))
    )
  return ids
}

const queue = async (openId: string): Promise<any[]> => (await data(openId, 'eligibilityQueue', {})).items
const queueOf = async (openId: string): Promise<string[]> =>
  (await queue(openId)).map((a: { residentId: string }) => a.residentId)
const inbox = async (to: string, kind: string): Promise<any[]> => await docs('inbox', { to, kind })
/** Decision payloads on the ask's round (1 unless said). */
const approve = (residentId: string, tags: ResidentTag[]) => ({
  residentId,
  round: 1,
  decision: 'approve' as const,
  tags
})
const decline = (residentId: string, reason: string) => ({ residentId, round: 1, decision: 'decline' as const, reason })
const decide = async (who: string, payload: object, requestId?: string): Promise<any> =>
  await call(who, 'decideEligibility', payload, requestId)
const audits = async (action: string, residentId: string, extra: object = {}): Promise<number> =>
  await count('audit', {
    action: `service-card.eligibility-${action}`,
    target: `eligibility_requests/${residentId}`,
    ...extra
  })

describe('a resident asks for 上门/代办 eligibility and her grid worker decides', () => {
  it("asks once, however many taps; lands in her grid's queue and 待办, not another grid's", async () => {
    const before = await data('demo-resident', 'me')
    expect(before).toMatchObject({ eligible: false, ask: null })
    const todoBefore = (await todoRow('demo-grid-worker', 'service-eligibility'))!.count

    // A double tap, a second phone: ten asks at once, each its own requestId.
    const answers = await Promise.all(
      Array.from(
        { length: 10 },
        async (_, i) => await call('demo-resident', 'askEligibility', { reasons: ['elderly', 'alone'] }, `ask-tap-${i}`)
      )
    )
    expect(answers.every(a => a.ok && a.data.status === 'pending' && a.data.round === 1)).toBe(true)
    expect(await count('eligibility_requests', { _id: 'demo-resident' })).toBe(1)
    expect(await inbox('demo-grid-worker', 'service-card.eligibility-asked')).toHaveLength(1)
    expect(await audits('ask', 'demo-resident')).toBe(1)

    expect(await data('demo-resident', 'me')).toMatchObject({
      eligible: false,
      ask: { status: 'pending', reasons: ['elderly', 'alone'] }
    })
    expect(await queueOf('demo-grid-worker')).toContain('demo-resident')
    expect(await queueOf('seed-grid-worker-2')).not.toContain('demo-resident')
    expect(await queueOf('demo-staff')).toContain('demo-resident')
    expect(await todoRow('demo-grid-worker', 'service-eligibility')).toMatchObject({
      count: todoBefore + 1,
      page: '/pages/service-card/requests?staff=1&scope=eligibility'
    })
    expect((await todoRow('seed-grid-worker-2', 'service-eligibility'))!.count).toBe(0)
    // The queue carries names and reasons only: no phone, no door, no medical words.
    const shown = (await queue('demo-grid-worker')).find(
      (a: { residentId: string }) => a.residentId === 'demo-resident'
    )
    expect(Object.keys(shown).sort()).toEqual([
      'askedAt',
      'decidedAt',
      'decidedByName',
      'declineReason',
      'reasons',
      'residentId',
      'residentName',
      'round',
      'status',
      'tags'
    ])
  })

  it('refuses bad input with a Chinese message, and staff-only acts to a resident, changing nothing', async () => {
    const written = ['eligibility_requests', 'resident_tags', 'audit', 'inbox']
    const snapshot = async (): Promise<number[]> => await Promise.all(written.map(async c => await count(c)))
    const start = await snapshot()
    const bad = [
      {},
      { reasons: [] },
      { reasons: ['sick'] },
      { reasons: ['elderly', 'elderly'] },
      { reasons: ['elderly'], note: '高血压' }
    ]
    for (const payload of bad) {
      const res = await call('demo-guardian', 'askEligibility', payload)
      expect(res).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
      expect(res.error.message).toMatch(/[\u4e00-\u9fa5]/)
    }
    expect((await decide('demo-guardian', approve('demo-resident', ['elderly']))).error.code).toBe('FORBIDDEN')
    expect((await decide('demo-grid-worker', decline('demo-resident', ''))).error.code).toBe('INVALID_INPUT')
    expect((await call('demo-grid-worker', 'askEligibility', { reasons: ['elderly'] })).error.code).toBe('FORBIDDEN')
    expect(await snapshot()).toEqual(start)
  })

  it("another grid's worker may not decide; hers approves, the resident is told and can ask for 上门", async () => {
    const other = await decide('seed-grid-worker-2', approve('demo-resident', ['elderly']))
    expect(other).toMatchObject({
      ok: false,
      error: { code: 'NOT_IN_YOUR_GRID', message: expect.stringContaining('网格') }
    })
    expect(await data('demo-resident', 'me')).toMatchObject({ eligible: false })

    const approved = await decide('demo-grid-worker', approve('demo-resident', ['elderly', 'alone']), 'decide-1')
    expect(approved).toMatchObject({
      ok: true,
      data: { status: 'approved', decidedByName: '刘海燕', tags: ['elderly', 'alone'] }
    })
    // The same tap retried: the same answer, nothing twice.
    const retried = await decide('demo-grid-worker', approve('demo-resident', ['elderly', 'alone']), 'decide-1')
    expect(retried).toEqual(approved)
    // Staff deciding the same ask afterwards: already decided, and it stays approved.
    expect((await decide('demo-staff', decline('demo-resident', '不符合'))).error.code).toBe('ELIGIBILITY_DECIDED')

    expect(await data('demo-resident', 'me')).toMatchObject({
      eligible: true,
      tags: ['elderly', 'alone'],
      ask: { status: 'approved' }
    })
    const told = await inbox('demo-resident', 'service-card.eligibility-decided')
    expect(told).toHaveLength(1)
    expect(told[0]).toMatchObject({ title: '上门/代办资格已通过', link: '/pages/service-card/requests' })
    const entries = await docs('audit', {
      action: 'service-card.eligibility-approve',
      target: 'eligibility_requests/demo-resident'
    })
    expect(entries).toHaveLength(1)
    expect(entries[0]).toMatchObject({ actor: 'demo-grid-worker', data: { tags: ['elderly', 'alone'] } })
    expect(await queueOf('demo-grid-worker')).not.toContain('demo-resident')

    // What she can now ask for: the items done at home or by proxy, and the request goes through.
    const help = await data('demo-resident', 'listItems', { help: true })
    expect(help.items.length).toBeGreaterThan(0)
    const helps = (i: { modes: string[] }): boolean => i.modes.includes('home') || i.modes.includes('proxy')
    expect(help.items.every(helps)).toBe(true)
    const asked = await call('demo-resident', 'submitRequest', { itemId: 'item-elder-card', mode: 'home' })
    expect(asked).toMatchObject({ ok: true, data: { status: 'submitted' } })
    const already = await call('demo-resident', 'askEligibility', { reasons: ['elderly'] })
    expect(already.error.code).toBe('ALREADY_ELIGIBLE')
  })

  it('a decline says why and what to do instead; asking again opens a new round', async () => {
    const [me] = await residentsOf('grid-1', 'o-decline', 1)
    await data(me, 'askEligibility', { reasons: ['mobility'] })
    const why = '联系不上本人，请到社区大厅办理'
    const declined = await data('demo-grid-worker', 'decideEligibility', decline(me, why))
    expect(declined).toMatchObject({ status: 'declined', declineReason: '联系不上本人，请到社区大厅办理' })
    expect(await data(me, 'me')).toMatchObject({ eligible: false, tags: [], ask: { status: 'declined' } })
    const [told] = await inbox(me, 'service-card.eligibility-decided')
    expect(told.body).toMatch(/原因：联系不上本人[\s\S]*大厅办理或预约办理[\s\S]*重新申请/)
    expect(await audits('decline', me, { reason: why })).toBe(1)

    const again = await data(me, 'askEligibility', { reasons: ['mobility', 'elderly'] })
    expect(again).toMatchObject({ status: 'pending', round: 2, declineReason: null })
    expect(await count('eligibility_requests', { _id: me })).toBe(1)
    // A decision on the old round is stale.
    expect((await decide('demo-grid-worker', approve(me, ['mobility']))).error.code).toBe('ELIGIBILITY_DECIDED')
    const toldWorker = await inbox('demo-grid-worker', 'service-card.eligibility-asked')
    expect(toldWorker.filter(i => i.body.includes('o-decline居民0'))).toHaveLength(2)
  })

  it('of five staff deciding one ask at once, exactly one decides it', async () => {
    const [me] = await residentsOf('grid-1', 'o-race', 1)
    await data(me, 'askEligibility', { reasons: ['disabled'] })
    const deciders = ['demo-grid-worker', 'demo-staff', 'demo-admin', 'demo-grid-worker', 'demo-staff']
    const answers = await Promise.all(
      deciders.map(async (who, i) => await decide(who, i % 2 === 0 ? approve(me, ['disabled']) : decline(me, '不符合')))
    )
    const won = answers.filter(a => a.ok)
    // One decision stands (the same decider's own retry may also answer it).
    expect(new Set(won.map(a => a.data.status)).size).toBe(1)
    expect(answers.filter(a => !a.ok).every(a => a.error.code === 'ELIGIBILITY_DECIDED')).toBe(true)
    const [stored] = await docs('eligibility_requests', { _id: me })
    const tags = (await docs('resident_tags', { _id: me }))[0]?.tags ?? []
    // The tags agree with the decision: only the winning decision writes them.
    expect(tags).toEqual(stored.status === 'approved' ? ['disabled'] : [])
    expect(await inbox(me, 'service-card.eligibility-decided')).toHaveLength(1)
  })
})

describe('a failure between the writes of an eligibility decision or ask', () => {
  const staff = aCaller({ openId: 'demo-grid-worker', name: '刘海燕', roles: ['grid_worker'], gridId: 'grid-1' })
  const resident = (openId: string) => aCaller({ openId, name: `${openId}居民`, gridId: 'grid-1' })

  it("approval stored, stopped before the tags: the decider's retry finishes it, told and audited once", async () => {
    const [me] = await residentsOf('grid-1', 'o-fault-a', 1)
    await data(me, 'askEligibility', { reasons: ['elderly'] })
    const deps = serviceCardDeps()
    const broken: ServiceCardDeps = { ...deps, people: failingOnce(deps.people, 'setTags') }
    await expect(decideEligibility(broken, approve(me, ['elderly']), staff)).rejects.toThrow('database request failed')
    expect(await data(me, 'me')).toMatchObject({ eligible: false, ask: { status: 'approved' } })

    const again = await decide('demo-grid-worker', approve(me, ['elderly']))
    expect(again).toMatchObject({ ok: true, data: { status: 'approved' } })
    expect(await data(me, 'me')).toMatchObject({ eligible: true, tags: ['elderly'] })
    expect(await inbox(me, 'service-card.eligibility-decided')).toHaveLength(1)
    expect(await audits('approve', me)).toBe(1)
  })

  it('approval stored, stopped before the tags, nobody retries: the timer finishes it after the call', async () => {
    const [me] = await residentsOf('grid-1', 'o-fault-t', 1)
    await data(me, 'askEligibility', { reasons: ['disabled'] })
    const deps = serviceCardDeps()
    const broken: ServiceCardDeps = { ...deps, people: failingOnce(deps.people, 'setTags') }
    await expect(decideEligibility(broken, approve(me, ['disabled']), staff)).rejects.toThrow()
    // Young: the call may still be running; the timer leaves it.
    await finishHalfDoneEligibility(serviceCardDeps())
    expect(await data(me, 'me')).toMatchObject({ eligible: false })

    const later = new Date(Date.now() + HALF_DONE_AFTER_MS + 1000)
    const swept = await finishHalfDoneEligibility({ ...serviceCardDeps(), clock: { now: () => later } })
    expect(swept.finished).toBeGreaterThanOrEqual(1)
    expect(await data(me, 'me')).toMatchObject({ eligible: true, tags: ['disabled'], ask: { status: 'approved' } })
    expect(await inbox(me, 'service-card.eligibility-decided')).toHaveLength(1)
    expect(await audits('approve', me, { actor: 'demo-grid-worker' })).toBe(1)
    expect(await audits('approve', me)).toBe(1)
    await finishHalfDoneEligibility({ ...serviceCardDeps(), clock: { now: () => later } })
    expect(await inbox(me, 'service-card.eligibility-decided')).toHaveLength(1)
  })

  it('a decision stored but not yet told (its answer lost): the retry tells once and marks it told', async () => {
    const [me] = await residentsOf('grid-1', 'o-fault-b', 1)
    await data(me, 'askEligibility', { reasons: ['alone'] })
    const deps = serviceCardDeps()
    const broken: ServiceCardDeps = { ...deps, notify: failingOnce(deps.notify, 'notify') }
    await expect(decideEligibility(broken, decline(me, '经核实不符合条件'), staff)).rejects.toThrow()
    expect((await docs('eligibility_requests', { _id: me }))[0]).toMatchObject({ status: 'declined', told: false })
    expect(await inbox(me, 'service-card.eligibility-decided')).toHaveLength(0)

    const retry = await decideEligibility(serviceCardDeps(), decline(me, '经核实不符合条件'), staff)
    expect(retry).toMatchObject({ ok: true, value: { status: 'declined' } })
    expect((await docs('eligibility_requests', { _id: me }))[0]).toMatchObject({ told: true })
    expect(await inbox(me, 'service-card.eligibility-decided')).toHaveLength(1)
  })

  it('an ask stored before its grid worker was told: asking again once that call surely ended tells once', async () => {
    const [me] = await residentsOf('grid-1', 'o-fault-c', 1)
    const deps = serviceCardDeps()
    const broken: ServiceCardDeps = { ...deps, notify: failingOnce(deps.notify, 'notify', () => true, true) }
    await expect(askEligibility(broken, { reasons: ['mobility'] }, resident(me))).rejects.toThrow()
    expect((await docs('eligibility_requests', { _id: me }))[0]).toMatchObject({ status: 'pending', told: false })
    // Right away the first call may still be running: the same ask, left to it.
    expect(await data(me, 'askEligibility', { reasons: ['mobility'] })).toMatchObject({ status: 'pending', round: 1 })

    const later = new Date(Date.now() + HALF_DONE_AFTER_MS + 1000)
    const lateDeps = { ...serviceCardDeps(), clock: { now: () => later } }
    const again = await askEligibility(lateDeps, { reasons: ['mobility'] }, resident(me))
    expect(again).toMatchObject({ ok: true, value: { status: 'pending', round: 1 } })
    expect((await docs('eligibility_requests', { _id: me }))[0]).toMatchObject({ told: true })
    const told = (await inbox('demo-grid-worker', 'service-card.eligibility-asked')).filter(i => i.body.includes(me))
    expect(told).toHaveLength(1)
    expect(await audits('ask', me)).toBe(1)
  })
})

describe("上门/代办 requests in a grid worker's 待办 and queues", () => {
  it("are her grid's residents' only; staff see every grid's", async () => {
    const [mine] = await residentsOf('grid-1', 'o-grid1', 1)
    const [theirs] = await residentsOf('grid-2', 'o-grid2', 1)
    const tagged = [mine, theirs].map(id => ({ _id: id, tags: ['elderly'], updatedBy: 'test', updatedAt: new Date() }))
    await communityDb().collection('resident_tags').add(tagged)
    const a = await data(mine, 'submitRequest', { itemId: 'item-elder-allowance', mode: 'home' })
    const b = await data(theirs, 'submitRequest', { itemId: 'item-elder-allowance', mode: 'proxy' })
    // 帮办: staff asking for a grid-2 resident files it under her grid, not the staff member's.
    const c = await data('demo-staff', 'submitRequest', {
      itemId: 'item-elder-card',
      mode: 'proxy',
      onBehalfOf: theirs
    })
    expect((await docs('service_requests', { _id: c.id }))[0].gridId).toBe('grid-2')

    const submitted = communityDb().command.in(['submitted'])
    const hers = await todoRow('demo-grid-worker', 'service-unassigned')
    expect(hers!.count).toBe(await count('service_requests', { status: submitted, gridId: 'grid-1' }))
    const grid2 = await count('service_requests', { status: submitted, gridId: 'grid-2' })
    expect((await todoRow('seed-grid-worker-2', 'service-unassigned'))!.count).toBe(grid2)
    const all = await count('service_requests', { status: 'submitted' })
    expect((await todoRow('demo-staff', 'service-unassigned'))!.count).toBe(all)
    expect(hers!.count).toBeLessThan(await count('service_requests', { status: 'submitted' }))

    const list = async (who: string): Promise<string[]> =>
      (await data(who, 'listRequests', { scope: 'unassigned' })).items.map((r: { id: string }) => r.id)
    expect(await list('demo-grid-worker')).toContain(a.id)
    expect(await list('demo-grid-worker')).not.toContain(b.id)
    expect(await list('seed-grid-worker-2')).toEqual(expect.arrayContaining([b.id, c.id]))
    expect(await list('seed-grid-worker-2')).not.toContain(a.id)
    expect(await list('demo-staff')).toEqual(expect.arrayContaining([a.id, b.id, c.id]))
  })
})
