/**
 * Volunteering across a street of communities (issue 20) in process: one in-memory database seen from two
 * communities, 春晖 (the first, DEFAULT_COMMUNITY_ID) and 东圣 ('b'), as the router gives each call its community's
 * view (test/support/in-memory-deps.ts). A volunteer of 春晖 serves a 东圣 task: one ledger, one record of hours, one
 * certificate; 东圣's staff see them only as serving 东圣's task; 双报到 stays with 春晖.
 */
import { aCaller } from '../../../test/factories/caller.factory'
import { addApprovedVolunteers, type TestVolunteer } from '../../../test/factories/volunteers.factory'
import {
  minutes,
  rows,
  streetOf,
  useWorld,
  volunteersDeps,
  worldIn,
  type World
} from '../../../test/support/in-memory-deps'
import { DEFAULT_COMMUNITY_ID } from '../community/community.model'
import { shanghaiInstant } from '../shared/shanghai-time'
import { checkIn, checkOut, roster, verify } from './attendance.usecase'
import { issueCertificate } from './certificates.usecase'
import { exportMember } from './certificates.usecase'
import { me } from './me.usecase'
import { claimPost, createPost, quarterCheck, remindQuarter } from './posts.usecase'
import { listApplications, register, review } from './register.usecase'
import { claim, listStreetCommunities, listTasks, myClaims, publishTask, taskDetail } from './tasks.usecase'
import { publishTaskInput, registerInput } from './volunteers.schemas'

// Thursday 4 September 2025, 09:00 in Shanghai.
const world = useWorld('2025-09-04 09:00')
const A = DEFAULT_COMMUNITY_ID
const B = 'b'
/** Community B's view of the same database, as the router builds it for a call in B. */
const inB = (w: World): World => worldIn(w, B)
const depsA = () => volunteersDeps(world())
const depsB = () => volunteersDeps(inB(world()))

const staffA = aCaller({ openId: 'o-staff-a', name: '春晖社工', roles: ['staff'] })
const staffB = aCaller({ openId: 'o-staff-b', name: '东圣社工', roles: ['staff'], communityId: B, homeCommunityId: B })
/** A volunteer of 春晖 calling in `community`: at home with their roles there, elsewhere with the volunteer role. */
const volunteerIn = (v: TestVolunteer, community: string) =>
  aCaller({
    openId: v.openId,
    name: v.openId,
    roles: community === A ? ['resident', 'volunteer'] : ['volunteer'],
    communityId: community,
    homeCommunityId: A
  })

let rid = 0
const call = () => ({ requestId: `street-${++rid}` })

beforeEach(async () => {
  await streetOf(world())
    .collection('communities')
    .add([
      { _id: A, name: '春晖社区', order: 1 },
      { _id: B, name: '东圣社区', order: 2 }
    ])
})

/** A task published by the community's staff on Saturday 6 September, `from`–`to` Shanghai time. */
async function aTask(community: 'a' | 'b', title: string, from: string, to: string): Promise<string> {
  const input = publishTaskInput.parse({
    title,
    teamId: null,
    place: community === 'a' ? '春晖广场' : '东圣广场',
    detail: '',
    startAt: `2025-09-06T${from}:00+08:00`,
    endAt: `2025-09-06T${to}:00+08:00`,
    roles: [{ key: 'guide', name: '引导员', slots: 2, skills: [] }]
  })
  const res = community === 'a' ? await publishTask(depsA(), input, staffA) : await publishTask(depsB(), input, staffB)
  if (!res.ok) throw new Error(res.code)
  return res.value.id
}

/** Served on the day: checks in and out with the codes at the place, and the organiser (the staff) verifies. */
async function serve(community: 'a' | 'b', v: TestVolunteer, taskId: string): Promise<void> {
  const deps = community === 'a' ? depsA() : depsB()
  const organiser = community === 'a' ? staffA : staffB
  const caller = volunteerIn(v, community === 'a' ? A : B)
  const code = async (): Promise<string> => (await deps.codes.current(taskId, deps.clock.now())).code
  expect(await checkIn(deps, { taskId, code: await code() }, caller)).toMatchObject({ ok: true })
  world().clock.advance(minutes(120))
  expect(await checkOut(deps, { taskId, code: await code() }, caller)).toMatchObject({ ok: true })
  const verified = await verify(deps, { taskId, volunteerId: v.volunteerId, approve: true }, organiser)
  expect(verified).toMatchObject({ ok: true, value: { status: 'verified', hours: 2 } })
}

