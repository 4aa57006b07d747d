import { demoCommunities, personas, personasOf } from '../../src/core/community/personas'
import { planDemoCommunity } from './demo-community'

const now = new Date('2025-06-01T00:00:00Z')
const plan = planDemoCommunity(now)

describe('the demo community plan', () => {
  it('has the 1:3:9 grid shape and about 300 households', () => {
    expect(plan.grids.map(g => g.name)).toEqual([
      '第一网格',
      '第二网格',
      '第三网格',
      '第四网格',
      '第五网格',
      '第六网格',
      '第七网格',
      '第八网格'
    ])
    expect(plan.buildings).toHaveLength(24)
    expect(plan.units).toHaveLength(72)
    expect(plan.households).toHaveLength(300)
    expect(plan.households[0].door).toMatch(/^1栋1单元\d0[12]$/)
  })

  it('is the same on every run (fixed seed)', () => {
    expect(planDemoCommunity(now)).toEqual(plan)
  })

  it('gives every grid a worker and every building and unit a resident head', () => {
    const users = new Set(plan.users.map(u => u._id))
    const members = new Map(plan.members.map(m => [m._id, m]))
    const households = new Map(plan.households.map(h => [h._id, h]))
    for (const g of plan.grids) expect(users.has(g.workerUserId ?? '')).toBe(true)
    for (const b of plan.buildings)
      expect(households.get(members.get(b.headMemberId ?? '')?.householdId ?? '')?.buildingId).toBe(b._id)
    for (const u of plan.units)
      expect(households.get(members.get(u.headMemberId ?? '')?.householdId ?? '')?.unitId).toBe(u._id)
    const heads = [...plan.buildings, ...plan.units].map(x => x.headMemberId)
    expect(new Set(heads).size).toBe(24 + 72)
  })

  it('includes every persona as a user, residents in 第一网格 households', () => {
    for (const p of personas) {
      const u = plan.users.find(x => x._id === p.openId)
      expect(u).toMatchObject({ name: p.name, roles: p.roles })
    }
    for (const id of ['demo-resident', 'demo-guardian', 'demo-elder', 'demo-volunteer']) {
      const u = plan.users.find(x => x._id === id)
      expect(u?.gridId).toBe('grid-1')
      expect(plan.households.some(h => h._id === u?.householdId)).toBe(true)
    }
    expect(plan.children.filter(c => c.guardianUserId === 'demo-guardian').length).toBeGreaterThan(0)
    expect(plan.elders.find(e => e.name === '张桂芳')?.livesAlone).toBe(true)
    expect(plan.volunteers.find(v => v.userId === 'demo-volunteer')?.partyMember).toBe(true)
  })

  it('uses only phone numbers from the fictional 140-0000 range, each once', () => {
    const phones = [
      ...plan.members.map(m => m.phone),
      ...plan.users.filter(u => !u.memberId).map(u => u.phone),
      ...plan.elders.flatMap(e => e.familyContacts.map(c => c.phone))
    ].filter((p): p is string => p !== null)
    for (const p of phones) expect(p).toMatch(/^1400000\d{4}$/)
    expect(new Set(phones).size).toBe(phones.length)
  })

  it('registers a child only with a guardian consent record, and collects no child phone', () => {
    const consents = new Map(plan.consents.map(c => [c._id, c]))
    expect(plan.children.length).toBeGreaterThan(20)
    for (const child of plan.children) {
      expect(consents.get(child.consentId)).toMatchObject({
        kind: 'child-record',
        subjectId: child._id,
        guardianMemberId: child.guardianMemberId
      })
      expect(plan.members.find(m => m._id === child.memberId)?.phone).toBeNull()
    }
  })

  it('gives households unique bind codes without look-alike characters', () => {
    const codes = plan.households.map(h => h.bindCode)
    expect(new Set(codes).size).toBe(codes.length)
    for (const c of codes) expect(c).toMatch(/^[A-HJ-NP-Z2-9]{8}$/)
  })

  it('gives each elder (70+) a family contact', () => {
    expect(plan.elders.length).toBeGreaterThan(30)
    for (const e of plan.elders) {
      expect(2025 - e.birthYear).toBeGreaterThanOrEqual(70)
      expect(e.familyContacts[0].relation).toMatch(/^(女儿|儿子)$/)
    }
  })
})

describe('the demo street (issue 20)', () => {
  const street = demoCommunities.slice(0, 3).map(c => ({ ...c, plan: planDemoCommunity(now, { communityId: c.id }) }))
  const idsOf = (p: ReturnType<typeof planDemoCommunity>): string[] =>
    Object.values(p).flatMap(docs => (docs as Array<{ _id: string }>).map(d => d._id))

  it('is 春晖社区, 东圣社区 and 新苑社区, the first with exactly the ids it had alone', () => {
    expect(street.map(c => c.plan.settings[0].name)).toEqual(['春晖社区', '东圣社区', '新苑社区'])
    expect(street[0].plan).toEqual(plan)
  })

  it('gives no two records of the street the same id, nor two households the same bind code', () => {
    const ids = street.flatMap(c => idsOf(c.plan))
    expect(new Set(ids).size).toBe(ids.length)
    const codes = street.flatMap(c => c.plan.households.map(h => h.bindCode))
    expect(new Set(codes).size).toBe(codes.length)
    const phones = street.flatMap(c => c.plan.members.map(m => m.phone)).filter(p => p !== null)
    expect(new Set(phones).size).toBe(phones.length)
  })

  it("names another community's personas under their own OPENIDs, in their own households", () => {
    const dongsheng = street[1].plan
    const ps = personasOf('dongsheng')
    expect(ps.map(p => p.label)).toEqual(personas.map(p => p.label))
    for (const p of ps) {
      expect(p.openId).toMatch(/^dongsheng-demo-[a-z-]+$/)
      expect(dongsheng.users.find(u => u._id === p.openId)).toMatchObject({ name: p.name, roles: p.roles })
    }
    const guardian = dongsheng.users.find(u => u._id === 'dongsheng-demo-guardian')
    expect(dongsheng.households.some(h => h._id === guardian?.householdId)).toBe(true)
    expect(dongsheng.children.filter(c => c.guardianUserId === 'dongsheng-demo-guardian').length).toBeGreaterThan(0)
    expect(new Set(street.flatMap(c => personasOf(c.id).map(p => p.name))).size).toBe(3 * personas.length)
  })

  it('scales to 2,000 households in 8 grids, 4 or 5 to a unit', () => {
    const big = planDemoCommunity(now, { communityId: 'jinxiu', households: 2000 })
    expect(big.households).toHaveLength(2000)
    expect(big.grids).toHaveLength(8)
    expect(new Set(big.households.map(h => h.bindCode)).size).toBe(2000)
    const perUnit = new Map<string, number>()
    for (const h of big.households) perUnit.set(h.unitId, (perUnit.get(h.unitId) ?? 0) + 1)
    expect(new Set(perUnit.values())).toEqual(new Set([4, 5]))
    expect(big.users.find(u => u._id === 'jinxiu-demo-elder')?.gridId).toBe('jinxiu-grid-1')
  })
})
