/**
 * 我的老人: the elders one may act for, over the real elder-care repositories on the local cloud's database engine in
 * memory (test/support/in-memory-deps.ts). Each person sees her own profile and the elders who consented to her acting
 * for them, and no one else's.
 */
import {
  addElderWorld,
  addOtherElder,
  callerOf,
  elderPeople as p,
  otherElderPeople as other,
  revokeSon
} from '../../../test/factories/elder-care.factory'
import { elderCareDeps, useWorld } from '../../../test/support/in-memory-deps'
import { myElders } from './elder-profile.usecase'

const world = useWorld('2025-09-02 10:00')
const deps = () => elderCareDeps(world())

beforeEach(async () => {
  await addElderWorld(world().db, world().clock.now())
})

async function eldersOf(who: Parameters<typeof callerOf>[0]) {
  const res = await myElders(deps(), {}, callerOf(who))
  if (!res.ok) throw new Error('myElders failed')
  return res.value.elders
}

describe('myElders', () => {
  it('the elder sees herself, her son sees his mother; staff, a grid worker, a volunteer see nobody', async () => {
    await addOtherElder(world().db)
    expect(await eldersOf(p.elder)).toEqual([{ id: 'elder-1', name: '张桂芳', self: true, relation: null }])
    expect(await eldersOf(p.son)).toEqual([{ id: 'elder-1', name: '张桂芳', self: false, relation: '儿子' }])
    for (const who of [p.onDuty, p.gridWorker, p.helper]) expect(await eldersOf(who)).toEqual([])
  })

  it('another elder sees only herself, and an elder account bound to no member sees nobody', async () => {
    await addOtherElder(world().db)
    expect(await eldersOf(other.elder)).toEqual([{ id: 'elder-2', name: '李秀英', self: true, relation: null }])
    expect(await eldersOf(other.unbound)).toEqual([])
  })

  it('a proxy for two elders sees both; once his mother ends his consent, only the other', async () => {
    await addOtherElder(world().db, true)
    expect((await eldersOf(p.son)).sort((a, b) => a.id.localeCompare(b.id))).toEqual([
      { id: 'elder-1', name: '张桂芳', self: false, relation: '儿子' },
      { id: 'elder-2', name: '李秀英', self: false, relation: '女婿' }
    ])
    await revokeSon(world().db)
    expect(await eldersOf(p.son)).toEqual([{ id: 'elder-2', name: '李秀英', self: false, relation: '女婿' }])
  })
})
