/**
 * The BUILT staff function (cloudfunctions/staff/index.js) through the local cloud with the real
 * SDK, over the seeded demo community. Needs `npm run build:functions` first.
 */
import { readSheet } from 'read-excel-file/node'
import { isMissingCollection, readAll } from '../../src/server/db/read-all'
import { dashboardSources } from '../../src/server/staff/staff.repository'
import { periodOf } from '../../src/core/staff/period.rule'
import { shanghaiDate } from '../../src/core/shared/shanghai-time'
import { erasureLeftovers } from '../support/erasure-traces'
import { expectEveryLinkOpens } from './deep-links.helper'
import { useSeededCloud, communityDb } from './local-cloud.helper'

jest.setTimeout(60_000)

const cloud = useSeededCloud('staff')
const db = () => communityDb()

let seq = 0
const staff = cloud.call
const rid = () => `req-staff-${Date.now()}-${seq++}`
const count = cloud.count
const getDoc = async (collection: string, id: string) =>
  ((await db().collection(collection).doc(id).get()).data as any[])[0] ?? null

/** Drives an export to the end as the page does; returns the progress seen and the file. */
async function runExport(openId: string, kind: string, gridId?: string) {
  const started = await staff(openId, 'startExport', { kind, ...(gridId ? { gridId } : {}) }, rid())
  if (!started.ok) return { started, progress: [] as number[], file: null as Buffer | null, job: null as any }
  const progress: number[] = []
  let job = started.data
  while (job.status === 'running') {
    const step = await staff(openId, 'exportStep', { jobId: job.jobId })
    expect(step.ok).toBe(true)
    job = step.data
    progress.push(job.percent)
  }
  expect(job.status).toBe('done')
  const parts: string[] = []
  for (let i = 0; i < job.fileParts; i++) {
    const part = await staff(openId, 'exportPart', { jobId: job.jobId, part: i })
    expect(part.ok).toBe(true)
    parts.push(part.data.data)
  }
  return { started, progress, file: Buffer.from(parts.join(''), 'base64'), job }
}

describe('menu', () => {
  it('shows each persona only what their role allows', async () => {
    const keys = async (id: string) => (await staff(id, 'menu')).data.items.map((i: { key: string }) => i.key)
    expect(await keys('demo-resident')).toEqual(['survey', 'my-data'])
    expect(await keys('demo-grid-worker')).toEqual([
      'grid-reports',
      'grid-patrol',
      'grid-visits',
      'grid-inspections',
      'dashboard',
      'exports',
      'survey-results',
      'survey',
      'my-data'
    ])
    expect(await keys('demo-staff')).toEqual([
      'grid-reports',
      'grid-patrol',
      'grid-visits',
      'grid-inspections',
      'dashboard',
      'grid-figures',
      'exports',
      'survey-results',
      'erasures',
      'survey',
      'my-data'
    ])
    expect(await keys('demo-admin')).toContain('audit')
    expect(await keys('o-stranger')).toEqual([])
  })
})

describe('invites', () => {
  it('lets an admin invite a grid worker who joins with the code, once', async () => {
    const invite = await staff(
      'demo-admin',
      'createInvite',
      { role: 'grid_worker', name: '新网格员', gridId: 'grid-2' },
      rid()
    )
    expect(invite.ok).toBe(true)
    expect(invite.data.code).toMatch(/^[A-HJ-NP-Z2-9]{8}$/)

    const joined = await staff('o-new-worker', 'redeemInvite', { code: invite.data.code.toLowerCase() })
    expect(joined).toMatchObject({ ok: true, data: { role: 'grid_worker', gridId: 'grid-2', name: '新网格员' } })
    const user = await getDoc('users', 'o-new-worker')
    expect(user).toMatchObject({ roles: ['grid_worker'], gridId: 'grid-2', name: '新网格员' })
    expect((await getDoc('grids', 'grid-2')).workerUserId).toBe('o-new-worker')
    expect((await staff('o-new-worker', 'menu')).data.items[0].key).toBe('grid-reports')

    expect((await staff('o-someone-else', 'redeemInvite', { code: invite.data.code })).error.code).toBe('INVITE_USED')
    expect(await getDoc('users', 'o-someone-else')).toBeNull()
    expect(await count('audit', { action: 'staff.redeem-invite', actor: 'o-new-worker' })).toBe(1)
    expect(await count('inbox', { to: 'demo-admin', kind: 'staff.invite-redeemed' })).toBe(1)
  })

  it('gives a code to exactly one of many people redeeming it at the same moment', async () => {
    const invite = await staff('demo-admin', 'createInvite', { role: 'staff', name: '新社工' }, rid())
    const results = await Promise.all(
      Array.from({ length: 12 }, async (_, i) => await staff(`o-race-${i}`, 'redeemInvite', { code: invite.data.code }))
    )
    expect(results.filter(r => r.ok)).toHaveLength(1)
    expect(results.filter(r => !r.ok).every(r => r.error.code === 'INVITE_USED')).toBe(true)
    expect(await count('users', { _id: db().command.in(Array.from({ length: 12 }, (_, i) => `o-race-${i}`)) })).toBe(1)
  })

  it('refuses an expired code and an unknown one', async () => {
    const invite = await staff('demo-admin', 'createInvite', { role: 'staff', name: '过期的', days: 1 }, rid())
    await db()
      .collection('staff_invites')
      .doc(invite.data.code)
      .update({ expiresAt: new Date(Date.now() - 1000) })
    expect((await staff('o-late', 'redeemInvite', { code: invite.data.code })).error.code).toBe('INVITE_EXPIRED')
    expect((await staff('o-late', 'redeemInvite', { code: 'ZZZZ2222' })).error.code).toBe('INVITE_NOT_FOUND')
    expect(await getDoc('users', 'o-late')).toBeNull()
  })

  it('returns the same code when the admin retries with the same requestId', async () => {
    const requestId = rid()
    const a = await staff('demo-admin', 'createInvite', { role: 'staff', name: '重试' }, requestId)
    const b = await staff('demo-admin', 'createInvite', { role: 'staff', name: '重试' }, requestId)
    expect(b.data.code).toBe(a.data.code)
    expect(await count('staff_invites', { name: '重试' })).toBe(1)
  })
})

