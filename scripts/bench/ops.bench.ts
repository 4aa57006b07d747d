/**
 * `npm run bench:ops`: what each action costs, through the local cloud over HTTP (the BUILT
 * functions, dev login, the seeded demo community). Two parts:
 * 1. The main journeys (a resident, a guardian, an elder, a volunteer, grid workers, staff), each action called
 *    a few times: per action, the database reads and writes of one call, router included, as the
 *    local cloud counts them (X-Linli-Db-Reads/-Writes), and its median time. On CloudBase every
 *    request is billed and counts against the plan's concurrency. Budgets (issue 19): a read
 *    ≤ 2 requests, community.home ≤ 4, classes.enrol ≤ 6; test/integration/action-cost.test.ts
 *    holds the ones met.
 * 2. The enrolment rush beside trivial calls, in the same run: 300 guardians enrol at once into a
 *    30-seat term (most are waitlisted), and the same 300 call `community.whoami` at once (one
 *    request: the router's caller read). Alternated, RUNS times each; prints both and the ratio
 *    of the medians (target ≤ 2×), and beside them 300 reads of 2 requests (notifications.unreadCount)
 *    and of 4 (community.home), so the figures read by requests per call.
 * Asserts nothing. Needs `npm run build:functions`.
 */
import { firstCommunityDb as communityDb } from './community-db'
import { addDays, isoWeekday, shanghaiDate } from '../../src/core/shared/shanghai-time'
import { applyLocalRuntimeEnv } from '../../src/local-cloud/env'
import { addFamilies } from '../../test/factories/classes.factory'
import { addGridWorkerAtHome } from '../../test/factories/community.factory'
import { startLocalCloud } from '../../test/support/local-cloud'
import { seedDemoCommunity } from '../seed/seed-demo-community'

const FAMILIES = Number(process.env.RUSH_FAMILIES ?? 300)
const RUNS = Number(process.env.RUSH_RUNS ?? 3)
const REPEAT = 5
const SEATS = 30
const AT_HOME = 'ops-grid-worker-at-home'

/** The middle value (the upper one of an even count). */
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

interface Answer {
  body: any
  reads: number
  writes: number
  ms: number
}

