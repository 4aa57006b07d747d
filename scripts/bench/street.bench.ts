/**
 * `npm run bench:street`: Linli at the size of a street office (issue 20, item 6), through the local cloud over HTTP
 * (the BUILT functions, dev login). Two local clouds run side by side: a street of 10 communities of 2,000 households
 * (`-- --communities N --households N` for fewer), and a street of one community of the same size, the baseline.
 * Each figure is printed beside its baseline from the same run, runs alternated, so a busy machine weighs on both:
 * 1. a notice (社区通知) from one community's 社工 to its 2,000 households: time, database requests, and how many
 *    inbox items reached another community (must be 0); beside the same notice in the street of one;
 * 2. an enrolment rush: 300 guardians at once into a 30-seat term in one community, alone and while another community
 *    of the street is busy (a notice to its 2,000 households and 50 residents opening their home page over and over);
 *    beside the rush in the street of one;
 * 3. the ledger export (台账导出) of one community's residents roster: steps, requests, time; beside the same export
 *    in the street of one;
 * 4. the street dashboard (街道工作台) of all the communities as 街道社工 reads it (staff.streetDashboard; until that
 *    action is built it prints "not yet available"), beside one community's dashboard as its 社工 reads it.
 * The community measured is the street's second (its ids are prefixed, as any community added to a street).
 * Asserts nothing. Needs `npm run build:functions`.
 */
import { addFamilies, type Family } from '../../test/factories/classes.factory'
import { startLocalCloud, type LocalCloudProcess } from '../../test/support/local-cloud'
import { applyLocalRuntimeEnv, localCloudUrl } from '../../src/local-cloud/env'
import { countWhere, getDb, type Db } from '../../src/server/db/client'
import { scopeDb } from '../../src/server/db/community-scope'
import { demoCommunityAt, demoId, streetPersonas } from '../../src/core/community/personas'
import { addDays, shanghaiDate } from '../../src/core/shared/shanghai-time'
import { seedOptions } from '../seed'
import { seedDemoStreet } from '../seed/seed-demo-community'

const RUNS = Number(process.env.STREET_RUNS ?? 3)
const FAMILIES = 300
const SEATS = 30
/** Residents of the busy community opening their home page while the rush runs. */
const BUSY_READERS = 50

/** The middle value (the upper one of an even count). */
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const pct = (xs: number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]
}

interface Answer {
  body: any
  /** Database requests of the call, router included, as the local cloud counted them. */
  requests: number
  ms: number
}

/** One local cloud with its street seeded: who acts in the community measured, and in the busy one. */
interface World {
  label: string
  cloud: LocalCloudProcess
  /** The community measured, its 社工, its residents (one a household) and its 300 guardians. */
  measured: { id: string; staff: string; residents: string[]; families: Family[] }
  /** Another community of the street, to keep busy (none in a street of one). */
  busy: { id: string; staff: string; residents: string[] } | null
}

let seq = 0
const rid = (): string => `bench-street-${Date.now().toString(36)}-${seq++}`