describe('roles', () => {
  it('grants and revokes with an audit entry for each change', async () => {
    const before = await count('audit', { target: 'users/demo-resident' })
    const granted = await staff('demo-admin', 'grantRole', {
      userId: 'demo-resident',
      role: 'volunteer',
      reason: '报名志愿者'
    })
    expect(granted).toMatchObject({ ok: true, data: { changed: true, user: { roles: ['resident', 'volunteer'] } } })
    const again = await staff('demo-admin', 'grantRole', {
      userId: 'demo-resident',
      role: 'volunteer',
      reason: '报名志愿者'
    })
    expect(again.data.changed).toBe(false)
    const revoked = await staff('demo-admin', 'revokeRole', {
      userId: 'demo-resident',
      role: 'volunteer',
      reason: '退出志愿者'
    })
    expect(revoked.data).toMatchObject({ changed: true, user: { roles: ['resident'] } })
    expect(await count('audit', { target: 'users/demo-resident' })).toBe(before + 2)
  })

  it('never removes the last admin, even when two admins revoke each other at once', async () => {
    await staff('demo-admin', 'grantRole', { userId: 'demo-staff', role: 'admin', reason: '增设管理员' })
    const [a, b] = await Promise.all([
      staff('demo-admin', 'revokeRole', { userId: 'demo-staff', role: 'admin', reason: '调岗' }),
      staff('demo-staff', 'revokeRole', { userId: 'demo-admin', role: 'admin', reason: '调岗' })
    ])
    const outcomes = [a, b].map(r => (r.ok ? 'ok' : r.error.code)).sort()
    expect(outcomes).toEqual(['LAST_ADMIN', 'ok'])
    expect(await count('users', { roles: 'admin' })).toBe(1)
    const remaining = (await db().collection('users').where({ roles: 'admin' }).get()).data[0] as { _id: string }
    const last = await staff(remaining._id, 'revokeRole', { userId: remaining._id, role: 'admin', reason: '自己退出' })
    expect(last.error.code).toBe('LAST_ADMIN')
    // Put demo-admin back as the only admin for the tests below.
    if (remaining._id !== 'demo-admin') {
      await staff(remaining._id, 'grantRole', { userId: 'demo-admin', role: 'admin', reason: '恢复' })
      await staff('demo-admin', 'revokeRole', { userId: remaining._id, role: 'admin', reason: '恢复' })
    }
    expect((await getDoc('users', 'demo-admin')).roles).toContain('admin')
  })
})

describe('audit log', () => {
  it('is searched by admins by actor, action, target and day, 20 a page', async () => {
    for (let i = 0; i < 3; i++) await staff('demo-admin', 'createInvite', { role: 'staff', name: `分页${i}` }, rid())
    const first = await staff('demo-admin', 'searchAudit', { actor: 'demo-admin' })
    expect(first.ok).toBe(true)
    expect(first.data.items.length).toBeGreaterThan(0)
    expect(first.data.items.length).toBeLessThanOrEqual(20)
    expect(first.data.items.every((e: { actor: string }) => e.actor === 'demo-admin')).toBe(true)
    expect(first.data.items[0].actorName).toBe('孙卫东')

    const all: Array<{ id: string }> = []
    let cursor: string | undefined
    do {
      const page = await staff('demo-admin', 'searchAudit', {
        action: 'staff.create-invite',
        ...(cursor ? { cursor } : {})
      })
      all.push(...page.data.items)
      cursor = page.data.cursor ?? undefined
    } while (cursor)
    expect(all.length).toBe(await count('audit', { action: 'staff.create-invite' }))
    expect(new Set(all.map(e => e.id)).size).toBe(all.length)

    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)
    const byDay = await staff('demo-admin', 'searchAudit', { target: 'users/o-new-worker', from: today, to: today })
    expect(byDay.data.items.map((e: { action: string }) => e.action)).toContain('staff.redeem-invite')
    const yesterday = await staff('demo-admin', 'searchAudit', { target: 'users/o-new-worker', to: '2020-01-01' })
    expect(yesterday.data.items).toEqual([])
  })

  it("speaks words: actions and targets described, filtered by category and by the actor's name", async () => {
    await staff('demo-admin', 'createInvite', { role: 'staff', name: '说人话' }, rid())
    const res = await staff('demo-admin', 'searchAudit', { category: 'staff', actorName: '孙卫东' })
    expect(res.ok).toBe(true)
    const items = res.data.items as Array<{ action: string; actor: string; actionText: string; targetText: string }>
    expect(items.length).toBeGreaterThan(0)
    expect(items.every(e => e.action.startsWith('staff.') && e.actor === 'demo-admin')).toBe(true)
    const invite = items.find(e => e.action === 'staff.create-invite')!
    expect(invite).toMatchObject({ actionText: '生成邀请码', targetText: '邀请码' })
    const joined = await staff('demo-admin', 'searchAudit', { target: 'users/o-new-worker' })
    expect(joined.data.items[0].targetText).toMatch(/^账号 · \S+/)
    expect((await staff('demo-admin', 'searchAudit', { actorName: '没有这个人' })).data.items).toEqual([])
    expect(
      (await staff('demo-admin', 'searchAudit', { category: 'classes' })).data.items.every((e: { action: string }) =>
        e.action.startsWith('classes.')
      )
    ).toBe(true)
  })

  it('is closed to staff without the admin role', async () => {
    expect((await staff('demo-staff', 'searchAudit', {})).error.code).toBe('FORBIDDEN')
    expect((await staff('demo-grid-worker', 'searchAudit', {})).error.code).toBe('FORBIDDEN')
  })
})

