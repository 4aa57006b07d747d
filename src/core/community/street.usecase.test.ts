/**
 * The street's use cases over the real repositories and an in-memory database (test/support/in-memory-deps.ts):
 * the picker, whoami's communities, and a street admin adding a community, a failure between its writes included.
 */
import {
  communityDeps,
  loadCaller,
  rows,
  streetOf,
  useWorld,
  worldIn,
  type World
} from '../../../test/support/in-memory-deps'
import { aCaller } from '../../../test/factories/caller.factory'
import type { CommunityAdminDeps } from './directory.ports'
import { addCommunity, communities } from './street.usecase'
import { whoami } from './whoami.usecase'
import { addCommunityInput, type AddCommunityInput } from './street.schemas'
import { communityIdFor, parseGridLines } from './street.rule'
import { DEFAULT_COMMUNITY_ID } from './community.model'

const world = useWorld('2025-09-01 09:00')
const deps = (): CommunityAdminDeps => communityDeps(world())
const streetAdmin = aCaller({ openId: 'o-street', name: '街道王', roles: ['street_admin'], homeCommunityId: null })
const week = [[], ...Array.from({ length: 5 }, () => [{ open: '08:30', close: '17:00' }]), []]

const input = (over: Partial<AddCommunityInput> = {}): AddCommunityInput =>
  addCommunityInput.parse({
    name: '东圣社区',
    hotline: '021-6000-1234',
    hotlines: [{ name: '养老服务站', number: '021-6000-5678' }],
    grids: [
      {
        name: '第一网格',
        buildings: [
          { name: '1栋', units: 3 },
          { name: '2栋', units: 2 }
        ]
      },
      { name: '第二网格', buildings: [{ name: '3栋', units: 0 }] }
    ],
    weekly: week,
    admin: { name: '李主任' },
    ...over
  })

async function addFirst(w: World): Promise<void> {
  await streetOf(w)
    .collection('communities')
    .doc(DEFAULT_COMMUNITY_ID)
    .set({ name: '春晖社区', hotline: '021-0000-8000', order: 1, createdAt: w.clock.now() })
}

describe('addCommunity', () => {
  it('adds a whole community, its first admin invited, and only then lists it', async () => {
    await addFirst(world())
    const res = await addCommunity(deps(), input(), streetAdmin, { requestId: 'req-add-0001' })
    if (!res.ok) throw new Error(res.code)
    const id = communityIdFor('o-street', 'req-add-0001')
    expect(res.value).toMatchObject({ id, name: '东圣社区', grids: 2, buildings: 3, units: 5, adminName: '李主任' })
    expect(res.value.inviteCode).toMatch(/^[A-Z2-9]{8}$/)

    const there = worldIn(world(), id).db
    expect((await rows(there, 'grids')).map(g => g.name)).toEqual(['第一网格', '第二网格'])
    expect((await rows(there, 'units')).map(u => u.name).sort()).toEqual(['1单元', '1单元', '2单元', '2单元', '3单元'])
    // Nothing of the new community is in the first one's view.
    expect(await rows(world().db, 'grids')).toEqual([])
    const [invite] = await rows(there, 'staff_invites')
    expect(invite).toMatchObject({ _id: res.value.inviteCode, role: 'admin', name: '李主任', usedBy: null })
    expect(await rows(there, 'audit', { action: 'community.add' })).toHaveLength(1)

    const page = await communities(deps(), {})
    expect(page.ok && page.value.items).toEqual([
      { id: DEFAULT_COMMUNITY_ID, name: '春晖社区' },
      { id, name: '东圣社区' }
    ])
  })

  it('finishes what a failed first try began when retried with the same requestId, and adds nothing twice', async () => {
    const d = deps()
    let failUnits = true
    const flaky: CommunityAdminDeps = {
      ...d,
      setupOf: cid => {
        const setup = d.setupOf(cid)
        return {
          ...setup,
          addMissing: async (collection, docs) => {
            if (collection === 'units' && failUnits) {
              // Half the units written, then the function is cut off.
              await setup.addMissing(collection, docs.slice(0, 2))
              failUnits = false
              throw new Error('DATABASE_REQUEST_FAILED')
            }
            await setup.addMissing(collection, docs)
          }
        }
      }
    }
    const call = { requestId: 'req-add-0002' }
    await expect(addCommunity(flaky, input(), streetAdmin, call)).rejects.toThrow('DATABASE_REQUEST_FAILED')
    const id = communityIdFor('o-street', 'req-add-0002')
    // Half done: recorded as unfinished, in no picker.
    expect((await rows(streetOf(world()), 'communities', { _id: id }))[0]).toMatchObject({ ready: false })
    expect((await communities(d, {})).ok && (await whoami(d, {}, streetAdmin)).ok).toBe(true)
    const before = await communities(d, {})
    expect(before.ok && before.value.items.map(c => c.id)).not.toContain(id)

    const retry = await addCommunity(flaky, input(), streetAdmin, call)
    const again = await addCommunity(d, input(), streetAdmin, call)
    if (!retry.ok || !again.ok) throw new Error('retry failed')
    expect(again.value).toEqual(retry.value)
    const there = worldIn(world(), id).db
    expect(await rows(there, 'units')).toHaveLength(5)
    expect(await rows(there, 'grids')).toHaveLength(2)
    expect(await rows(there, 'staff_invites')).toHaveLength(1)
    expect(await rows(there, 'audit', { action: 'community.add' })).toHaveLength(1)
    const after = await communities(d, {})
    expect(after.ok && after.value.items.map(c => c.id)).toContain(id)
  })

  it('refuses a call without a requestId: a retry could not find what it made', async () => {
    const res = await addCommunity(deps(), input(), streetAdmin, { requestId: null })
    expect(res).toMatchObject({ ok: false, code: 'CONFLICT' })
    expect(await rows(streetOf(world()), 'communities')).toEqual([])
  })

  it('refuses a grid named twice, a building named twice in a grid, and no grid at all', () => {
    const twice = addCommunityInput.safeParse({ ...input(), grids: [input().grids[0], input().grids[0]] })
    expect(twice.success).toBe(false)
    const none = addCommunityInput.safeParse({ ...input(), grids: [] })
    expect(none.success).toBe(false)
  })
})

