/**
 * The street's communities through the built functions (issue 20): the picker, whoami's community and switch
 * list, a street admin adding a community in the app, and its first admin joining by invite in that community.
 * Needs `npm run build:functions`.
 */
import { DEFAULT_COMMUNITY_ID } from '../../src/core/community/community.model'
import { getDb } from '../../src/server/db/client'
import { useSeededCloud } from './local-cloud.helper'

jest.setTimeout(60_000)

const cloud = useSeededCloud('community')
const STREET_ADMIN = 'it-street-admin'
const FIRST_ADMIN = 'it-street-first-admin'
const week = [
  [],
  ...Array.from({ length: 5 }, () => [{ open: '08:30', close: '17:00' }]),
  [{ open: '09:00', close: '12:00' }]
]
const dongsheng = {
  name: '东圣社区',
  hotline: '021-6000-1234',
  hotlines: [{ name: '养老服务站', number: '021-6000-5678' }],
  grids: [
    {
      name: '东一网格',
      buildings: [
        { name: '1号楼', units: 2 },
        { name: '2号楼', units: 2 }
      ]
    },
    { name: '东二网格', buildings: [{ name: '5号楼', units: 0 }] }
  ],
  weekly: week,
  admin: { name: '李主任' }
}

/** One call as a client sends it, in `communityId` when given, with the database requests it cost. */
async function call(
  fn: string,
  openId: string,
  action: string,
  payload: unknown = {},
  extra: { communityId?: string; requestId?: string } = {}
): Promise<{ body: any; requests: number }> {
  const res = await fetch(`http://127.0.0.1:${cloud.port()}/functions/${fn}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-wx-openid': openId },
    body: JSON.stringify({ action, payload, ...extra })
  })
  const requests = Number(res.headers.get('x-linli-db-reads')) + Number(res.headers.get('x-linli-db-writes'))
  return { body: await res.json(), requests }
}

let added: { id: string; inviteCode: string }

beforeAll(async () => {
  // A street admin (街道管理员): a street role, no community of their own.
  await getDb()
    .collection('users')
    .add({
      _id: STREET_ADMIN,
      name: '街道周主任',
      roles: ['street_admin'],
      communityId: null,
      phone: null,
      memberId: null,
      householdId: null,
      gridId: null,
      createdAt: new Date()
    })
})

describe('a street of one community (the seeded demo, migrated or seeded)', () => {
  it('whoami answers the community and nothing to switch to, in one request besides the router', async () => {
    const { body, requests } = await call('community', 'demo-resident', 'whoami')
    expect(body).toMatchObject({
      ok: true,
      data: {
        registered: true,
        community: { id: DEFAULT_COMMUNITY_ID, name: '春晖社区' },
        switchable: [{ id: DEFAULT_COMMUNITY_ID, name: '春晖社区' }],
        streetSize: 1
      }
    })
    expect(requests).toBeLessThanOrEqual(2)
  })

  it('the migration marked itself done on start', async () => {
    expect(await cloud.count('communities')).toBe(1)
    const marker = (await getDb().collection('timer_runs').doc('street-migration').get()) as { data: unknown[] }
    expect(marker.data).toHaveLength(1)
  })
})

describe('adding a community (街道管理员)', () => {
  it('is refused to a community admin and to a resident, and changes nothing', async () => {
    for (const who of ['demo-admin', 'demo-resident']) {
      const { body } = await call('community', who, 'addCommunity', dongsheng, { requestId: `it-street-no-${who}` })
      expect(body).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    }
    expect((await call('community', 'demo-resident', 'communities')).body.data.items).toHaveLength(1)
  })

  it('adds the community with its grids, hall and hotlines; a retry answers the same', async () => {
    const first = await call('community', STREET_ADMIN, 'addCommunity', dongsheng, { requestId: 'it-street-add-1' })
    expect(first.body).toMatchObject({
      ok: true,
      data: { name: '东圣社区', grids: 2, buildings: 3, units: 4, adminName: '李主任' }
    })
    added = first.body.data
    const again = await call('community', STREET_ADMIN, 'addCommunity', dongsheng, { requestId: 'it-street-add-1' })
    expect(again.body).toEqual(first.body)
    const picker = await call('community', 'it-street-visitor', 'communities')
    expect(picker.body.data).toEqual({
      items: [
        { id: DEFAULT_COMMUNITY_ID, name: '春晖社区' },
        { id: added.id, name: '东圣社区' }
      ],
      cursor: null
    })
    expect(picker.requests).toBeLessThanOrEqual(2)
  })

  it('a street admin may switch to both; a visitor sees a street of two', async () => {
    const admin = await call('community', STREET_ADMIN, 'whoami', {}, { communityId: added.id })
    expect(admin.body.data).toMatchObject({
      community: { id: added.id, name: '东圣社区' },
      roles: ['street_admin'],
      switchable: [
        { id: DEFAULT_COMMUNITY_ID, name: '春晖社区' },
        { id: added.id, name: '东圣社区' }
      ]
    })
    expect(admin.requests).toBeLessThanOrEqual(2)
    const visitor = await call('community', 'it-street-visitor', 'whoami')
    expect(visitor.body.data).toMatchObject({ registered: false, switchable: [], streetSize: 2 })
  })

  it("the new community's home shows its own name, hotlines and hall; 春晖's shows none of it", async () => {
    const home = await call('community', 'it-street-visitor', 'home', {}, { communityId: added.id })
    expect(home.body.data.community).toEqual({ name: '东圣社区', hotline: '021-6000-1234' })
    expect(home.body.data.streetSize).toBe(2)
    expect(home.requests).toBeLessThanOrEqual(4)
    expect(home.body.data.hotlines).toEqual([{ name: '养老服务站', number: '021-6000-5678' }])
    const chunhui = await call('community', 'it-street-visitor', 'home')
    expect(chunhui.body.data.community.name).toBe('春晖社区')
    expect(chunhui.body.data.hotlines).not.toContainEqual({ name: '养老服务站', number: '021-6000-5678' })
  })

  it('its first admin joins with the code in the new community, and is admin there only', async () => {
    const joined = await call(
      'staff',
      FIRST_ADMIN,
      'redeemInvite',
      { code: added.inviteCode },
      { communityId: added.id }
    )
    expect(joined.body).toMatchObject({ ok: true, data: { role: 'admin', name: '李主任' } })
    // Their own community is the new one: no choice needed any more.
    const me = await call('community', FIRST_ADMIN, 'whoami')
    // Asked in no community: their own, and the street's communities still come with the router's read.
    expect(me.requests).toBeLessThanOrEqual(2)
    expect(me.body.data).toMatchObject({
      registered: true,
      roles: ['admin'],
      community: { id: added.id, name: '东圣社区' },
      switchable: [{ id: added.id, name: '东圣社区' }]
    })
    // In 春晖 they are nobody.
    const there = await call('community', FIRST_ADMIN, 'whoami', {}, { communityId: DEFAULT_COMMUNITY_ID })
    expect(there.body.data).toMatchObject({ registered: false, roles: [] })
    // The directory they run is the new community's grids, which 春晖's staff never see.
    const grids = await call('community', FIRST_ADMIN, 'directory', { level: 'grids' })
    expect(grids.body.data.items.map((g: { name: string }) => g.name)).toEqual(['东一网格', '东二网格'])
    const chunhuiGrids = await call('community', 'demo-staff', 'directory', { level: 'grids' })
    expect(chunhuiGrids.body.data.items.map((g: { name: string }) => g.name)).not.toContain('东一网格')
  })

  it('the invite works once', async () => {
    const again = await call(
      'staff',
      'it-street-someone',
      'redeemInvite',
      { code: added.inviteCode },
      {
        communityId: added.id
      }
    )
    expect(again.body).toMatchObject({ ok: false, error: { code: 'INVITE_USED' } })
  })
})

describe('roles are held per community', () => {
  it("the new community's admin makes a 春晖 resident a 社工 there by invite: staff in 东圣, a resident in 春晖", async () => {
    // Not by her OPENID: a person of another community is not found here (db/community-scope.ts, the street's people).
    const direct = await call('staff', FIRST_ADMIN, 'grantRole', {
      userId: 'demo-resident',
      role: 'staff',
      reason: '兼任东圣社区社工'
    })
    expect(direct.body).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    // By an invite she redeems herself: the role is held in 东圣 only.
    const invite = await call(
      'staff',
      FIRST_ADMIN,
      'createInvite',
      { role: 'staff', name: '王秀兰' },
      { requestId: 'it-street-invite-1' }
    )
    expect(invite.body).toMatchObject({ ok: true })
    const joined = await call('staff', 'demo-resident', 'redeemInvite', { code: invite.body.data.code })
    expect(joined.body).toMatchObject({ ok: true, data: { role: 'staff', communityId: added.id } })
    const home = await call('community', 'demo-resident', 'whoami')
    expect(home.body.data).toMatchObject({
      roles: ['resident'],
      community: { id: DEFAULT_COMMUNITY_ID },
      switchable: [
        { id: DEFAULT_COMMUNITY_ID, name: '春晖社区' },
        { id: added.id, name: '东圣社区' }
      ]
    })
    const there = await call('community', 'demo-resident', 'whoami', {}, { communityId: added.id })
    expect(there.body.data).toMatchObject({ registered: true, roles: ['staff'], community: { id: added.id } })
    // 春晖's own staff list does not gain her as staff; 东圣's does.
    const chunhuiStaff = await call('staff', 'demo-admin', 'listUsers', { role: 'staff' })
    expect(chunhuiStaff.body.data.items.map((u: { userId: string }) => u.userId)).not.toContain('demo-resident')
    const dongshengStaff = await call('staff', FIRST_ADMIN, 'listUsers', { role: 'staff' })
    expect(dongshengStaff.body.data.items.map((u: { userId: string }) => u.userId)).toEqual(['demo-resident'])
    // Taken back: she is nobody in 东圣 again.
    const revoked = await call('staff', FIRST_ADMIN, 'revokeRole', {
      userId: 'demo-resident',
      role: 'staff',
      reason: '不再兼任'
    })
    expect(revoked.body).toMatchObject({ ok: true, data: { changed: true } })
    const after = await call('community', 'demo-resident', 'whoami', {}, { communityId: added.id })
    expect(after.body.data).toMatchObject({ registered: false, roles: [] })
  })

  it("a community's admin cannot hand out a street role", async () => {
    const res = await call('staff', 'demo-admin', 'grantRole', {
      userId: 'demo-resident',
      role: 'street_admin',
      reason: '想看全街道'
    })
    expect(res.body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    const who = await call('community', 'demo-resident', 'whoami')
    expect(who.body.data.roles).toEqual(['resident'])
  })
})