/** Moves the frozen clock to Saturday 6 September at `hhmm` Shanghai time. */
const toSaturday = (hhmm: string): void =>
  world().clock.advance(shanghaiInstant('2025-09-06', hhmm).getTime() - world().clock.now().getTime())

describe('a volunteer of 春晖 serves in 东圣', () => {
  it('sees and claims a 东圣 task there, never at the same time as a 春晖 shift, and lists both shifts by community', async () => {
    const [v] = await addApprovedVolunteers(world().db, 'chun', 1)
    const inA = await aTask('a', '春晖敬老院义剪', '09:00', '11:00')
    const overlapping = await aTask('b', '东圣垃圾分类引导', '10:00', '12:00')
    const afternoon = await aTask('b', '东圣图书角值守', '14:00', '16:00')
    // The board in 东圣 shows 东圣's tasks only.
    const board = await listTasks(depsB(), {}, volunteerIn(v, B))
    expect(board.ok && board.value.items.map(t => t.title)).toEqual(['东圣垃圾分类引导', '东圣图书角值守'])
    expect(await claim(depsA(), { taskId: inA, roleKey: 'guide' }, volunteerIn(v, A), call())).toMatchObject({
      ok: true
    })
    // The ledger is the person's across the street: 东圣's 10:00 overlaps 春晖's 09:00–11:00.
    expect(await claim(depsB(), { taskId: overlapping, roleKey: 'guide' }, volunteerIn(v, B), call())).toMatchObject({
      ok: false,
      code: 'TIME_CONFLICT',
      message: '这个时间您已报名了其他活动'
    })
    expect(await claim(depsB(), { taskId: afternoon, roleKey: 'guide' }, volunteerIn(v, B), call())).toMatchObject({
      ok: true
    })
    // The claim is 东圣's record; the ledger one record naming each hold's community.
    expect(await rows(inB(world()).db, 'vol_claims', { volunteerId: v.volunteerId })).toEqual([
      expect.objectContaining({ taskId: afternoon, communityId: B, status: 'claimed' })
    ])
    const [ledger] = await rows(world().db, 'vol_ledgers', { _id: v.volunteerId })
    expect(ledger.holds.map((h: { taskId: string; communityId: string }) => [h.taskId, h.communityId])).toEqual([
      [inA, A],
      [afternoon, B]
    ])
    // Their own list, from either community, shows each shift with its community.
    for (const deps of [depsA(), depsB()]) {
      const mine = await myClaims(deps, {}, volunteerIn(v, A))
      expect(mine.ok && mine.value.map(c => [c.title, c.communityId, c.community])).toEqual([
        ['春晖敬老院义剪', A, '春晖社区'],
        ['东圣图书角值守', B, '东圣社区']
      ])
    }
  })

  it("a 春晖 shift's time is not mistaken for a crash's leftover when claiming in 东圣 minutes later", async () => {
    // A hold older than a couple of minutes whose claim can't be found is dropped as an orphan (a crash between hold
    // and claim): the claim is 春晖's, and must be looked for there, not in 东圣.
    const [v] = await addApprovedVolunteers(world().db, 'orphan', 1)
    const inA = await aTask('a', '春晖敬老院义剪', '09:00', '11:00')
    const inBTask = await aTask('b', '东圣垃圾分类引导', '10:00', '12:00')
    await claim(depsA(), { taskId: inA, roleKey: 'guide' }, volunteerIn(v, A), call())
    world().clock.advance(minutes(10))
    expect(await claim(depsB(), { taskId: inBTask, roleKey: 'guide' }, volunteerIn(v, B), call())).toMatchObject({
      ok: false,
      code: 'TIME_CONFLICT'
    })
  })

  it('hours served in 东圣 land on the one record: the totals, and a certificate naming each community', async () => {
    const [v] = await addApprovedVolunteers(world().db, 'hours', 1)
    const inA = await aTask('a', '春晖敬老院义剪', '08:00', '10:00')
    const inBTask = await aTask('b', '东圣垃圾分类引导', '14:00', '16:00')
    await claim(depsA(), { taskId: inA, roleKey: 'guide' }, volunteerIn(v, A), call())
    await claim(depsB(), { taskId: inBTask, roleKey: 'guide' }, volunteerIn(v, B), call())
    toSaturday('08:00')
    await serve('a', v, inA)
    toSaturday('14:00')
    await serve('b', v, inBTask)
    // The attendance is each community's record (its staff verified it there).
    expect((await rows(inB(world()).db, 'vol_attendance')).map(r => [r.taskId, r.status])).toEqual([
      [inBTask, 'verified']
    ])
    for (const deps of [depsA(), depsB()]) {
      const page = await me(deps, {}, volunteerIn(v, A))
      expect(page.ok && page.value.totals).toEqual({ hours: 4, activities: 2 })
    }
    const issued = await issueCertificate(depsB(), {}, volunteerIn(v, B))
    expect(issued).toMatchObject({ ok: true, value: { totalHours: 4 } })
    const [cert] = await rows(world().db, 'vol_certificates', { volunteerId: v.volunteerId })
    expect(cert.items.map((i: { content: string; community: string }) => [i.content, i.community])).toEqual([
      ['春晖敬老院义剪', '春晖社区'],
      ['东圣垃圾分类引导', '东圣社区']
    ])
    // Issued in the name of the community where they live and registered.
    expect(cert).toMatchObject({ issuer: '春晖社区居民委员会', communityId: A })
  })
})