describe('the street as a person sees it', () => {
  it('a street admin may switch to every community; a resident only to their own; a visitor to none', async () => {
    await addFirst(world())
    const added = await addCommunity(deps(), input(), streetAdmin, { requestId: 'req-add-0003' })
    if (!added.ok) throw new Error(added.code)
    const admin = await whoami(deps(), {}, streetAdmin)
    expect(admin.ok && admin.value).toMatchObject({
      community: { id: DEFAULT_COMMUNITY_ID, name: '春晖社区' },
      streetSize: 2,
      switchable: [
        { id: DEFAULT_COMMUNITY_ID, name: '春晖社区' },
        { id: added.value.id, name: '东圣社区' }
      ]
    })
    const resident = await whoami(deps(), {}, aCaller())
    expect(resident.ok && resident.value.switchable).toEqual([{ id: DEFAULT_COMMUNITY_ID, name: '春晖社区' }])
    // A 社工 of 春晖 who also covers 东圣 (rolesIn).
    const users = streetOf(world()).collection('users')
    await users.add({
      _id: 'o-both',
      name: '两边',
      roles: ['staff'],
      communityId: DEFAULT_COMMUNITY_ID,
      rolesIn: { [added.value.id]: ['staff'] }
    })
    const both = await loadCaller(world(), 'o-both', added.value.id)
    const res = await whoami(deps(), {}, both)
    expect(res.ok && res.value).toMatchObject({ community: { id: added.value.id, name: '东圣社区' }, roles: ['staff'] })
    expect(res.ok && res.value.switchable.map(c => c.id)).toEqual([DEFAULT_COMMUNITY_ID, added.value.id])
  })

  it('pages the picker 20 at a time in the street order', async () => {
    const coll = streetOf(world()).collection('communities')
    for (let i = 1; i <= 23; i++) await coll.add({ _id: `c${i}`, name: `社区${i}`, order: i, createdAt: new Date() })
    const first = await communities(deps(), {})
    if (!first.ok) throw new Error('no page')
    expect(first.value.items).toHaveLength(20)
    expect(first.value.items[0]).toEqual({ id: 'c1', name: '社区1' })
    const second = await communities(deps(), { cursor: first.value.cursor ?? undefined })
    expect(second.ok && second.value).toEqual({
      items: [21, 22, 23].map(i => ({ id: `c${i}`, name: `社区${i}` })),
      cursor: null
    })
  })
})

describe('parseGridLines', () => {
  it('reads a grid per line, its buildings with their unit counts', () => {
    expect(parseGridLines('第一网格 1栋/4，2栋/2\n\n第二网格：3栋')).toEqual({
      ok: true,
      grids: [
        {
          name: '第一网格',
          buildings: [
            { name: '1栋', units: 4 },
            { name: '2栋', units: 2 }
          ]
        },
        { name: '第二网格', buildings: [{ name: '3栋', units: 0 }] }
      ]
    })
  })

  it('says which line has too many units', () => {
    expect(parseGridLines('第一网格 1栋/4\n第二网格 2栋/99')).toMatchObject({ ok: false, line: 2 })
  })
})
