import { aCaller, anUnregisteredCaller } from '../../../test/factories/caller.factory'
import { demoCommunity, fakeDirectory } from '../../../test/factories/community-directory.fake'
import { home } from './home.usecase'
import { homeSchema } from './home.schemas'
import { fixedClock } from '../shared/clock'

const data = demoCommunity()
const clock = fixedClock('2025-06-03T02:00:00Z') // a Tuesday, 10:00 in Shanghai
const deps = { directory: fakeDirectory(data), clock }
const userCaller = (openId: string) => {
  const u = data.users.find(x => x._id === openId)
  if (!u) throw new Error(openId)
  return aCaller({ openId, name: u.name, roles: u.roles, householdId: u.householdId, gridId: u.gridId })
}

async function homeOf(caller: ReturnType<typeof aCaller>) {
  const res = await home(deps, {}, caller)
  if (!res.ok) throw new Error(res.code)
  return homeSchema.parse(res.value) // the contract the app renders
}

describe('home', () => {
  it('shows a resident where they live and whom to call, phones masked', async () => {
    const h = await homeOf(userCaller('demo-resident'))
    expect(h.me).toEqual({ registered: true, name: '王秀兰', roles: ['resident'] })
    expect(h.address).toEqual({ grid: '第一网格', building: '1栋', unit: '1单元' })
    expect(h.contacts.map(c => c.title)).toEqual(['网格员', '楼长', '单元长'])
    expect(h.contacts[0].name).toBe('刘海燕')
    for (const c of h.contacts) expect(c.phoneMasked).toMatch(/^1\d\d\*{4}\d{4}$/)
    expect(JSON.stringify(h)).not.toMatch(/1\d{10}/) // no full number anywhere
    expect(h.workload).toEqual([])
  })

  it('gives the community name and hotline to everyone', async () => {
    const h = await homeOf(anUnregisteredCaller())
    expect(h.community).toEqual({ name: '春晖社区', hotline: '021-0000-8000' })
  })

  it("shows an unregistered caller no address and a plain resident's tiles", async () => {
    const h = await homeOf(anUnregisteredCaller())
    expect(h.me).toEqual({ registered: false, name: null, roles: [] })
    expect(h.address).toBeNull()
    expect(h.contacts).toEqual([])
    expect(h.tiles.map(t => t.key)).toEqual([
      'service-card',
      'elder-care',
      'grid',
      'volunteers',
      'community',
      'notifications'
    ])
  })

  it('adds the guardian and elder tiles for those personas', async () => {
    expect((await homeOf(userCaller('demo-guardian'))).tiles.map(t => t.key)).toContain('classes')
    expect((await homeOf(userCaller('demo-elder'))).tiles.map(t => t.key)).toEqual(
      expect.arrayContaining(['elder-care', 'sos'])
    )
    expect((await homeOf(userCaller('demo-volunteer'))).tiles.map(t => t.key)).toContain('volunteers')
  })

  it("counts a grid worker's own grid", async () => {
    const h = await homeOf(userCaller('demo-grid-worker'))
    const inGrid1 = <T extends { gridId: string }>(docs: T[]) => docs.filter(d => d.gridId === 'grid-1').length
    expect(h.workload).toEqual([
      { label: '本网格户数', count: inGrid1(data.households) },
      { label: '本网格居民', count: inGrid1(data.members) },
      { label: '本网格老人', count: inGrid1(data.elders) }
    ])
    expect(h.address).toBeNull()
    expect(h.tiles.map(t => t.key)).toContain('staff')
  })

  it('shows a grid worker who lives in the community her household card and her grid, in one read of her own', async () => {
    const directory = fakeDirectory(data)
    const resident = data.users.find(u => u._id === 'demo-resident')!
    const worker = aCaller({
      openId: 'o-grid-worker-at-home',
      name: '周晓燕',
      roles: ['resident', 'grid_worker'],
      householdId: resident.householdId,
      gridId: 'grid-1'
    })
    const res = await home({ directory, clock }, {}, worker)
    if (!res.ok) throw new Error(res.code)
    const h = homeSchema.parse(res.value)
    expect(h.address).toEqual({ grid: '第一网格', building: '1栋', unit: '1单元' })
    expect(h.contacts.map(c => c.title)).toEqual(['网格员', '楼长', '单元长'])
    expect(h.workload.map(w => w.label)).toEqual(['本网格户数', '本网格居民', '本网格老人'])
    expect(h.workload[0].count).toBe(data.households.filter(x => x.gridId === 'grid-1').length)
    // The settings, the duty roster, and her card with her counts: three reads, not four.
    expect(directory.reads).toBe(3)
  })

  it('counts the whole community for staff and admin', async () => {
    for (const id of ['demo-staff', 'demo-admin']) {
      const h = await homeOf(userCaller(id))
      expect(h.workload).toEqual([
        { label: '社区户数', count: 300 },
        { label: '居民人数', count: data.members.length },
        { label: '登记老人', count: data.elders.length },
        { label: '登记儿童', count: data.children.length }
      ])
    }
  })

  it('falls back to a default profile and no contacts when records are missing', async () => {
    const bare = {
      directory: fakeDirectory({ households: data.households, grids: [], buildings: [], units: [] }),
      clock
    }
    const res = await home(bare, {}, userCaller('demo-resident'))
    expect(res.ok && res.value.community).toEqual({ name: '邻里社区', hotline: '' })
    expect(res.ok && res.value.contacts).toEqual([])
  })
})
