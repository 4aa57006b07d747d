/**
 * Volunteering across a street of communities (issue 20), through the BUILT volunteers function on the local cloud,
 * over the seeded demo community (the first) and a second community, 东圣 ('dongsheng'), written here through its own
 * view (communityDb). A volunteer of the demo community browses, claims, checks in and earns hours in 东圣 by naming
 * it in the envelope; their one record and certificate carry both; 东圣's 社工 sees them only on 东圣's roster; their
 * 双报到 stays at home. Needs `npm run build:functions` first.
 */
import { getDb } from '../../src/server/db/client'
import { DEFAULT_COMMUNITY_ID } from '../../src/core/community/community.model'
import { addApprovedVolunteers } from '../factories/volunteers.factory'
import { openAs } from './deep-links.helper'
import { communityDb, useSeededCloud } from './local-cloud.helper'

jest.setTimeout(90_000)

const cloud = useSeededCloud('volunteers')
const B = 'dongsheng'
const HOUR = 3_600_000
/** A call in community `communityId` (the envelope's `communityId`, as the app's community choice sends it). */
const callIn = async (communityId: string, openId: string, action: string, payload: unknown = {}): Promise<any> =>
  await cloud.raw(openId, { action, payload, communityId })
const inB = async (openId: string, action: string, payload: unknown = {}): Promise<any> =>
  await callIn(B, openId, action, payload)

let homeName: string
let taskB: string
let laterB: string

beforeAll(async () => {
  const street = getDb()
  homeName = ((await street.collection('communities').doc(DEFAULT_COMMUNITY_ID).get()) as { data: any[] }).data[0].name
  await street.collection('communities').doc(B).set({ name: '东圣社区', hotline: '021-00000000', order: 2 })
  // 东圣's 社工: a user of that community holding staff there.
  await street.collection('users').add({ _id: 'b-staff', name: '东圣社工', communityId: B, roles: ['staff'] })
  // Two 东圣 tasks, published by its staff: one starting in ten minutes (check-in is open), one tomorrow.
  const publish = async (title: string, startIn: number): Promise<string> => {
    const start = new Date(Date.now() + startIn)
    const res = await inB('b-staff', 'publishTask', {
      title,
      teamId: null,
      place: '东圣社区广场',
      detail: '',
      startAt: start.toISOString(),
      endAt: new Date(start.getTime() + 2 * HOUR).toISOString(),
      roles: [{ key: 'guide', name: '引导员', slots: 3, skills: [] }],
      withdrawCutoffHours: 2
    })
    expect(res).toMatchObject({ ok: true })
    return res.data.id
  }
  taskB = await publish('东圣垃圾分类引导', 10 * 60_000)
  laterB = await publish('东圣图书角值守', 30 * HOUR)
})