describe('exports (台账)', () => {
  beforeAll(async () => {
    // A large grid of made-up members, so an export takes several pages of 1000.
    const docs = Array.from({ length: 2400 }, (_, i) => ({
      _id: `zz-bulk-${String(i).padStart(5, '0')}`,
      householdId: 'hh-none',
      gridId: 'grid-8',
      name: `批量${i}`,
      gender: i % 2 ? 'F' : 'M',
      birthYear: 1950 + (i % 50),
      relation: '户主',
      phone: null,
      partyMember: false
    }))
    for (let i = 0; i < docs.length; i += 200)
      await db()
        .collection('members')
        .add(docs.slice(i, i + 200))
  })

  it('exports the residents roster to .xlsx in pages with progress, audited', async () => {
    const total = await count('members')
    const { progress, file, job } = await runExport('demo-staff', 'residents')
    expect(job.total).toBe(total)
    expect(progress.length).toBe(Math.floor(total / 1000) + 1)
    expect(progress[progress.length - 1]).toBe(100)
    expect(progress.slice(0, -1).every((p, i, a) => i === 0 || p >= a[i - 1])).toBe(true)
    const rows = await readSheet(file!)
    expect(rows[0]).toEqual(['网格', '住户', '姓名', '性别', '出生年份', '与户主关系', '电话（已隐藏）', '党员'])
    expect(rows).toHaveLength(total + 1)
    const wang = rows.find(r => r[2] === '王秀兰')!
    expect(wang[0]).toBe('第一网格')
    expect(String(wang[6])).toMatch(/^\d{3}\*{4}\d{4}$/)
    expect(job.fileName).toMatch(/^居民花名册-\d{4}-\d{2}-\d{2}\.xlsx$/)
    expect(await count('audit', { action: 'staff.export-done', target: `staff_exports/${job.jobId}` })).toBe(1)
    expect(await count('staff_export_pages', { jobId: job.jobId })).toBe(0)
  })

  it('gives a grid worker only their own grid, and refuses another grid', async () => {
    const { file } = await runExport('demo-grid-worker', 'residents')
    const rows = (await readSheet(file!)).slice(1)
    expect(rows.length).toBe(await count('members', { gridId: 'grid-1' }))
    expect(rows.every(r => r[0] === '第一网格')).toBe(true)
    const other = await staff('demo-grid-worker', 'startExport', { kind: 'residents', gridId: 'grid-2' }, rid())
    expect(other.error.code).toBe('FORBIDDEN')
  })

  it("doesn't let one person read another's export", async () => {
    const { job } = await runExport('demo-staff', 'volunteers')
    expect((await staff('demo-grid-worker', 'exportPart', { jobId: job.jobId, part: 0 })).error.code).toBe('NOT_FOUND')
  })

  it('counts each page once when the same step is sent twice at once', async () => {
    const started = await staff('demo-staff', 'startExport', { kind: 'residents' }, rid())
    let job = started.data
    while (job.status === 'running') {
      const [a, b] = await Promise.all(
        [1, 2].map(async () => await staff('demo-staff', 'exportStep', { jobId: job.jobId }))
      )
      job = [a.data, b.data].sort((x, y) => y.done - x.done)[0]
    }
    const final = await getDoc('staff_exports', job.jobId)
    expect(final.done).toBe(final.total)
  })

  it('exports class attendance for staff, and keeps it from a grid worker (attendance has no grid)', async () => {
    const { file, job } = await runExport('demo-staff', 'attendance')
    const rows = await readSheet(file!)
    expect(rows[0]).toEqual(['日期', '课堂', '孩子', '出勤', '接走', '记录时间', '备注'])
    expect(rows.length - 1).toBe(await count('class_attendance'))
    expect(job.total).toBeGreaterThan(0)
    expect(rows.slice(1).every(r => r[3] === '出勤' && r[4] === '周婷（母亲）')).toBe(true)
    expect((await staff('demo-grid-worker', 'startExport', { kind: 'attendance' }, rid())).error.code).toBe('FORBIDDEN')
    const kinds = (await staff('demo-grid-worker', 'exportKinds')).data.map((k: { kind: string }) => k.kind)
    expect(kinds).toContain('residents')
    expect(kinds).not.toContain('attendance')
  })

  it("exports party members' hours of this quarter, verified hours only", async () => {
    const party = (await db().collection('volunteers').where({ partyMember: true, gridId: 'grid-3' }).limit(1).get())
      .data[0] as { _id: string; name: string }
    const hour = (id: string, hours: number, status: string) => ({
      _id: id,
      taskId: 't',
      volunteerId: party._id,
      userId: 'x',
      teamId: null,
      partyMember: true,
      title: '楼道清扫',
      place: '3栋',
      startAt: new Date(),
      checkInAt: new Date(),
      checkOutAt: new Date(),
      checkInBy: 'qr',
      checkOutBy: 'qr',
      minutes: hours * 60,
      hours,
      status,
      verifiedBy: null,
      verifiedAt: null
    })
    await db()
      .collection('vol_attendance')
      .add([hour('q-hours-1', 2, 'verified'), hour('q-hours-2', 1.5, 'verified'), hour('q-hours-3', 5, 'checked_out')])
    const { file } = await runExport('demo-staff', 'party-quarterly', 'grid-3')
    const rows = await readSheet(file!)
    expect(rows[0]).toEqual(['季度', '网格', '姓名', '认证时长（小时）', '服务次数', '认领岗位'])
    expect(rows.length - 1).toBe(await count('volunteers', { partyMember: true, gridId: 'grid-3' }))
    const row = rows.find(r => r[2] === party.name)!
    expect(row[0]).toMatch(/^\d{4}年第[1-4]季度$/)
    expect([row[1], row[3], row[4]]).toEqual(['第三网格', 3.5, 2])
  })

  it('lists the residents served, with what they were served, and leaves out the rest', async () => {
    const resident = await getDoc('users', 'demo-resident')
    const request = (id: string, status: string) => ({
      _id: id,
      itemId: 'i',
      itemName: '开具证明',
      mode: 'proxy',
      residentId: 'demo-resident',
      residentName: '王秀兰',
      note: '',
      status,
      version: 1,
      handlerId: null,
      handlerName: null,
      dueAt: null,
      overdue: false,
      history: [],
      rating: null,
      submittedBy: null,
      createdAt: new Date(),
      updatedAt: new Date()
    })
    await db()
      .collection('service_requests')
      .add([request('served-1', 'done'), request('served-2', 'submitted')])
    const { file, job } = await runExport('demo-staff', 'residents-served', 'grid-1')
    const rows = await readSheet(file!)
    expect(rows[0]).toEqual([
      '网格',
      '住户',
      '姓名',
      '便民诉求（件）',
      '大厅预约（次）',
      '养老服务（次）',
      '一键呼叫（次）'
    ])
    const wang = rows.find(r => r[2] === '王秀兰')!
    expect(wang.slice(3)).toEqual([2, 0, 0, 0])
    expect(resident.memberId).toBeTruthy()
    // Everyone in the grid was read; only those served are listed.
    expect(job.done).toBe(await count('members', { gridId: 'grid-1' }))
    expect(rows.length - 1).toBeLessThan(job.done)
    expect(rows.slice(1).every(r => (r.slice(3) as number[]).some(n => n > 0))).toBe(true)
  })

  it('removes week-old exports on the daily timer, and only those', async () => {
    const { job } = await runExport('demo-staff', 'volunteers')
    const old = await runExport('demo-staff', 'elders')
    await db()
      .collection('staff_exports')
      .doc(old.job.jobId)
      .update({ createdAt: new Date(Date.now() - 8 * 24 * 3600_000) })
    const result = await cloud.tick('exportCleanup')
    expect(result.removed).toBeGreaterThanOrEqual(1)
    expect(await getDoc('staff_exports', old.job.jobId)).toBeNull()
    expect(await count('staff_export_files', { jobId: old.job.jobId })).toBe(0)
    expect(await getDoc('staff_exports', job.jobId)).not.toBeNull()
    expect((await staff('demo-staff', 'exportPart', { jobId: job.jobId, part: 0 })).ok).toBe(true)
    // A user can't run the job by sending a timer-shaped event.
    const forged = await cloud.raw('demo-admin', { Type: 'Timer', TriggerName: 'exportCleanup' })
    expect(forged.ok).toBe(false)
  })

  it("runs the clean-up from the function's one minute tick at 03:30 Beijing, once, and again the next day", async () => {
    // Tomorrow and the day after, 03:30 in Beijing (19:30 UTC the day before): `cloud.tick` stops this process's clock
    // there for the run (the jobs read the server clock only, src/server/timers.ts).
    const day = 24 * 3600_000
    const at = (days: number, minute = 30): Date => {
      const d = new Date(Date.now() + days * day)
      return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), 19, minute))
    }
    const old = await runExport('demo-staff', 'elders')
    await db()
      .collection('staff_exports')
      .doc(old.job.jobId)
      .update({ createdAt: new Date(Date.now() - 8 * 24 * 3600_000) })
    const first = await cloud.tick('tick', at(1))
    expect(first.ran.exportCleanup).toEqual({
      outcome: 'OK',
      result: { removed: expect.any(Number), idempotencySwept: expect.any(Number) }
    })
    expect(await getDoc('staff_exports', old.job.jobId)).toBeNull()
    // The same tick again (a platform retry) and the next minutes: not due.
    // (`erasures`, every 5 minutes, ran at 03:30 too.)
    expect((await cloud.tick('tick', at(1))).notDue).toEqual(['exportCleanup', 'erasures'])
    expect((await cloud.tick('tick', at(1, 31))).notDue).toEqual(['exportCleanup', 'erasures'])
    expect(await getDoc('timer_runs', 'staff.exportCleanup')).toMatchObject({ lastRunAt: at(1) })
    // No tick came for a whole day: the next one catches up.
    expect(Object.keys((await cloud.tick('tick', at(2, 45))).ran)).toEqual(['exportCleanup', 'erasures'])
  })

  it('forgets stored answers to retried taps a day after the tap, on the same daily timer', async () => {
    const answered = await staff('demo-staff', 'startExport', { kind: 'volunteers' }, 'req-day-old-0001')
    expect(answered.ok).toBe(true)
    const fresh = await cloud.docs('idempotency', { openId: 'demo-staff' })
    expect(fresh.length).toBeGreaterThan(0)
    const key = 'staff:startExport:demo-staff:req-day-old-0001'
    await db()
      .collection('idempotency')
      .doc(key)
      .update({ startedAt: new Date(Date.now() - 24 * 3600_000 - 60_000) })
    const result = await cloud.tick('exportCleanup')
    expect(result.idempotencySwept).toBeGreaterThanOrEqual(1)
    expect(await getDoc('idempotency', key)).toBeNull()
    expect(await count('idempotency', { openId: 'demo-staff' })).toBe(fresh.length - 1)
  })

  it('answers NOT_FOUND for a ledger it does not know', async () => {
    expect((await staff('demo-staff', 'startExport', { kind: 'nothing-here' }, rid())).error.code).toBe('NOT_FOUND')
  })
})