describe("a 社工 of 东圣 sees nothing of a 春晖 volunteer except serving 东圣's task", () => {
  it('registration: applied at home, reviewed only by the home staff', async () => {
    await world()
      .db.collection('users')
      .add({ _id: 'o-new', name: '新志愿者', roles: ['resident'], memberId: null, householdId: null, gridId: null })
    const input = registerInput.parse({
      name: '新志愿者',
      phone: '13800000001',
      skills: [],
      availability: [],
      teamIds: [],
      party: null
    })
    const resident = aCaller({ openId: 'o-new', roles: ['resident'] })
    // Not from another community: registration is where they live.
    expect(await register(depsB(), input, { ...resident, communityId: B })).toMatchObject({
      ok: false,
      code: 'HOME_COMMUNITY_ONLY'
    })
    const made = await register(depsA(), input, resident)
    expect(made).toMatchObject({ ok: true })
    const id = made.ok ? made.value.id : ''
    expect((await rows(streetOf(world()), 'volunteers', { _id: id }))[0]).toMatchObject({ communityId: A })
    const seenByB = await listApplications(depsB(), {}, staffB)
    expect(seenByB.ok && seenByB.value.items).toEqual([])
    expect(await review(depsB(), { volunteerId: id, decision: 'approve' }, staffB)).toMatchObject({
      ok: false,
      code: 'NOT_FOUND'
    })
    const seenByA = await listApplications(depsA(), {}, staffA)
    expect(seenByA.ok && seenByA.value.items.map(a => a.id)).toEqual([id])
    expect(await review(depsA(), { volunteerId: id, decision: 'approve' }, staffA)).toMatchObject({
      ok: true,
      value: { status: 'approved' }
    })
  })

  it("the roster of 东圣's task shows them (masked phone); 东圣 can't export their record, 春晖 can", async () => {
    const [v] = await addApprovedVolunteers(world().db, 'seen', 1)
    const inBTask = await aTask('b', '东圣垃圾分类引导', '14:00', '16:00')
    await claim(depsB(), { taskId: inBTask, roleKey: 'guide' }, volunteerIn(v, B), call())
    const list = await roster(depsB(), { taskId: inBTask }, staffB)
    expect(list.ok && list.value.rows).toEqual([
      expect.objectContaining({ volunteerId: v.volunteerId, name: '志愿者seen0', phoneMasked: '140****9000' })
    ])
    expect(await exportMember(depsB(), { volunteerId: v.volunteerId }, staffB)).toMatchObject({
      ok: false,
      code: 'NOT_FOUND'
    })
    expect(await exportMember(depsA(), { volunteerId: v.volunteerId }, staffA)).toMatchObject({ ok: true })
  })
})