describe('a volunteer of the demo community serving in 东圣', () => {
  it("browses 东圣's tasks there, claims one, and sees the shift with its community in their own list", async () => {
    const board = await inB('demo-volunteer', 'tasks')
    expect(board.ok).toBe(true)
    expect(board.data.items.map((t: { title: string }) => t.title)).toEqual(['东圣垃圾分类引导', '东圣图书角值守'])
    // The home board does not show 东圣's tasks.
    const home = await cloud.call('demo-volunteer', 'tasks', {})
    expect(home.data.items.map((t: { id: string }) => t.id)).not.toContain(taskB)
    expect(await inB('demo-volunteer', 'claim', { taskId: taskB, roleKey: 'guide' })).toMatchObject({ ok: true })
    const mine = await cloud.call('demo-volunteer', 'myClaims', {})
    expect(mine.data.find((c: { taskId: string }) => c.taskId === taskB)).toMatchObject({
      communityId: B,
      community: '东圣社区'
    })
    expect(mine.data.every((c: any) => c.taskId === taskB || c.communityId === DEFAULT_COMMUNITY_ID)).toBe(true)
    // The task page in 东圣 shows it as theirs; asked at home, the 东圣 task is not there.
    expect((await inB('demo-volunteer', 'task', { taskId: taskB })).data).toMatchObject({
      mine: { status: 'claimed' },
      community: '东圣社区'
    })
    expect((await cloud.call('demo-volunteer', 'task', { taskId: taskB })).error.code).toBe('NOT_FOUND')
  })

  it('is never booked at the same time in two communities', async () => {
    const [v] = await addApprovedVolunteers(communityDb(), 'street-overlap', 1)
    const start = new Date(Date.now() + 30 * HOUR + HOUR) // inside 东圣's 30 h + 2 h task
    const atHome = await cloud.call('demo-staff', 'publishTask', {
      title: '社区敬老院义剪',
      teamId: null,
      place: '敬老院',
      detail: '',
      startAt: start.toISOString(),
      endAt: new Date(start.getTime() + 2 * HOUR).toISOString(),
      roles: [{ key: 'cut', name: '理发', slots: 2, skills: [] }],
      withdrawCutoffHours: 2
    })
    expect((await cloud.call(v.openId, 'claim', { taskId: atHome.data.id, roleKey: 'cut' })).ok).toBe(true)
    expect((await inB(v.openId, 'claim', { taskId: laterB, roleKey: 'guide' })).error).toMatchObject({
      code: 'TIME_CONFLICT',
      message: '这个时间您已报名了其他活动'
    })
    // Withdrawn at home, the time is free in 东圣.
    expect((await cloud.call(v.openId, 'withdraw', { taskId: atHome.data.id })).ok).toBe(true)
    expect(await inB(v.openId, 'claim', { taskId: laterB, roleKey: 'guide' })).toMatchObject({ ok: true })
  })

  it('checks in by code in 东圣; the verified hours land on the one record and on a certificate naming 东圣', async () => {
    const before = (await cloud.call('demo-volunteer', 'me', {})).data.totals
    const code = await inB('b-staff', 'checkinCode', { taskId: taskB })
    expect(code.ok).toBe(true)
    expect((await inB('demo-volunteer', 'checkIn', { taskId: taskB, code: code.data.code })).data.status).toBe(
      'checked_in'
    )
    const again = await inB('b-staff', 'checkinCode', { taskId: taskB })
    expect((await inB('demo-volunteer', 'checkOut', { taskId: taskB, code: again.data.code })).ok).toBe(true)
    const volunteerId = (await cloud.call('demo-volunteer', 'me', {})).data.profile.id
    const verified = await inB('b-staff', 'verify', { taskId: taskB, volunteerId, approve: true, minutes: 120 })
    expect(verified).toMatchObject({ ok: true, data: { status: 'verified', hours: 2 } })
    // The record is 东圣's; the hours are the person's, wherever they look.
    expect(await communityDb(B).collection('vol_attendance').where({ taskId: taskB }).count()).toMatchObject({
      total: 1
    })
    for (const ask of [() => cloud.call('demo-volunteer', 'me', {}), () => inB('demo-volunteer', 'me')]) {
      expect((await ask()).data.totals).toEqual({ hours: before.hours + 2, activities: before.activities + 1 })
    }
    const issued = await cloud.call('demo-volunteer', 'issueCertificate', {}, undefined)
    expect(issued).toMatchObject({ ok: true, data: { totalHours: before.hours + 2 } })
    const cert = ((await getDb().collection('vol_certificates').doc(issued.data.serial).get()) as any).data[0]
    expect(cert.items).toContainEqual(expect.objectContaining({ content: '东圣垃圾分类引导', community: '东圣社区' }))
    expect(cert.items.filter((i: { community: string }) => i.community === homeName).length).toBeGreaterThan(0)
    expect(cert.issuer).toBe(`${homeName}居民委员会`)
    // The holder and their home staff open it; 东圣's 社工 can't.
    expect((await cloud.call('demo-staff', 'downloadCertificate', { serial: issued.data.serial })).ok).toBe(true)
    expect((await inB('b-staff', 'downloadCertificate', { serial: issued.data.serial })).error.code).toBe('FORBIDDEN')
  })
})

