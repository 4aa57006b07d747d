/**
 * Volunteers demo data on top of the demo community: the 6 teams, profile details for the seeded
 * volunteers (teams; party type and employer organisation for party members), service posts in
 * the 10 categories, activities this week (one starting half an hour after seeding, so check-in
 * can be tried at once, and a weekly roster), and demo-volunteer's verified hours from past
 * activities plus one claimed post.
 *
 * Deterministic ids; runs once (skips when teams exist), so it is safe on every start.
 */
import { countWhere, insertIfAbsent } from '../../src/server/db/client'
import type { Db } from '../../src/server/db/client'
import { auditWriter } from '../../src/server/audit'
import { systemClock } from '../../src/core/shared/clock'
import { addDays, shanghaiDate, shanghaiInstant } from '../../src/core/shared/shanghai-time'
import {
  partyTypes,
  type AttendanceRecord,
  type ClaimRecord,
  type PostRecord,
  type TaskRecord,
  type TeamRecord
} from '../../src/core/volunteers/volunteers.model'
import { createRng } from './prng'
import { seedScope } from './demo-community'

const HOUR = 3_600_000
const DAY = 24 * HOUR

export const DEMO_TEAMS: Array<Omit<TeamRecord, 'order'>> = [
  { _id: 'team-mediation', name: '和事佬', intro: '邻里纠纷调解，矛盾不出小区', leaderUserId: null },
  { _id: 'team-green', name: '环保卫士', intro: '垃圾分类督导与环境整治', leaderUserId: 'demo-volunteer' },
  { _id: 'team-culture', name: '文化传承', intro: '书法、戏曲、传统节日活动', leaderUserId: null },
  { _id: 'team-elder', name: '助老服务队', intro: '探访独居老人、代购代办', leaderUserId: null },
  { _id: 'team-patrol', name: '平安巡逻队', intro: '夜间巡逻与防范宣传', leaderUserId: null },
  { _id: 'team-tutor', name: '四点半课堂辅导队', intro: '放学后作业辅导', leaderUserId: null }
]

const EMPLOYERS = ['区税务局机关党委', '区人民医院党委', '春晖实验小学党支部', '市电力公司第三党支部']

const POSTS: Array<Omit<PostRecord, 'order'>> = [
  { _id: 'post-policy', category: '政策宣传', name: '政策宣传员', duty: '每月入户或在宣传栏讲解一项惠民政策' },
  { _id: 'post-policy-2', category: '政策宣传', name: '反诈宣传员', duty: '每季度组织一次反诈骗宣传' },
  { _id: 'post-env', category: '环境整治', name: '楼道清洁监督岗', duty: '每周巡查包干楼栋的楼道杂物' },
  { _id: 'post-env-2', category: '环境整治', name: '垃圾分类督导岗', duty: '早晚投放时段在垃圾房督导' },
  { _id: 'post-safety', category: '治安维护', name: '平安巡逻岗', duty: '每月参加两次夜间巡逻' },
  { _id: 'post-neighbour', category: '邻里互助', name: '邻里互助联络员', duty: '收集楼栋居民的困难并转给网格员' },
  { _id: 'post-civility', category: '文明劝导', name: '文明停车劝导员', duty: '劝导乱停车与占用消防通道' },
  { _id: 'post-care', category: '关爱老幼', name: '独居老人结对员', duty: '每周电话或上门问候结对老人' },
  { _id: 'post-law', category: '法律服务', name: '法律咨询志愿岗', duty: '每月在社区坐班一次，解答法律问题' },
  { _id: 'post-culture', category: '文化活动', name: '文体活动组织员', duty: '协助组织节日活动' },
  { _id: 'post-health', category: '卫生健康', name: '健康知识宣传员', duty: '配合社区卫生站开展义诊与宣传' },
  { _id: 'post-mediation', category: '矛盾调解', name: '调解工作室值班员', duty: '每两周参与一次纠纷评议' }
]