describe('dashboard', () => {
  // The records below go up to 2 hours back. In the first hours of a Shanghai week they would
  // fall into the previous week, so the test then works in the last minute of that week instead.
  const now = new Date()
  const weekStart = periodOf('week', shanghaiDate(now)).from
  const base = now.getTime() - weekStart.getTime() < 3 * 3600_000 ? new Date(weekStart.getTime() - 60_000) : now
  const day = shanghaiDate(base)
  const minutes = (n: number) => new Date(base.getTime() - n * 60_000)
  beforeAll(async () => {
    const care = (id: string, gridId: string, state: string, history: unknown[], acceptBy: Date | null) => ({
      _id: id,
      elderId: 'e',
      elderName: '测试老人',
      gridId,
      serviceTypeId: 'home-care',
      serviceName: '上门照护',
      window: { start: minutes(0), end: minutes(-60) },
      note: '',
      state,
      version: 1,
      assignee: null,
      acceptBy,
      history,
      rating: null,
      ratingComment: '',
      checkIn: null,
      checkOut: null,
      createdBy: 'demo-elder',
      createdAt: minutes(120),
      updatedAt: minutes(0),
      reopenCount: 0
    })
    await db()
      .collection('care_requests')
      .add([
        care(
          'dash-care-a',
          'grid-1',
          'completed',
          [
            { event: 'accept', at: minutes(110) },
            { event: 'check_out', at: minutes(60) },
            { event: 'follow_up', at: minutes(30), outcome: 'partly' }
          ],
          null
        ),
        care(
          'dash-care-b',
          'grid-1',
          'rated',
          [
            { event: 'accept', at: minutes(90) },
            { event: 'check_out', at: minutes(40) },
            { event: 'follow_up', at: minutes(20), outcome: 'solved' }
          ],
          null
        ),
        care('dash-care-c', 'grid-1', 'submitted', [], minutes(5)),
        care('dash-care-d', 'grid-2', 'submitted', [], minutes(5))
      ])
    const sos = (id: string, gridId: string, ackAfter: number | null) => ({
      _id: id,
      elderId: 'e',
      elderName: '测试老人',
      gridId,
      state: ackAfter === null ? 'open' : 'acknowledged',
      pressedBy: 'demo-elder',
      proxy: false,
      pressedAt: minutes(50),
      level: 1,
      nextStepAt: null,
      steps: [],
      told: [],
      ackBy: ackAfter === null ? null : { userId: 'demo-grid-worker', name: '刘海燕', at: minutes(50 - ackAfter) },
      resolved: null,
      cancelledAt: null
    })
    await db()
      .collection('sos_calls')
      .add([sos('dash-sos-a', 'grid-1', 3), sos('dash-sos-b', 'grid-2', 9), sos('dash-sos-c', 'grid-2', null)])
  })

  it("computes a grid's care figures, counting 部分解决 apart from 完全解决", async () => {
    const res = await staff('demo-grid-worker', 'dashboard', { period: 'week', day })
    const care = res.data.sections.find((s: { key: string }) => s.key === 'care')
    const value = (label: string) => care.metrics.find((m: { label: string }) => m.label === label)?.value
    expect(value('服务中')).toBe(1)
    expect(value('超时未接单')).toBe(1)
    expect(value('接单用时中位数')).toBe(20)
    expect(value('完成用时中位数')).toBe(70)
    expect(value('回访：完全解决')).toBe(50)
    expect(value('回访：部分解决')).toBe(50)
    const sos = res.data.sections.find((s: { key: string }) => s.key === 'sos')
    expect(sos.metrics.map((m: { value: number }) => m.value)).toEqual([1, 3, 0])
    // Service requests carry the resident, not the grid: demo-resident's open one counts for 第一网格.
    const open = (r: any) => r.data.sections.find((s: { key: string }) => s.key === 'service-requests').metrics[0].value
    const all = await staff('demo-staff', 'dashboard', { period: 'week', day })
    const grid2 = await staff('demo-staff', 'dashboard', { period: 'week', day, gridId: 'grid-2' })
    expect(open(res)).toBeGreaterThanOrEqual(1)
    expect(open(res) + open(grid2)).toBeLessThanOrEqual(open(all))
  })

  it('shows the whole community with a per-grid chart to staff', async () => {
    const res = await staff('demo-staff', 'dashboard', { period: 'week', day })
    const sos = res.data.sections.find((s: { key: string }) => s.key === 'sos')
    expect(sos.metrics[0].value).toBe(3)
    expect(sos.metrics[1].value).toBe(6) // median of 3 and 9 minutes
    expect(sos.bars.find((b: { label: string }) => b.label === '第二网格').value).toBe(2)
  })

  it('shows class attendance and the waitlist from the classes context', async () => {
    const res = await staff('demo-staff', 'dashboard', { period: 'month' })
    const classes = res.data.sections.find((s: { key: string }) => s.key === 'classes')
    expect(classes.available).toBe(true)
    expect(classes.metrics.find((m: { label: string }) => m.label === '在读').value).toBeGreaterThan(0)
  })

  it('reads a collection this environment lacks as "no data", not as an error', async () => {
    const missing = await readAll(db(), 'no_such_collection_here').catch((err: unknown) => err)
    expect(isMissingCollection(missing)).toBe(true)
    // The dashboard's reads turn exactly that into "not here" (暂无数据), and only that.
    const lacking: ReturnType<typeof db> = Object.create(db(), {
      collection: { value: () => db().collection('no_such_collection_here') }
    })
    expect((await dashboardSources(lacking).read(null, 'demo-staff')).serviceRequests).toBeNull()
  })

  it('answers for the community and shows missing contexts as unavailable, not as errors', async () => {
    const res = await staff('demo-staff', 'dashboard', { period: 'month' })
    expect(res.ok).toBe(true)
    expect(res.data.period.kind).toBe('month')
    expect(res.data.gridId).toBeNull()
    expect(res.data.sections.length).toBeGreaterThan(0)
  })

  it('keeps a grid worker to their grid', async () => {
    const mine = await staff('demo-grid-worker', 'dashboard', { period: 'week', day })
    expect(mine.data).toMatchObject({ gridId: 'grid-1', gridName: '第一网格' })
    expect((await staff('demo-grid-worker', 'dashboard', { period: 'week', day, gridId: 'grid-2' })).error.code).toBe(
      'FORBIDDEN'
    )
  })
})