describe('双报到: a party member reports to the community where they live', () => {
  it("claims posts only at home; 东圣 service counts toward 春晖's quota, and 东圣 neither lists nor reminds them", async () => {
    const [p] = await addApprovedVolunteers(world().db, 'party', 1, { partyMember: true })
    const postOf = async (deps: ReturnType<typeof depsA>, staff: typeof staffA): Promise<string> => {
      const made = await createPost(deps, { category: '政策宣传', name: '政策宣传员', duty: '每月宣传一次' }, staff)
      if (!made.ok) throw new Error(made.code)
      return made.value.id
    }
    const postB = await postOf(depsB(), staffB)
    const postA = await postOf(depsA(), staffA)
    expect(await claimPost(depsB(), { postId: postB }, volunteerIn(p, B))).toMatchObject({
      ok: false,
      code: 'HOME_COMMUNITY_ONLY',
      message: '志愿者登记和党员服务岗位在您居住的社区办理，请回到本人社区再试'
    })
    expect(await claimPost(depsA(), { postId: postA }, volunteerIn(p, A))).toMatchObject({ ok: true })
    // Two activities this quarter (the rule: ≥ 1 post, ≥ 2 activities): one at home, one in 东圣.
    const inA = await aTask('a', '春晖敬老院义剪', '08:00', '10:00')
    const inBTask = await aTask('b', '东圣垃圾分类引导', '14:00', '16:00')
    await claim(depsA(), { taskId: inA, roleKey: 'guide' }, volunteerIn(p, A), call())
    await claim(depsB(), { taskId: inBTask, roleKey: 'guide' }, volunteerIn(p, B), call())
    toSaturday('08:00')
    await serve('a', p, inA)
    toSaturday('14:00')
    await serve('b', p, inBTask)
    const atHome = await quarterCheck(depsA(), {}, staffA)
    expect(atHome).toMatchObject({ ok: true, value: { members: 1, below: 0 } })
    const page = await me(depsB(), {}, volunteerIn(p, B))
    expect(page.ok && page.value.quarter).toMatchObject({ posts: 1, activities: 2, met: true })
    expect(await quarterCheck(depsB(), {}, staffB)).toMatchObject({ ok: true, value: { members: 0, below: 0 } })
    expect(await remindQuarter(depsB())).toEqual({ reminded: 0 })
  })

  it('one activity in 东圣 alone leaves them short at home, and only home reminds them', async () => {
    const [p] = await addApprovedVolunteers(world().db, 'short', 1, { partyMember: true })
    const inBTask = await aTask('b', '东圣垃圾分类引导', '14:00', '16:00')
    await claim(depsB(), { taskId: inBTask, roleKey: 'guide' }, volunteerIn(p, B), call())
    toSaturday('14:00')
    await serve('b', p, inBTask)
    const atHome = await quarterCheck(depsA(), {}, staffA)
    expect(atHome.ok && atHome.value.items).toEqual([
      expect.objectContaining({ volunteerId: p.volunteerId, activities: 1, posts: 0, met: false })
    ])
    expect(await remindQuarter(depsB())).toEqual({ reminded: 0 })
    expect(await remindQuarter(depsA())).toEqual({ reminded: 1 })
  })
})

describe('其他社区的任务: the communities a volunteer may serve in', () => {
  it("lists the street's communities in order, marking the one the call acts in", async () => {
    const [v] = await addApprovedVolunteers(world().db, 'list', 1)
    const fromB = await listStreetCommunities(depsB(), {}, volunteerIn(v, B))
    expect(fromB).toEqual({
      ok: true,
      value: [
        { id: A, name: '春晖社区', current: false },
        { id: B, name: '东圣社区', current: true }
      ]
    })
  })

  it("a notice of another community's task opens its page in that community", async () => {
    const [v] = await addApprovedVolunteers(world().db, 'notice', 1)
    const taskId = await aTask('b', '东圣图书角值守', '14:00', '16:00')
    await claim(depsB(), { taskId, roleKey: 'guide' }, volunteerIn(v, B), call())
    const [told] = await rows(streetOf(world()), 'inbox', { to: v.openId, kind: 'volunteers.claim' })
    expect(told.link).toBe(`/pages/volunteers/task?id=${taskId}&community=${B}`)
    // The page says where: the place alone could be in any community of the street.
    const page = await taskDetail(depsB(), { taskId }, volunteerIn(v, B))
    expect(page).toMatchObject({ ok: true, value: { place: '东圣广场', community: '东圣社区' } })
    const staffPage = await taskDetail(depsB(), { taskId }, staffB)
    expect(staffPage.ok && staffPage.value.community).toBeUndefined()
  })
})