describe("东圣's 社工 sees a demo volunteer only on 东圣's roster", () => {
  it('roster yes (masked phone); applications, review, marks, exports and the quarterly list no', async () => {
    const volunteerId = (await cloud.call('demo-volunteer', 'me', {})).data.profile.id
    const roster = await inB('b-staff', 'roster', { taskId: taskB })
    expect(roster.data.rows).toEqual([
      expect.objectContaining({ volunteerId, phoneMasked: expect.stringMatching(/^\d{3}\*{4}\d{4}$/) })
    ])
    // A pending registration at home: the home staff see it, 东圣's don't, and can't approve it.
    await cloud.call('demo-resident', 'register', {
      name: '居民申请',
      phone: '13900000009',
      skills: [],
      availability: [],
      teamIds: [],
      party: null
    })
    const pendingHome = (await cloud.call('demo-staff', 'applications', {})).data.items
    expect(pendingHome.length).toBeGreaterThan(0)
    expect((await inB('b-staff', 'applications')).data.items).toEqual([])
    const theirs = pendingHome[0].id
    expect((await inB('b-staff', 'review', { volunteerId: theirs, decision: 'approve' })).error.code).toBe('NOT_FOUND')
    expect((await inB('b-staff', 'exportMember', { volunteerId })).error.code).toBe('NOT_FOUND')
    expect((await inB('b-staff', 'quarterCheck')).data).toMatchObject({ members: 0, items: [] })
    expect((await inB('b-staff', 'marks')).data.items).toEqual([])
    expect((await cloud.call('demo-staff', 'exportMember', { volunteerId })).data.csv).toContain('东圣垃圾分类引导')
  })

  it('a resident of the demo community who is not a volunteer has no standing in 东圣', async () => {
    expect((await inB('demo-resident', 'tasks')).error.code).toMatch(/FORBIDDEN|NOT_REGISTERED/)
  })
})

describe('双报到: a party member reports to the community where they live', () => {
  it('claims service posts only at home; 东圣 neither lists nor reminds them', async () => {
    const post = await inB('b-staff', 'createPost', { category: '政策宣传', name: '东圣政策宣传员', duty: '每月一次' })
    expect(post.ok).toBe(true)
    expect((await inB('demo-volunteer', 'claimPost', { postId: post.data.id })).error).toMatchObject({
      code: 'HOME_COMMUNITY_ONLY',
      message: '志愿者登记和党员服务岗位在您居住的社区办理，请回到本人社区再试'
    })
    // A party member of the demo community with nothing yet this quarter: below the rule at home only.
    const [p] = await addApprovedVolunteers(communityDb(), 'street-party', 1, { partyMember: true })
    const homeCheck = (await cloud.call('demo-staff', 'quarterCheck', {})).data
    expect(homeCheck.below).toBeGreaterThan(0)
    expect((await inB('b-staff', 'quarterCheck')).data).toMatchObject({ members: 0, below: 0 })
    // The timer runs each community's reminders in turn (the street's order): home reminds them, 东圣 nobody.
    // A job run by name answers the street's total (define-function.ts); where each reminder went is in the inboxes.
    expect((await cloud.tick('quarterReminder')).reminded).toBeGreaterThan(0)
    expect(await cloud.count('inbox', { to: p.openId, kind: 'volunteers.quarter-reminder' })).toBe(1)
    const there = await communityDb(B)
      .collection('inbox')
      .where({ to: p.openId, kind: 'volunteers.quarter-reminder' })
      .count()
    expect(there).toMatchObject({ total: 0 })
  })
})

describe("a notice of another community's task opens it there", () => {
  it('the claim confirmation links to the task page in 东圣, and every inbox link opens as its reader', async () => {
    const [v] = await addApprovedVolunteers(communityDb(), 'street-link', 1)
    expect(await inB(v.openId, 'claim', { taskId: laterB, roleKey: 'guide' })).toMatchObject({ ok: true })
    const told = await getDb().collection('inbox').where({ to: v.openId, kind: 'volunteers.claim' }).get()
    const [notice] = (told as { data: Array<{ link: string }> }).data
    expect(notice.link).toBe(`/pages/volunteers/task?id=${laterB}&community=${B}`)
    // The page opens as its reader, in 东圣 (the link names it) …
    expect(await openAs(cloud, v.openId, notice.link)).toEqual([])
    // … and the notice is in their inbox at home: a person's inbox is theirs in every community.
    const inbox = await cloud.callOther('notifications', v.openId, 'inboxList', {})
    expect(inbox.data.items.map((i: { link: string }) => i.link)).toContain(notice.link)
    expect((await cloud.callOther('notifications', v.openId, 'unreadCount', {})).data).toMatchObject({ count: 1 })
    // Withdrawn in 东圣 (well before the cut-off): not late, and the time is free again.
    expect(await inB(v.openId, 'withdraw', { taskId: laterB })).toMatchObject({ ok: true, data: { late: false } })
    expect(await inB(v.openId, 'task', { taskId: laterB })).toMatchObject({ ok: true, data: { mine: null } })
  })
})