describe('satisfaction survey', () => {
  const aspects = ['环境卫生', '治安秩序', '办事效率', '服务态度', '为老服务', '儿童关爱', '文体活动', '信息公开']
  let surveyId: string

  it('is published by staff and answered once per resident, even when sent many times at once', async () => {
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)
    const published = await staff(
      'demo-staff',
      'publishSurvey',
      { title: '2026年下半年满意度调查', aspects, opensOn: today, closesOn: '2099-12-31' },
      rid()
    )
    expect(published.ok).toBe(true)
    surveyId = published.data.surveyId
    expect((await staff('demo-resident', 'currentSurvey')).data).toMatchObject({
      survey: { surveyId },
      answered: false
    })

    const answers = await Promise.all(
      Array.from(
        { length: 6 },
        async () => await staff('demo-resident', 'answerSurvey', { surveyId, scores: [5, 4, 3, 5, 4, 5, 3, 4] })
      )
    )
    expect(answers.filter(a => a.ok)).toHaveLength(1)
    expect(answers.filter(a => !a.ok).every(a => a.error.code === 'ALREADY_ANSWERED')).toBe(true)
    expect((await staff('demo-resident', 'currentSurvey')).data.answered).toBe(true)
    expect(await count('staff_survey_answers', { surveyId })).toBe(1)
  })

  it('shows results by grid, a grid worker only theirs', async () => {
    await staff('demo-guardian', 'answerSurvey', { surveyId, scores: [3, 4, 3, 3, 4, 5, 3, 2] })
    const all = await staff('demo-staff', 'surveyResults', { surveyId })
    expect(all.data.total).toBe(2)
    expect(all.data.overall[0]).toBe(4)
    const grid1 = all.data.grids.find((g: { gridId: string }) => g.gridId === 'grid-1')
    expect(grid1.answers).toBe(2)
    const worker = await staff('demo-grid-worker', 'surveyResults', { surveyId })
    expect(worker.data.grids.map((g: { gridId: string }) => g.gridId)).toEqual(['grid-1'])
  })

  it('refuses a survey without 8 scores', async () => {
    expect((await staff('demo-elder', 'answerSurvey', { surveyId, scores: [5, 5] })).error.code).toBe('INVALID_INPUT')
  })
})