interface SeedVolunteer {
  _id: string
  userId: string | null
  partyMember: boolean
}

export async function seedVolunteers(db: Db, now: Date = systemClock.now()): Promise<{ written: number }> {
  if ((await countWhere(db, 'vol_teams')) > 0) return { written: 0 }
  const _ = db.command
  const { id } = seedScope(db)
  const demoVolunteer = id('demo-volunteer')
  const rng = createRng(20261124)
  let written = 0

  // Seeded volunteers: one team each (round robin); party members get a type and an employer.
  const vols = ((await db.collection('volunteers').limit(1000).get()) as { data: SeedVolunteer[] }).data
  const byTeam = new Map<string, string[]>()
  vols.forEach((v, i) => {
    const team = id(DEMO_TEAMS[i % DEMO_TEAMS.length]._id)
    byTeam.set(team, [...(byTeam.get(team) ?? []), v._id])
  })
  for (const [team, ids] of byTeam) {
    await db
      .collection('volunteers')
      .where({ _id: _.in(ids) })
      .update({ teamIds: _.set([team]), status: 'approved' })
  }
  for (const v of vols.filter(x => x.partyMember && x.userId !== demoVolunteer)) {
    await db
      .collection('volunteers')
      .doc(v._id)
      .update({ party: { type: rng.pick([...partyTypes]), employerOrg: rng.pick(EMPLOYERS) } })
  }
  const demo = vols.find(v => v.userId === demoVolunteer)
  const demoUser = (
    (await db.collection('users').doc(demoVolunteer).get()) as { data: Array<{ phone: string | null }> }
  ).data[0]
  if (demo) {
    await db
      .collection('volunteers')
      .doc(demo._id)
      .update({
        phone: demoUser?.phone ?? null,
        skills: ['辅导作业', '垃圾分类'],
        availability: ['周末上午', '工作日晚上'],
        teamIds: _.set(['team-green', 'team-tutor'].map(id)),
        party: { type: '在职', employerOrg: EMPLOYERS[0] },
        status: 'approved'
      })
  }

  for (const [i, t] of DEMO_TEAMS.entries()) {
    const team = { ...t, _id: id(t._id), leaderUserId: t.leaderUserId && id(t.leaderUserId), order: i + 1 }
    if (await insertIfAbsent(db, 'vol_teams', team)) written++
  }
  for (const [i, p] of POSTS.entries())
    if (await insertIfAbsent(db, 'vol_posts', { ...p, _id: id(p._id), order: i + 1 })) written++

  // This week's activities, on Beijing wall-clock times from tomorrow on, plus one starting soon.
  const today = shanghaiDate(now)
  const hhmm = (hour: number, minute: number): string =>
    `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`
  const day = (ahead: number, hour: number, minute = 0): Date =>
    shanghaiInstant(addDays(today, ahead), hhmm(hour, minute))
  const soon = new Date(Math.ceil((now.getTime() + 30 * 60_000) / (15 * 60_000)) * 15 * 60_000)
  const task = (
    key: string,
    title: string,
    teamId: string,
    place: string,
    startAt: Date,
    hours: number,
    roles: TaskRecord['roles']
  ): TaskRecord => ({
    _id: id(key),
    title,
    teamId: id(teamId),
    place,
    detail: '',
    startAt,
    endAt: new Date(startAt.getTime() + hours * HOUR),
    roles,
    slotsLeft: Object.fromEntries(roles.map(r => [r.key, r.slots])),
    withdrawCutoffHours: 24,
    organiserUserId: id('demo-staff'),
    status: 'open',
    seriesId: null,
    createdAt: now
  })
  const tasks: TaskRecord[] = [
    task('task-demo-today', '社区议事厅布置', 'team-culture', '社区议事厅', soon, 3, [
      { key: 'setup', name: '布置场地', slots: 4, skills: [] }
    ]),
    task('task-demo-clean', '小区环境整治', 'team-green', '3栋前广场', day(1, 9), 2, [
      { key: 'clean', name: '清洁', slots: 8, skills: [] },
      { key: 'guide', name: '分类督导', slots: 2, skills: ['垃圾分类'] }
    ]),
    task('task-demo-visit', '探访独居老人', 'team-elder', '第一网格', day(2, 15), 2, [
      { key: 'visit', name: '上门探访', slots: 6, skills: [] }
    ]),
    task('task-demo-phone', '长者智能手机培训', 'team-culture', '社区活动室', day(3, 9, 30), 2, [
      { key: 'teach', name: '讲解员', slots: 2, skills: [] },
      { key: 'help', name: '助教', slots: 6, skills: [] }
    ]),
    task('task-demo-patrol', '夜间平安巡逻', 'team-patrol', '小区东门集合', day(4, 19), 2, [
      { key: 'patrol', name: '巡逻', slots: 6, skills: [] }
    ]),
    task('task-demo-clinic', '义诊活动', 'team-elder', '社区广场', day(5, 8, 30), 3, [
      { key: 'nurse', name: '医护', slots: 3, skills: ['医护'] },
      { key: 'order', name: '秩序引导', slots: 4, skills: [] }
    ])
  ]
  for (const t of tasks)
    if (await insertIfAbsent(db, 'vol_tasks', t as unknown as { _id: string } & Record<string, unknown>)) written++

  // demo-volunteer's past service, verified by the organiser: the totals and a certificate work at once.
  if (demo) {
    const past: Array<[string, string, string, number, number]> = [
      ['task-past-1', '四点半课堂作业辅导', 'team-tutor', 14, 2],
      ['task-past-2', '垃圾分类督导', 'team-green', 9, 1.5],
      ['task-past-3', '重阳节敬老活动', 'team-culture', 21, 3]
    ]
    for (const [key, title, teamId, daysAgo, hours] of past) {
      const startAt = new Date(day(-daysAgo, 9).getTime())
      const t = task(key, title, teamId, '社区活动室', startAt, hours, [
        { key: 'help', name: '志愿者', slots: 5, skills: [] }
      ])
      const claimId = `${t._id}:${demo._id}`
      t.slotsLeft = { help: 4 }
      t.slotHolders = { help: [claimId] }
      const claim: ClaimRecord = {
        _id: claimId,
        taskId: t._id,
        volunteerId: demo._id,
        userId: demoVolunteer,
        roleKey: 'help',
        status: 'claimed',
        claimedAt: new Date(startAt.getTime() - 3 * DAY),
        withdrawnAt: null,
        substituteVolunteerId: null,
        slotHolder: claimId,
        startAt,
        endAt: t.endAt,
        title
      }
      const record: AttendanceRecord = {
        _id: claimId,
        taskId: t._id,
        volunteerId: demo._id,
        userId: demoVolunteer,
        teamId: t.teamId,
        partyMember: true,
        title,
        place: t.place,
        startAt,
        checkInAt: startAt,
        checkOutAt: t.endAt,
        checkInBy: 'qr',
        checkOutBy: 'qr',
        minutes: hours * 60,
        hours,
        status: 'verified',
        verifiedBy: id('demo-staff'),
        verifiedAt: t.endAt
      }
      for (const [coll, doc] of [
        ['vol_tasks', t],
        ['vol_claims', claim],
        ['vol_attendance', record]
      ] as const) {
        if (await insertIfAbsent(db, coll, doc as unknown as { _id: string } & Record<string, unknown>)) written++
      }
    }
    if (
      await insertIfAbsent(db, 'vol_post_claims', {
        _id: `${id('post-policy')}:${demo._id}`,
        postId: id('post-policy'),
        volunteerId: demo._id,
        userId: demoVolunteer,
        claimedAt: now,
        active: true
      })
    )
      written++
  }
  await auditWriter(db, systemClock).record({
    actor: 'system:seed',
    action: 'volunteers.seed-demo',
    target: 'vol_teams',
    reason: '首次启动：写入志愿服务演示数据',
    data: { written }
  })
  return { written }
}