async function call(world: World, fn: string, openId: string, action: string, payload: unknown = {}): Promise<Answer> {
  const t0 = performance.now()
  const res = await fetch(`http://127.0.0.1:${world.cloud.port}/functions/${fn}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-wx-openid': openId },
    body: JSON.stringify({ action, payload, requestId: rid() })
  })
  const body = await res.json()
  const requests =
    Number(res.headers.get('x-linli-db-reads') ?? NaN) + Number(res.headers.get('x-linli-db-writes') ?? NaN)
  return { body, requests, ms: performance.now() - t0 }
}

async function data(world: World, fn: string, openId: string, action: string, payload: unknown = {}): Promise<any> {
  const a = await call(world, fn, openId, action, payload)
  if (!a.body?.ok) throw new Error(`${fn}.${action} as ${openId}: ${JSON.stringify(a.body?.error ?? a.body)}`)
  return a.body.data
}

/**
 * This process's SDK speaks to one local cloud at a time: node-sdk reads the server URL from TCB_CONTEXT_CNFG on
 * every request (node-sdk dist/utils/tcbcontext.js getServerInjectUrl), so pointing it elsewhere between two steps
 * (never during one) switches clouds. Only the setup writes through it; the figures are HTTP calls to functions.
 */
function dbOf(cloud: LocalCloudProcess): Db {
  applyLocalRuntimeEnv(cloud.port)
  process.env.TCB_CONTEXT_CNFG = JSON.stringify({ URL: localCloudUrl(cloud.port) })
  return getDb()
}

/** One resident account for each household of the community (a notice reaches the households' people). */
async function addResidents(db: Db, communityId: string): Promise<string[]> {
  const scoped = scopeDb(db, { communityId })
  const households: Array<{ _id: string; gridId: string }> = []
  for (;;) {
    const page = (await scoped
      .collection('households')
      .orderBy('_id', 'asc')
      .skip(households.length)
      .limit(1000)
      .field({ _id: true, gridId: true })
      .get()) as { data: Array<{ _id: string; gridId: string }> }
    households.push(...page.data)
    if (page.data.length < 1000) break
  }
  const ids = households.map((_, i) => demoId(communityId, `bench-resident-${String(i).padStart(5, '0')}`))
  const now = new Date()
  for (let i = 0; i < households.length; i += 500) {
    await scoped.collection('users').add(
      households.slice(i, i + 500).map((h, k) => ({
        _id: ids[i + k],
        name: `居民${i + k}`,
        roles: ['resident'],
        phone: null,
        memberId: null,
        householdId: h._id,
        gridId: h.gridId,
        createdAt: now
      }))
    )
  }
  return ids
}

async function makeWorld(
  cloud: LocalCloudProcess,
  label: string,
  communities: number,
  households: number
): Promise<World> {
  const started = performance.now()
  const tty = process.stdout.isTTY
  const report = await seedDemoStreet(dbOf(cloud), {
    communities,
    households,
    onCommunity: (c, i) => {
      if (tty) process.stdout.write(`\r\x1b[K  ${label}: seeded ${i + 1}/${communities} (${c.name})`)
    }
  })
  const measuredId = demoCommunityAt(communities > 1 ? 1 : 0).id
  const busyId = communities > 2 ? demoCommunityAt(2).id : communities > 1 ? demoCommunityAt(0).id : null
  const db = dbOf(cloud)
  const residents = await addResidents(db, measuredId)
  const families = await addFamilies(scopeDb(db, { communityId: measuredId }), FAMILIES, demoId(measuredId, 'bench'))
  const busy = busyId
    ? { id: busyId, staff: demoId(busyId, 'demo-staff'), residents: await addResidents(db, busyId) }
    : null
  process.stdout.write(
    `${tty ? '\r\x1b[K' : ''}  ${label}: ${communities} × ${households} households seeded in ${(report.ms / 1000).toFixed(1)} s ` +
      `(with the bench's residents and guardians ${((performance.now() - started) / 1000).toFixed(1)} s)\n`
  )
  return {
    label,
    cloud,
    measured: { id: measuredId, staff: demoId(measuredId, 'demo-staff'), residents, families },
    busy
  }
}

/** 1. A notice to the measured community's households: its time, requests, and how many it reached. */
async function notice(w: World): Promise<{ ms: number; requests: number; done: number }> {
  const a = await call(w, 'notifications', w.measured.staff, 'broadcast', {
    id: rid(),
    title: '停水通知',
    body: '明天9:00-12:00停水，请提前储水'
  })
  if (!a.body?.ok) throw new Error(`broadcast: ${JSON.stringify(a.body?.error)}`)
  return { ms: a.ms, requests: a.requests, done: a.body.data.done }
}

/** The people a notice of the community is for: its accounts with a household (street-wide count, by hand). */
async function audienceOf(w: World): Promise<number> {
  const db = dbOf(w.cloud)
  return await countWhere(db, 'users', { communityId: w.measured.id, householdId: db.command.neq(null) })
}

/** A 30-seat term in the measured community, made outside the rush's time. */
async function newTerm(w: World, r: string): Promise<string> {
  const today = shanghaiDate(new Date())
  const d = await data(w, 'classes', w.measured.staff, 'createTerm', {
    title: `抢报${r}`,
    room: '活动室',
    startDate: addDays(today, 1),
    endDate: addDays(today, 30),
    capacity: SEATS
  })
  return d.termId as string
}

interface RushFigures {
  ms: number
  p50: number
  p99: number
  requests: number
  enrolled: number
  waitlisted: number
  failed: number
  /** What the busy community served meanwhile: reads answered, and its notice's time. */
  busy: { reads: number; noticeMs: number | null } | null
}

/** 2. 300 guardians enrol at once; with `busy`, the other community is kept busy for as long as the rush runs. */
async function rush(w: World, r: string, busy: boolean): Promise<RushFigures> {
  const termId = await newTerm(w, r)
  let stop = false
  let reads = 0
  let noticeMs: number | null = null
  const load: Array<Promise<void>> = []
  if (busy && w.busy) {
    const b = w.busy
    load.push(
      (async () => {
        const a = await call(w, 'notifications', b.staff, 'broadcast', { id: rid(), title: '通知', body: '周末大扫除' })
        noticeMs = a.ms
      })()
    )
    for (const openId of b.residents.slice(0, BUSY_READERS))
      load.push(
        (async () => {
          while (!stop) {
            await call(w, 'community', openId, 'home')
            reads++
          }
        })()
      )
  }
  const t0 = performance.now()
  const answers = await Promise.all(
    w.measured.families.map(async f => await call(w, 'classes', f.guardian, 'enrol', { termId, childId: f.childId }))
  )
  const ms = performance.now() - t0
  stop = true
  await Promise.all(load)
  const ok = answers.filter(a => a.body?.ok)
  return {
    ms,
    p50: pct(
      answers.map(a => a.ms),
      0.5
    ),
    p99: pct(
      answers.map(a => a.ms),
      0.99
    ),
    requests: answers.reduce((n, a) => n + a.requests, 0),
    enrolled: ok.filter(a => a.body.data.status === 'enrolled').length,
    waitlisted: ok.filter(a => a.body.data.status === 'waitlisted').length,
    failed: answers.length - ok.length,
    busy: busy && w.busy ? { reads, noticeMs } : null
  }
}

/** 3. The measured community's residents roster exported as the page does it: start, steps, the file in parts. */
async function ledger(w: World): Promise<{ ms: number; requests: number; steps: number; rows: number; kb: number }> {
  const t0 = performance.now()
  let requests = 0
  const step = async (action: string, payload: unknown): Promise<any> => {
    const a = await call(w, 'staff', w.measured.staff, action, payload)
    if (!a.body?.ok) throw new Error(`staff.${action}: ${JSON.stringify(a.body?.error)}`)
    requests += a.requests
    return a.body.data
  }
  let job = await step('startExport', { kind: 'residents' })
  let steps = 0
  while (job.status === 'running') {
    job = await step('exportStep', { jobId: job.jobId })
    steps++
  }
  for (let part = 0; part < job.fileParts; part++) await step('exportPart', { jobId: job.jobId, part })
  return { ms: performance.now() - t0, requests, steps, rows: job.done, kb: job.fileBytes / 1024 }
}

/**
 * 4. The street dashboard (街道工作台, staff.streetDashboard of helper street-roles): every community's figures and
 * the street's totals, as 街道社工 reads them, beside one community's staff.dashboard in the street and in the street
 * of one. Until that action is merged the function answers UNKNOWN_ACTION, and this says "not yet available".
 */
async function streetDashboard(street: World, alone: World): Promise<void> {
  const reader = streetPersonas.find(p => p.roles.includes('street_staff'))?.openId ?? 'demo-street-staff'
  const first = await call(street, 'staff', reader, 'streetDashboard', { period: 'week' })
  if (first.body?.error?.code === 'UNKNOWN_ACTION') {
    console.log('4. street dashboard: not yet available (staff.streetDashboard is not in the built staff function)')
    return
  }
  if (!first.body?.ok) throw new Error(`staff.streetDashboard: ${JSON.stringify(first.body?.error)}`)
  console.log(
    `4. the street dashboard of ${first.body.data.communities.length} communities (as 街道社工), ` +
      `beside one community's dashboard (as its 社工)`
  )
  const figures = { street: [] as number[], one: [] as number[], alone: [] as number[] }
  for (let r = 1; r <= RUNS; r++) {
    const s = await call(street, 'staff', reader, 'streetDashboard', { period: 'week' })
    const o = await call(street, 'staff', street.measured.staff, 'dashboard', { period: 'week' })
    const a = await call(alone, 'staff', alone.measured.staff, 'dashboard', { period: 'week' })
    for (const [x, what] of [
      [s, 'streetDashboard'],
      [o, 'dashboard'],
      [a, 'dashboard']
    ] as const)
      if (!x.body?.ok) throw new Error(`staff.${what}: ${JSON.stringify(x.body?.error)}`)
    figures.street.push(s.ms)
    figures.one.push(o.ms)
    figures.alone.push(a.ms)
    console.log(
      `   run ${r}: street dashboard ${ms(s.ms)}, ${s.requests} requests | one community's dashboard in the street ` +
        `${ms(o.ms)}, ${o.requests} requests | in the street of one ${ms(a.ms)}, ${a.requests} requests`
    )
  }
  const [ds, d1, da] = [figures.street, figures.one, figures.alone].map(median)
  console.log(
    `   median: street dashboard ${ms(ds)} | one community's ${ms(d1)} (street ${(ds / d1).toFixed(2)}×) | ` +
      `street of one ${ms(da)}`
  )
}

const ms = (x: number): string => `${x.toFixed(0)} ms`

async function main(): Promise<void> {
  const { communities, households } = seedOptions(process.argv.slice(2), true)
  console.log(
    `street bench: a street of ${communities} communities × ${households} households beside a street of one community ` +
      `of ${households} households, two local clouds, ${RUNS} runs alternated`
  )
  const clouds: LocalCloudProcess[] = []
  try {
    // Both started before this process points its SDK anywhere: a local cloud's functions take the runtime
    // environment it inherits (src/local-cloud/env.ts keeps keys already set), so they would reach the other's data.
    clouds.push(await startLocalCloud({ functions: true }), await startLocalCloud({ functions: true }))
    const street = await makeWorld(clouds[0], `street of ${communities}`, communities, households)
    const alone = await makeWorld(clouds[1], 'street of one', 1, households)
    const worlds = [street, alone]
    // Load every function once in each cloud, so no figure below is a cold start.
    for (const w of worlds)
      for (const fn of ['community', 'classes', 'notifications', 'staff']) await call(w, fn, w.measured.staff, 'nope')

    const audience = { street: await audienceOf(street), alone: await audienceOf(alone) }
    console.log(
      `1. a notice to one community's ${households} households (community ${street.measured.id}: ` +
        `${audience.street} people with a household; in the street of one ${audience.alone})`
    )
    const notices: Record<string, Array<Awaited<ReturnType<typeof notice>>>> = { street: [], alone: [] }
    for (let r = 1; r <= RUNS; r++) {
      const s = await notice(street)
      const a = await notice(alone)
      notices.street.push(s)
      notices.alone.push(a)
      // More items than the community has people would be a notice reaching another community.
      console.log(
        `   run ${r}: street ${ms(s.ms)}, ${s.requests} requests, ${s.done} items ` +
          `(${s.done === audience.street ? 'its own people only' : `EXPECTED ${audience.street}`})` +
          ` | street of one ${ms(a.ms)}, ${a.requests} requests, ${a.done} items`
      )
    }
    const [ns, na] = [median(notices.street.map(x => x.ms)), median(notices.alone.map(x => x.ms))]
    console.log(`   median: street ${ms(ns)} | street of one ${ms(na)} | ratio ${(ns / na).toFixed(2)}×`)

    console.log(
      `2. an enrolment rush: ${FAMILIES} guardians at once into a ${SEATS}-seat term, in community ` +
        `${street.measured.id}; busy: community ${street.busy?.id ?? '-'} sends a notice to its ${households} ` +
        `households while ${BUSY_READERS} of its residents open their home page over and over`
    )
    const fmt = (f: RushFigures): string =>
      `${ms(f.ms)} (p50 ${ms(f.p50)}, p99 ${ms(f.p99)}; ${f.enrolled} enrolled, ${f.waitlisted} waitlisted, ` +
      `${f.failed} failed; ${(f.requests / FAMILIES).toFixed(1)} requests a call)`
    await rush(street, 'warm-street', false)
    await rush(alone, 'warm-alone', false)
    const rushes: Record<'quiet' | 'busy' | 'alone', RushFigures[]> = { quiet: [], busy: [], alone: [] }
    for (let r = 1; r <= RUNS; r++) {
      const q = await rush(street, `${r}q`, false)
      const b = await rush(street, `${r}b`, true)
      const a = await rush(alone, `${r}a`, false)
      rushes.quiet.push(q)
      rushes.busy.push(b)
      rushes.alone.push(a)
      console.log(`   run ${r}: rush alone in the street ${fmt(q)}`)
      console.log(
        `          rush while ${street.busy?.id} is busy ${fmt(b)}; meanwhile ${street.busy?.id} answered ` +
          `${b.busy?.reads ?? 0} home pages and its notice in ${b.busy?.noticeMs === null ? '-' : ms(b.busy?.noticeMs ?? 0)}`
      )
      console.log(`          rush in the street of one ${fmt(a)}`)
    }
    const [rq, rb, ra] = [rushes.quiet, rushes.busy, rushes.alone].map(xs => median(xs.map(x => x.ms)))
    console.log(
      `   median: alone in the street ${ms(rq)} | neighbour busy ${ms(rb)} (${(rb / rq).toFixed(2)}×) | ` +
        `street of one ${ms(ra)} (street ${(rq / ra).toFixed(2)}×)`
    )

    console.log(`3. the ledger export of one community's residents roster (community ${street.measured.id})`)
    const exports: Record<string, number[]> = { street: [], alone: [] }
    for (let r = 1; r <= RUNS; r++) {
      const s = await ledger(street)
      const a = await ledger(alone)
      exports.street.push(s.ms)
      exports.alone.push(a.ms)
      const one = (x: typeof s): string =>
        `${ms(x.ms)}, ${x.rows} rows, ${x.steps} steps, ${x.requests} requests, ${x.kb.toFixed(0)} KB`
      console.log(`   run ${r}: street ${one(s)} | street of one ${one(a)}`)
    }
    const [es, ea] = [median(exports.street), median(exports.alone)]
    console.log(`   median: street ${ms(es)} | street of one ${ms(ea)} | ratio ${(es / ea).toFixed(2)}×`)

    await streetDashboard(street, alone)
  } finally {
    for (const c of clouds) await c.dispose()
  }
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