describe('my data (PIPL)', () => {
  let auditBeforeErasure: Array<Record<string, unknown>>
  beforeAll(async () => {
    auditBeforeErasure = (
      await db()
        .collection('audit')
        .where({ actor: db().command.in(['demo-volunteer', 'demo-admin', 'demo-staff']) })
        .limit(1000)
        .get()
    ).data as Array<Record<string, unknown>>
  })

  it('shows a resident what Linli holds about them and their household, and exports it', async () => {
    const res = await staff('demo-guardian', 'myData')
    expect(res.ok).toBe(true)
    const labels = res.data.sections.map((s: { label: string }) => s.label)
    expect(labels).toEqual(expect.arrayContaining(['账号信息', '居民登记信息', '住户信息', '家庭成员', '登记的孩子']))
    const exported = await staff('demo-guardian', 'exportMyData')
    expect(exported.data.fileName).toMatch(/\.json$/)
    expect(await count('audit', { action: 'staff.export-my-data', actor: 'demo-guardian' })).toBe(1)
  })

  it('deletes on request once staff confirm, anonymising what must be kept', async () => {
    const user = await getDoc('users', 'demo-volunteer')
    const memberId = user.memberId as string
    expect(await getDoc('volunteers', `vol-${memberId}`)).not.toBeNull()
    const auditBefore = await count('audit', { actor: 'demo-volunteer' })
    // A co-guardian (共同监护人) of a neighbour's child: the child's record is the family's and stays.
    const child = 'child-hh-1-1-201-m3'
    await db()
      .collection('children')
      .doc(child)
      .update({ coGuardianUserIds: ['demo-volunteer', 'it-other-parent'] })

    expect((await staff('demo-volunteer', 'requestErasure', { confirm: true }, rid())).data.status).toBe('pending')
    const pending = await staff('demo-staff', 'listErasures', {})
    expect(pending.data.items.map((e: { userId: string }) => e.userId)).toContain('demo-volunteer')
    expect((await staff('demo-volunteer', 'confirmErasure', { userId: 'demo-volunteer' })).error.code).toBe('FORBIDDEN')

    const [a, b] = await Promise.all([
      staff('demo-staff', 'confirmErasure', { userId: 'demo-volunteer' }),
      staff('demo-admin', 'confirmErasure', { userId: 'demo-volunteer' })
    ])
    expect([a.ok, b.ok].filter(Boolean)).toHaveLength(1)
    expect(await getDoc('users', 'demo-volunteer')).toBeNull()
    expect(await getDoc('members', memberId)).toMatchObject({ name: '已注销用户', phone: null })
    expect(await getDoc('volunteers', `vol-${memberId}`)).toMatchObject({ name: '已注销用户', userId: null })
    expect(await getDoc('children', child)).toMatchObject({
      name: expect.any(String),
      coGuardianUserIds: ['it-other-parent']
    })
    expect(await count('audit', { actor: 'demo-volunteer' })).toBeGreaterThanOrEqual(auditBefore)
    expect((await staff('demo-volunteer', 'myData')).error.code).toBe('FORBIDDEN')

    // Every collection, every document: the OPENID, name and phone remain only where they must
    // (test/support/erasure-traces.ts says where, and why), and never with a name or phone beside them.
    expect(await erasureLeftovers('demo-volunteer', user.name, user.phone)).toEqual({ openId: [], nameOrPhone: [] })
  })

  it('asks a resident to cancel what they still hold (a hall seat, a place in a class) before deleting', async () => {
    const who = 'it-erase-holder'
    await db()
      .collection('users')
      .add({
        _id: who,
        name: '持有人',
        roles: ['resident', 'guardian'],
        phone: null,
        memberId: null,
        householdId: null,
        gridId: null,
        createdAt: new Date()
      })
    const future = new Date(Date.now() + 3 * 24 * 3600_000)
    await db().collection('hall_bookings').add({
      _id: 'it-erase-bk',
      residentId: who,
      status: 'booked',
      startAt: future,
      endAt: future,
      slotId: 's',
      itemId: 'i',
      itemName: '开证明',
      window: '1号窗口',
      residentName: '持有人',
      lockIds: [],
      bookedBy: null,
      createdAt: new Date(),
      updatedAt: new Date()
    })
    await db()
      .collection('class_terms')
      .add([
        { _id: 'it-erase-term-live', endDate: '2999-01-01' },
        { _id: 'it-erase-term-over', endDate: '2020-01-01' }
      ])
    await db()
      .collection('class_enrolments')
      .add([
        {
          _id: 'it-erase-term-live:c1',
          termId: 'it-erase-term-live',
          childId: 'c1',
          guardianUserId: who,
          status: 'waitlisted'
        },
        {
          _id: 'it-erase-term-over:c1',
          termId: 'it-erase-term-over',
          childId: 'c1',
          guardianUserId: who,
          status: 'enrolled'
        }
      ])
    const refused = await staff(who, 'requestErasure', { confirm: true }, rid())
    expect(refused.error.code).toBe('HOLDINGS_ACTIVE')
    expect(refused.error.message).toContain('大厅预约 1 个、四点半课堂报名或候补 1 个') // the ended term's place does not count
    expect(await getDoc('staff_erasures', who)).toBeNull()
    // Cancelled (as the hall and class flows would): now the request goes in.
    await db().collection('hall_bookings').doc('it-erase-bk').update({ status: 'cancelled' })
    await db().collection('class_enrolments').doc('it-erase-term-live:c1').update({ status: 'cancelled' })
    expect((await staff(who, 'requestErasure', { confirm: true }, rid())).data.status).toBe('pending')
    // Booked again before staff confirm: they are told, and nothing is erased.
    await db().collection('hall_bookings').doc('it-erase-bk').update({ status: 'booked' })
    const blocked = await staff('demo-staff', 'confirmErasure', { userId: who })
    expect(blocked.error.code).toBe('HOLDINGS_ACTIVE')
    expect(await getDoc('users', who)).not.toBeNull()
  })

  it('leaves every earlier audit entry exactly as it was (append-only)', async () => {
    expect(auditBeforeErasure.length).toBeGreaterThan(10)
    for (const entry of auditBeforeErasure) expect(await getDoc('audit', String(entry._id))).toEqual(entry)
  })
})