async function main(): Promise<void> {
  const cloud = await startLocalCloud({ functions: true })
  let seq = 0
  const rid = (): string => `bench-ops-${Date.now().toString(36)}-${seq++}`
  const call = async (
    fn: string,
    openId: string,
    action: string,
    payload: unknown = {},
    requestId?: string
  ): Promise<Answer> => {
    const t0 = performance.now()
    const res = await fetch(`http://127.0.0.1:${cloud.port}/functions/${fn}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-wx-openid': openId },
      body: JSON.stringify({ action, payload, ...(requestId ? { requestId } : {}) })
    })
    const body = await res.json()
    return {
      body,
      reads: Number(res.headers.get('x-linli-db-reads') ?? NaN),
      writes: Number(res.headers.get('x-linli-db-writes') ?? NaN),
      ms: performance.now() - t0
    }
  }
  try {
    applyLocalRuntimeEnv(cloud.port)
    const db = communityDb() // the first community's view, as its functions write (db/community-scope.ts)
    await seedDemoCommunity(db)
    const fams = await addFamilies(db, FAMILIES, 'ops')
    // A grid worker (网格员) who lives in the community: her household card and her grid's counts.
    await addGridWorkerAtHome(db, AT_HOME)
    const today = shanghaiDate(new Date())
    // The demo term meets on weekdays: its next session's sheet.
    let weekday = today
    while (isoWeekday(weekday) > 5) weekday = addDays(weekday, 1)
    const newTerm = async (title: string, capacity: number): Promise<string> => {
      const a = await call(
        'classes',
        'demo-staff',
        'createTerm',
        { title, room: '活动室', startDate: addDays(today, 1), endDate: addDays(today, 30), capacity },
        rid()
      )
      if (!a.body.ok) throw new Error(`createTerm: ${JSON.stringify(a.body.error)}`)
      return a.body.data.termId as string
    }
    // Load every function and the SDK once, so the first row is not the cold start.
    for (const fn of ['community', 'classes', 'service-card', 'elder-care', 'volunteers', 'notifications', 'staff'])
      await call(fn, 'demo-resident', 'nope')

    // 1. The journeys. `make` gives each repetition its payload (creates need a fresh target).
    const small = await newTerm('计费班', REPEAT)
    const full = await newTerm('满员班', 1)
    await call('classes', fams[0].guardian, 'enrol', { termId: full, childId: fams[0].childId }, rid())
    // fams[1]'s 我的报名 has history: a place (next session tomorrow), a place in line, a cancelled one.
    const seated = await newTerm('在读班', 1)
    const left = await newTerm('退出班', 1)
    for (const termId of [seated, full, left])
      await call('classes', fams[1].guardian, 'enrol', { termId, childId: fams[1].childId }, rid())
    await call('classes', fams[1].guardian, 'cancelEnrolment', { termId: left, childId: fams[1].childId }, rid())
    const listed = (await call('service-card', 'demo-resident', 'listSlots', {})).body?.data?.items as
      Array<{ id: string; itemIds: string[] }> | undefined
    const slots = listed?.filter(s => s.itemIds.length === 0 || s.itemIds.includes('item-residence-cert'))
    // fams[1] holds a hall booking too, so 我的预约 lists one with what to bring, and its slot's list has it.
    const held = listed?.[0]
    if (held) {
      const itemId = held.itemIds[0] ?? 'item-residence-cert'
      const booked = await call('service-card', fams[1].guardian, 'book', { slotId: held.id, itemId }, rid())
      if (!booked.body.ok) console.log(`  (fams[1] holds no hall booking: book ${JSON.stringify(booked.body.error)})`)
    }
    // demo-volunteer holds a shift (tomorrow's clean-up), so the board and 我的报名 show one of their own.
    const shift = await call(
      'volunteers',
      'demo-volunteer',
      'claim',
      { taskId: 'task-demo-clean', roleKey: 'clean' },
      rid()
    )
    if (!shift.body.ok) console.log(`  (demo-volunteer holds no shift: claim ${JSON.stringify(shift.body.error)})`)
    // Elder care: a visit dispatched to demo-volunteer and accepted (the queue, her visits, one request), tomorrow's
    // delivered lunch (the meal round), and a call pressed and cancelled (one call as each reads it).
    const inADay = new Date(Date.now() + 24 * 3600_000)
    const care = async (openId: string, action: string, payload: object): Promise<any> => {
      const a = await call('elder-care', openId, action, payload, rid())
      if (!a.body.ok) throw new Error(`elder-care.${action}: ${JSON.stringify(a.body.error)}`)
      return a.body.data
    }
    const window = { start: inADay, end: new Date(inADay.getTime() + 3600_000) }
    const visit = (await care('demo-elder', 'submitCareRequest', { serviceTypeId: 'home-care', window })).id as string
    await care('demo-staff', 'triage', { id: visit })
    await care('demo-staff', 'assign', { id: visit, assignee: { kind: 'volunteer', userId: 'demo-volunteer' } })
    await care('demo-volunteer', 'accept', { id: visit })
    await care('demo-elder', 'orderMeal', { date: addDays(today, 1), mode: 'delivery' })
    const sosCall = (await care('demo-elder', 'sosPress', {})).id as string
    await care('demo-elder', 'sosCancel', { id: sosCall })
    type Step = [fn: string, openId: string, action: string, make: (i: number) => unknown, create?: boolean]
    const steps: Step[] = [
      ['community', 'demo-resident', 'whoami', () => ({})],
      ['community', 'demo-resident', 'home', () => ({})],
      ['community', 'demo-grid-worker', 'home', () => ({})],
      ['community', AT_HOME, 'home', () => ({})],
      ['community', 'demo-staff', 'home', () => ({})],
      ['service-card', 'demo-resident', 'listItems', () => ({ q: '低保' })],
      ['service-card', 'demo-resident', 'getItem', () => ({ itemId: 'item-social-card' })],
      ['service-card', 'demo-resident', 'listSlots', () => ({})],
      ['service-card', 'demo-resident', 'myBookings', () => ({})],
      ['service-card', fams[1].guardian, 'myBookings (booked)', () => ({})],
      ...(held ? [['service-card', 'demo-staff', 'slotBookings', () => ({ slotId: held.id })] satisfies Step] : []),
      ['service-card', 'demo-elder', 'me', () => ({})],
      ['service-card', 'demo-grid-worker', 'findResidents', () => ({ name: '张' })],
      ...(slots && slots.length >= REPEAT
        ? [
            [
              'service-card',
              'demo-resident',
              'book',
              (i: number) => ({ slotId: slots[i].id, itemId: 'item-residence-cert' }),
              true
            ] satisfies Step
          ]
        : []),
      ['classes', fams[1].guardian, 'listTerms', () => ({})],
      ['classes', fams[1].guardian, 'myEnrolments', () => ({})],
      ['classes', 'demo-guardian', 'myChildren', () => ({})],
      // One child's page: as its guardian, and as staff (whose read is audited: one write).
      ['classes', fams[1].guardian, 'childDetail', () => ({ childId: fams[1].childId })],
      ['classes', 'demo-staff', 'childDetail', () => ({ childId: fams[1].childId })],
      ['classes', 'demo-volunteer', 'upcomingSessions', () => ({})],
      ['classes', fams[1].guardian, 'termSessions', () => ({ termId: seated })],
      ['classes', 'demo-staff', 'roster', () => ({ termId: full })],
      ['classes', 'demo-staff', 'waitlist', () => ({ termId: full })],
      ['classes', 'demo-volunteer', 'todaySessions', () => ({})],
      ['classes', 'demo-staff', 'attendanceSheet', () => ({ sessionId: `term-demo:${weekday}` })],
      ['classes', 'demo-staff', 'figures', () => ({ termId: 'term-demo' })],
      [
        'classes',
        'ops-guardian',
        'enrol (seat)',
        (i: number) => ({ termId: small, childId: fams[2 + i].childId, as: fams[2 + i].guardian }),
        true
      ],
      [
        'classes',
        'ops-guardian',
        'enrol (waitlist)',
        (i: number) => ({ termId: full, childId: fams[20 + i].childId, as: fams[20 + i].guardian }),
        true
      ],
      ['elder-care', 'demo-elder', 'sosPress', () => ({}), true],
      ['elder-care', 'demo-staff', 'sosSummary', () => ({})],
      ['elder-care', 'demo-grid-worker', 'sosSummary', () => ({})],
      ['elder-care', 'demo-elder', 'mySos', () => ({})],
      ['elder-care', 'demo-family', 'mySos', () => ({})],
      ['elder-care', 'demo-elder', 'myElders', () => ({})],
      ['elder-care', 'demo-family', 'myElders', () => ({})],
      ['elder-care', 'demo-elder', 'myCareRequests', () => ({})],
      ['elder-care', 'demo-family', 'myCareRequests', () => ({})],
      ['elder-care', 'demo-elder', 'getElder', () => ({})],
      ['elder-care', 'demo-elder', 'myMeals', () => ({ date: addDays(today, 1) })],
      ['elder-care', 'demo-family', 'sosCall', () => ({ id: sosCall })],
      ['elder-care', 'demo-staff', 'sosCall', () => ({ id: sosCall })],
      ['elder-care', 'demo-staff', 'openSos', () => ({ cursor: null })],
      ['elder-care', 'demo-staff', 'careQueue', () => ({ cursor: null })],
      ['elder-care', 'demo-staff', 'listElders', () => ({ cursor: null })],
      ['elder-care', 'demo-grid-worker', 'careQueue', () => ({ cursor: null })],
      ['elder-care', 'demo-staff', 'helpers', () => ({})],
      ['elder-care', 'demo-family', 'getCareRequest', () => ({ id: visit })],
      ['elder-care', 'demo-volunteer', 'myVisits', () => ({ cursor: null })],
      ['elder-care', 'demo-volunteer', 'dayMeals', () => ({ date: addDays(today, 1) })],
      ['volunteers', 'demo-resident', 'me', () => ({})],
      ['volunteers', 'demo-resident', 'teams', () => ({})],
      // The volunteers page as its real user: hours, a 双报到 post, and the shift claimed above.
      ['volunteers', 'demo-volunteer', 'me', () => ({})],
      ['volunteers', 'demo-volunteer', 'tasks', () => ({})],
      ['volunteers', 'demo-volunteer', 'myClaims', () => ({})],
      ['volunteers', 'demo-volunteer', 'task', () => ({ taskId: 'task-demo-clean' })],
      ['volunteers', 'demo-volunteer', 'posts', () => ({})],
      ['volunteers', 'demo-staff', 'roster', () => ({ taskId: 'task-demo-clean' })],
      ['notifications', 'demo-resident', 'inboxList', () => ({})],
      ['notifications', 'demo-resident', 'unreadCount', () => ({})],
      ['notifications', 'demo-staff', 'broadcastAudience', () => ({})],
      ['staff', 'demo-staff', 'menu', () => ({})],
      // The staff home: 待办 and 数据看板, as staff (the community) and as a grid worker (her grid).
      ['staff', 'demo-staff', 'todo', () => ({})],
      ['staff', 'demo-grid-worker', 'todo', () => ({})],
      ['staff', 'demo-staff', 'dashboard', () => ({ period: 'week' })],
      ['staff', 'demo-grid-worker', 'dashboard', () => ({ period: 'week' })],
      ['staff', 'demo-resident', 'currentSurvey', () => ({})],
      ['staff', 'demo-staff', 'surveyResults', () => ({})],
      ['staff', 'demo-admin', 'searchAudit', () => ({})],
      ['staff', 'demo-resident', 'myData', () => ({})]
    ]
    if (!slots || slots.length < REPEAT)
      console.log(`  (service-card.book left out: fewer than ${REPEAT} bookable slots on the first page)`)
    console.log(
      `ops bench: one call of each action, ${REPEAT} times (median), through the local cloud over HTTP; database requests router included`
    )
    const shown: Record<string, string> = { 'ops-guardian': 'a guardian', [AT_HOME]: 'grid worker+home' }
    console.log(`  ${'action'.padEnd(34)} ${'as'.padEnd(18)} ${'outcome'.padEnd(16)} reads writes total   ms`)
    for (const [fn, who, label, make, create] of steps) {
      const rows: Answer[] = []
      for (let i = 0; i < REPEAT; i++) {
        const payload = make(i) as Record<string, unknown>
        const { as, ...rest } = payload
        const action = label.split(' ')[0]
        rows.push(await call(fn, typeof as === 'string' ? as : who, action, rest, create ? rid() : undefined))
        // An SOS press is cancelled (inside its 10 s window) so the next press starts a new call.
        const pressed = rows[rows.length - 1].body?.data?.id
        if (action === 'sosPress' && typeof pressed === 'string') await call(fn, who, 'sosCancel', { id: pressed })
      }
      const last = rows[rows.length - 1]
      const outcome = last.body?.ok
        ? typeof last.body.data?.status === 'string'
          ? `ok ${last.body.data.status as string}`
          : 'ok'
        : String(last.body?.error?.code)
      const r = median(rows.map(x => x.reads))
      const w = median(rows.map(x => x.writes))
      console.log(
        `  ${`${fn}.${label}`.padEnd(34)} ${(shown[who] ?? who).padEnd(18)} ${outcome.padEnd(16)} ${String(r).padStart(5)} ${String(w).padStart(6)} ${String(r + w).padStart(5)} ${median(
          rows.map(x => x.ms)
        )
          .toFixed(1)
          .padStart(6)}`
      )
    }

    // 2. The rush beside as many trivial calls, alternated; beside them reads of 2 and 4 requests,
    // so the rush's ratio can be read against calls that only read.
    interface Series {
      label: string
      /** What a run needs made first, outside its time (the rush's fresh term). */
      prepare: (r: number) => Promise<string>
      run: (prepared: string) => Promise<Answer[]>
      /** Wall time of each run's 300 calls at once. */
      ms: number[]
      /** Database requests per call, as the last run made them. */
      perCall: number
    }
    const series = (
      label: string,
      run: (prepared: string) => Promise<Answer[]>,
      prepare: Series['prepare'] = async () => ''
    ): Series => ({ label, prepare, run, ms: [], perCall: 0 })
    const everyone = (fn: string, action: string): Series =>
      series(`${fn}.${action}`, async () => await Promise.all(fams.map(async f => await call(fn, f.guardian, action))))
    const trivial = everyone('community', 'whoami')
    const rush = series(
      'classes.enrol',
      async termId =>
        await Promise.all(
          fams.map(
            async (f, i) =>
              await call('classes', f.guardian, 'enrol', { termId, childId: f.childId }, `ops-rush-${termId}-${i}`)
          )
        ),
      async r => await newTerm(`抢报${r}`, SEATS)
    )
    const reads = [everyone('notifications', 'unreadCount'), everyone('community', 'home')]
    const requestsOf = (as: Answer[]): number => as.reduce((n, a) => n + a.reads + a.writes, 0)
    /** One run of `s`, what it needs made first outside its time; `keep`: counted in its figures. */
    const measure = async (s: Series, r: number, keep = true): Promise<{ ms: number; answers: Answer[] }> => {
      const prepared = await s.prepare(r)
      const t0 = performance.now()
      const answers = await s.run(prepared)
      const ms = performance.now() - t0
      if (keep) {
        s.ms.push(ms)
        s.perCall = requestsOf(answers) / answers.length
      }
      return { ms, answers }
    }
    const sum = (as: Answer[]): string => {
      const ok = as.filter(a => a.body?.ok)
      const by = (s: string): number => ok.filter(a => a.body.data?.status === s).length
      const reqs = requestsOf(as)
      return `${ok.length} ok${by('enrolled') + by('waitlisted') > 0 ? ` (${by('enrolled')} enrolled, ${by('waitlisted')} waitlisted)` : ''}, ${as.length - ok.length} failed, ${reqs} database requests (${(reqs / as.length).toFixed(1)} per call)`
    }
    console.log(
      `rush beside trivial calls: ${FAMILIES} at once each, alternated, ${RUNS} runs (the first pair warms up and is printed apart)`
    )
    const warm = [await measure(trivial, 0, false), await measure(rush, 0, false)]
    for (const s of reads) await measure(s, 0, false)
    console.log(`  warm-up: trivial ${warm[0].ms.toFixed(0)} ms, rush ${warm[1].ms.toFixed(0)} ms`)
    for (let r = 1; r <= RUNS; r++) {
      const a = await measure(trivial, r)
      const b = await measure(rush, r)
      const more: string[] = []
      for (const s of reads) {
        const x = await measure(s, r)
        more.push(`${FAMILIES} × ${s.label} ${x.ms.toFixed(0)} ms (${s.perCall.toFixed(1)} per call)`)
      }
      console.log(
        `  run ${r}: ${FAMILIES} × community.whoami ${a.ms.toFixed(0)} ms (${sum(a.answers)}); ${FAMILIES} × classes.enrol ${b.ms.toFixed(0)} ms (${sum(b.answers)}); ratio ${(b.ms / a.ms).toFixed(2)}×`
      )
      console.log(`         ${more.join('; ')}`)
    }
    const [t, e] = [median(trivial.ms), median(rush.ms)]
    console.log(
      `  median: trivial ${t.toFixed(0)} ms, rush ${e.toFixed(0)} ms, ratio ${(e / t).toFixed(2)}× (target ≤ 2×)`
    )
    console.log(
      `  by requests per call (medians): ${[trivial, ...reads, rush]
        .map(s => `${s.perCall.toFixed(1)} → ${median(s.ms).toFixed(0)} ms (${s.label})`)
        .join(', ')}`
    )
  } finally {
    await cloud.dispose()
  }
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