describe('wrong role and bad input change nothing', () => {
  const everyAction: Array<[string, unknown, string[]]> = [
    ['createInvite', { role: 'staff', name: '越权' }, ['demo-resident', 'demo-grid-worker', 'demo-staff']],
    ['listInvites', {}, ['demo-resident', 'demo-grid-worker', 'demo-staff']],
    ['listUsers', {}, ['demo-resident', 'demo-grid-worker', 'demo-staff']],
    [
      'grantRole',
      { userId: 'demo-elder', role: 'admin', reason: '越权' },
      ['demo-resident', 'demo-grid-worker', 'demo-staff', 'demo-elder']
    ],
    [
      'revokeRole',
      { userId: 'demo-admin', role: 'admin', reason: '越权' },
      ['demo-resident', 'demo-grid-worker', 'demo-staff']
    ],
    ['searchAudit', {}, ['demo-resident', 'demo-grid-worker', 'demo-staff']],
    ['listErasures', {}, ['demo-resident', 'demo-grid-worker']],
    ['confirmErasure', { userId: 'demo-elder' }, ['demo-resident', 'demo-grid-worker', 'demo-elder']],
    ['exportKinds', {}, ['demo-resident', 'demo-elder']],
    ['startExport', { kind: 'residents' }, ['demo-resident', 'demo-guardian']],
    ['exportStep', { jobId: 'x' }, ['demo-resident']],
    ['exportPart', { jobId: 'x', part: 0 }, ['demo-resident']],
    ['dashboard', { period: 'week' }, ['demo-resident', 'demo-elder']],
    [
      'publishSurvey',
      {
        title: '越权调查',
        aspects: ['一一', '二二', '三三', '四四', '五五', '六六', '七七', '八八'],
        opensOn: '2026-01-01',
        closesOn: '2026-02-01'
      },
      ['demo-resident', 'demo-grid-worker']
    ],
    ['surveyResults', {}, ['demo-resident']],
    ['myData', {}, ['o-unregistered']],
    ['requestErasure', { confirm: true }, ['o-unregistered']]
  ]
  const badInput: Array<[string, unknown]> = [
    ['createInvite', { role: 'grid_worker', name: '缺网格' }],
    ['createInvite', { role: 'superuser', name: 'x' }],
    ['redeemInvite', { code: '<script>' }],
    ['grantRole', { userId: 'demo-elder', role: 'king', reason: '坏角色' }],
    ['grantRole', { userId: 'demo-elder', role: 'grid_worker', reason: '缺网格' }],
    ['revokeRole', { userId: 'demo-elder', role: 'admin' }],
    ['searchAudit', { from: '2026-02-01', to: '2026-01-01' }],
    ['searchAudit', { from: 'yesterday' }],
    ['startExport', { kind: 'Residents; drop' }],
    ['exportPart', { jobId: 'x', part: -1 }],
    ['dashboard', { period: 'year' }],
    ['publishSurvey', { title: '七项', aspects: ['一一', '二二'], opensOn: '2026-01-01', closesOn: '2026-02-01' }],
    ['answerSurvey', { surveyId: 's', scores: [6, 6, 6, 6, 6, 6, 6, 6] }],
    ['requestErasure', { confirm: false }]
  ]
  const watched = [
    'audit',
    'users',
    'staff_invites',
    'staff_erasures',
    'staff_exports',
    'staff_surveys',
    'staff_survey_answers'
  ]
  const snapshot = async () => await Promise.all(watched.map(async c => await count(c)))

  it.each(everyAction)(
    '%s answers FORBIDDEN to roles without access and writes nothing',
    async (name, payload, callers) => {
      const before = await snapshot()
      for (const who of callers) {
        const res = await staff(who, name, payload, rid())
        expect([who, res.ok ? 'ok' : res.error.code]).toEqual([who, 'FORBIDDEN'])
      }
      expect(await snapshot()).toEqual(before)
    }
  )

  it.each(badInput)('%s answers INVALID_INPUT to %j and writes nothing', async (name, payload) => {
    const before = await snapshot()
    const res = await staff('demo-admin', name, payload, rid())
    expect(res.ok ? 'ok' : res.error.code).toBe('INVALID_INPUT')
    expect(await snapshot()).toEqual(before)
  })
})

// Last: every notice these flows sent opens a page its reader may see (issue 18).
test('every notice sent above opens, for its recipient, a page that loads what it is about', async () => {
  await expectEveryLinkOpens(cloud)
})
