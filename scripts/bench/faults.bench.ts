/**
 * `npm run bench:faults`: three rushes through the local cloud with faults on (LINLI_FAULTS:
 * 5% of database requests fail, half before and half after they are applied; 1% of function
 * calls are cut off at their timeout), at the same moment:
 *   300 families enrol into a 30-seat term, 100 residents book a 5-seat hall slot, 100
 *   volunteers claim a 3-place task,
 * each client retrying with its requestId until it gets an answer (IN_PROGRESS or CONFLICT
 * "请求正在处理中", FUNCTION_TIMEOUT, FUNCTION_ERROR, INTERNAL and network errors mean: wait, retry).
 * Then, faults off, the timer jobs that repair half-done writes run (called directly, as their
 * trigger would, with the clock past HALF_DONE_AFTER_MS), and it checks:
 *   seats taken = places held (counters, holder lists and records agree), nobody left pending,
 *   nobody told twice (one inbox item per person and kind), FIFO among the waitlisted.
 * Prints each run's figures and whether all invariants held; exits 1 if any did not.
 * Needs `npm run build:functions`. LINLI_FAULTS_SEED=<n> replays run 1's draws (run k uses n+k-1).
 */
import { firstCommunityDb as communityDb } from './community-db'
import { hallTime } from '../../test/support/hall-days'
import { randomInt } from 'node:crypto'
import { runWaitlist } from '../../src/core/classes/enrolment.usecase'
import { recordNoShows } from '../../src/core/service-card/hall.usecase'
import { HALF_DONE_AFTER_MS } from '../../src/core/shared/half-done'
import { addDays, shanghaiDate } from '../../src/core/shared/shanghai-time'
import { sweepNoShows } from '../../src/core/volunteers/attendance.usecase'
import { applyLocalRuntimeEnv } from '../../src/local-cloud/env'
import { classesDeps } from '../../src/server/classes/classes.actions'
import { serviceCardDeps } from '../../src/server/service-card/service-card.actions'
import { volunteersDeps } from '../../src/server/volunteers/volunteers.actions'
import { addFamilies } from '../../test/factories/classes.factory'
import { addApprovedVolunteers } from '../../test/factories/volunteers.factory'
import { startLocalCloud, type LocalCloudProcess } from '../../test/support/local-cloud'
import { seedDemoCommunity } from '../seed'

const FAULTS = process.env.BENCH_FAULTS ?? 'db=0.05,timeout=0.01'
const RUNS = Number(process.env.BENCH_RUNS ?? 3)
// BENCH_SCALE=0.2 runs a fifth of the clients (a quick check on a busy machine).
const SCALE = Number(process.env.BENCH_SCALE ?? 1)
const FAMILIES = Math.round(300 * SCALE)
const SEATS = 30
const RESIDENTS = Math.round(100 * SCALE)
const HALL_SEATS = 5
const VOLUNTEERS = Math.round(100 * SCALE)
const PLACES = 3
/** A client gives up after this long (it would be a bug: every call must be answered). */
const GIVE_UP_MS = 600_000
const IN_PROGRESS = '请求正在处理中，请稍后再试'
const RETRY_CODES = new Set(['IN_PROGRESS', 'FUNCTION_TIMEOUT', 'FUNCTION_ERROR', 'INTERNAL', 'NETWORK'])

type Body = { ok: true; data: any } | { ok: false; error: { code: string; message: string } }
interface Answer {
  body: Body | null
  attempts: number
  retriedOn: string[]
}

const sleep = async (ms: number): Promise<void> => await new Promise(resolve => setTimeout(resolve, ms))
const db = () => communityDb() // the first community's view, as its functions write
async function all(collection: string, where: Record<string, unknown>): Promise<any[]> {
  const out: any[] = []
  for (let skip = 0; ; skip += 1000) {
    const rows = (
      (await db().collection(collection).where(where).orderBy('_id', 'asc').skip(skip).limit(1000).get()) as {
        data: any[]
      }
    ).data
    out.push(...rows)
    if (rows.length < 1000) return out
  }
}
const one = async (collection: string, id: string): Promise<any> =>
  ((await db().collection(collection).doc(id).get()) as { data: any[] }).data[0]

function client(cloud: () => LocalCloudProcess) {
  const post = async (fn: string, openId: string, body: unknown): Promise<Body | null> => {
    try {
      const res = await fetch(`http://127.0.0.1:${cloud().port}/functions/${fn}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-wx-openid': openId },
        body: JSON.stringify(body)
      })
      return (await res.json()) as Body
    } catch {
      return null
    }
  }
  /** One user action: the same requestId until an answer that is not "wait and retry". */
  return async (fn: string, openId: string, action: string, payload: unknown, requestId: string): Promise<Answer> => {
    const started = Date.now()
    const retriedOn: string[] = []
    for (let attempts = 1; ; attempts++) {
      const body = await post(fn, openId, { action, payload, requestId })
      // A function cut off answers { error } without `ok` (the platform's shape, not the router's).
      const code =
        body === null ? 'NETWORK' : body.ok ? null : ((body as { error?: { code?: string } }).error?.code ?? 'NETWORK')
      const busy = code === 'CONFLICT' && (body as { error: { message: string } }).error.message === IN_PROGRESS
      if (code === null || (!busy && !RETRY_CODES.has(code))) return { body, attempts, retriedOn }
      retriedOn.push(busy ? 'IN_PROGRESS' : code)
      if (Date.now() - started > GIVE_UP_MS) return { body: null, attempts, retriedOn }
      // As a person would: wait a little longer each time (0.5, 1, 2, 4 s at most), so that
      // retries don't pile onto a cloud that is already slow.
      await sleep(Math.min(4000, 250 * 2 ** Math.min(attempts, 4)) + randomInt(250))
    }
  }
}

/** One run on `cloud` (running, faults off); its data has its own prefix, so runs share one local cloud. */
async function run(cloud: LocalCloudProcess, r: number, seed: number): Promise<boolean> {
  const call = client(() => cloud)
  {
    // Setup, faults off.
    const fams = await addFamilies(db(), FAMILIES, `fb${r}`)
    const residents = Array.from({ length: RESIDENTS }, (_, i) => `fb${r}-resident-${i}`)
    await db()
      .collection('users')
      .add(
        residents.map((id, i) => ({
          _id: id,
          name: `居民${i}`,
          roles: ['resident'],
          phone: null,
          memberId: null,
          householdId: null,
          gridId: null,
          createdAt: new Date()
        }))
      )
    const vols = await addApprovedVolunteers(db(), `fb${r}-vol`, VOLUNTEERS)
    const today = shanghaiDate(new Date())
    const made = async (fn: string, action: string, payload: unknown): Promise<any> => {
      const a = await call(fn, 'demo-staff', action, payload, `fb${r}-${action}`)
      if (!a.body?.ok) throw new Error(`${action}: ${JSON.stringify(a.body)}`)
      return a.body.data
    }
    const termId = (
      await made('classes', 'createTerm', {
        title: '容错抢报',
        room: '活动室',
        startDate: addDays(today, 1),
        endDate: addDays(today, 30),
        capacity: SEATS
      })
    ).termId
    // 10:00 Beijing on a weekday at least 3 days out: publishing keeps to the items' hours.
    const slotStart = hallTime(3)
    const slotId = (
      await made('service-card', 'publishSlot', {
        window: '1号窗口',
        startAt: slotStart.toISOString(),
        minutes: 30,
        capacity: HALL_SEATS
      })
    ).id
    const taskStart = new Date(Date.now() + 72 * 3600_000)
    const taskId = (
      await made('volunteers', 'publishTask', {
        title: '容错活动',
        teamId: null,
        place: '3栋前广场',
        detail: '清理楼道杂物',
        startAt: taskStart.toISOString(),
        endAt: new Date(taskStart.getTime() + 2 * 3600_000).toISOString(),
        roles: [{ key: 'clean', name: '清洁', slots: PLACES, skills: [] }],
        withdrawCutoffHours: 24
      })
    ).id

    // The rush, faults on (same data directory and port, a restarted local cloud).
    await cloud.stop()
    process.env.LINLI_FAULTS = FAULTS
    process.env.LINLI_FAULTS_SEED = String(seed)
    await cloud.restart()
    delete process.env.LINLI_FAULTS
    delete process.env.LINLI_FAULTS_SEED
    console.log(`  run ${r}: set up; rush with faults…`)
    const t0 = Date.now()
    const answers = await Promise.all([
      ...fams.map(async (f, i) => ({
        kind: 'enrol',
        who: f.guardian,
        a: await call('classes', f.guardian, 'enrol', { termId, childId: f.childId }, `fb${r}-enrol-${i}`)
      })),
      ...residents.map(async (id, i) => ({
        kind: 'book',
        who: id,
        a: await call('service-card', id, 'book', { slotId, itemId: 'item-dibao' }, `fb${r}-book-${i}`)
      })),
      ...vols.map(async (v, i) => ({
        kind: 'claim',
        who: v.openId,
        a: await call('volunteers', v.openId, 'claim', { taskId, roleKey: 'clean' }, `fb${r}-claim-${i}`)
      }))
    ])
    const rushMs = Date.now() - t0
    const faultLog = cloud.output()

    // Faults off; the repairing timer jobs, as their triggers would run them once the timeout has passed.
    await cloud.stop()
    await cloud.restart()
    // What the rush left half-done, and what those clients were answered.
    const leftPending = (await all('class_enrolments', { termId, status: 'pending' })).map(e => e.guardianUserId)
    const pendingAnswers = new Map<string, number>()
    for (const x of answers.filter(x => leftPending.includes(x.who))) {
      const k = x.a.body?.ok ? `ok:${x.a.body.data.status}` : ((x.a.body as any)?.error?.code ?? 'none')
      pendingAnswers.set(k, (pendingAnswers.get(k) ?? 0) + 1)
    }
    const later = { now: () => new Date(Date.now() + HALF_DONE_AFTER_MS + 1000) }
    const waitlistRun = await runWaitlist({ ...classesDeps(), clock: later })
    const hallRun = await recordNoShows({ ...serviceCardDeps(), clock: later })
    const volRun = await sweepNoShows({ ...volunteersDeps(), clock: later })

    // Invariants.
    const broken: string[] = []
    const check = (ok: boolean, what: string): void => {
      if (!ok) broken.push(what)
    }
    const sameSet = (a: string[], b: string[]): boolean =>
      a.length === b.length && [...a].sort().join() === [...b].sort().join()
    const toldOnce = async (kind: string, people: string[], holders: Set<string>): Promise<void> => {
      const items = await all('inbox', { kind })
      const per = new Map<string, number>()
      for (const it of items) per.set(it.to, (per.get(it.to) ?? 0) + 1)
      check(
        [...per.values()].every(n => n === 1),
        `${kind}: somebody told twice`
      )
      check(
        people.every(p => (per.get(p) ?? 0) === (holders.has(p) ? 1 : 0)),
        `${kind}: told ≠ holds a place`
      )
    }

    const term = await one('class_terms', termId)
    const enrolments = await all('class_enrolments', { termId })
    const seated = enrolments.filter(e => e.status === 'enrolled' || e.status === 'offered')
    const waiting = enrolments.filter(e => e.status === 'waitlisted')
    check(
      seated.length + term.seatsLeft === SEATS &&
        sameSet(
          term.seatHolders,
          seated.map(e => e._id)
        ),
      'classes: seats taken ≠ places held'
    )
    check(
      term.waiting === waiting.length &&
        sameSet(
          term.waiters,
          waiting.map(e => e._id)
        ),
      'classes: line count ≠ waitlisted'
    )
    check(
      enrolments.every(e => e.status !== 'pending'),
      'classes: somebody left pending'
    )
    const seqs = waiting.map(e => e.waitSeq as number)
    const fromLine = seated.filter(e => e.waitSeq !== null).map(e => e.waitSeq as number)
    check(
      new Set(seqs).size === seqs.length && fromLine.every(s => seqs.every(w => s < w)),
      'classes: FIFO broken among the waitlisted'
    )
    check(seated.length === SEATS, 'classes: a seat left empty while families wait')
    await toldOnce(
      'classes.enrolled',
      fams.map(f => f.guardian),
      new Set(seated.map(e => e.guardianUserId))
    )

    const slot = await one('hall_slots', slotId)
    const bookings = await all('hall_bookings', { slotId })
    const booked = bookings.filter(b => b.status === 'booked')
    check(
      booked.length + slot.seatsLeft === HALL_SEATS &&
        sameSet(
          slot.seatHolders,
          booked.map(b => b._id)
        ),
      'hall: seats taken ≠ places held'
    )
    check(booked.length === HALL_SEATS, 'hall: a seat left empty')
    check(
      bookings.every(b => b.status !== 'pending'),
      'hall: somebody left pending'
    )
    check(new Set(booked.map(b => b.residentId)).size === booked.length, 'hall: a resident booked twice')
    const locks = await all('booking_locks', { residentId: db().command.in(residents) })
    check(
      locks.every(l => booked.some(b => b._id === l.bookingId)),
      'hall: time held by no booking'
    )
    await toldOnce('service-card.booked', residents, new Set(booked.map(b => b.residentId)))

    const task = await one('vol_tasks', taskId)
    const claims = await all('vol_claims', { taskId })
    const claimed = claims.filter(c => c.status === 'claimed')
    check(
      claimed.length + task.slotsLeft.clean === PLACES &&
        sameSet(
          task.slotHolders.clean,
          claimed.map(c => c._id)
        ),
      'volunteers: places taken ≠ places held'
    )
    check(claimed.length === PLACES, 'volunteers: a place left empty')
    check(
      claims.every(c => c.status !== 'pending'),
      'volunteers: somebody left pending'
    )
    const ledgers = await all('vol_ledgers', { _id: db().command.in(vols.map(v => v.volunteerId)) })
    const heldFor = ledgers.flatMap(l => l.holds.filter((h: any) => h.taskId === taskId).map((h: any) => h.claimId))
    check(
      sameSet(
        heldFor,
        claimed.map(c => c._id)
      ),
      'volunteers: time held by no claim'
    )
    await toldOnce(
      'volunteers.claim',
      vols.map(v => v.openId),
      new Set(claimed.map(c => c.userId))
    )

    const unanswered = answers.filter(x => x.a.body === null).length
    check(unanswered === 0, `${unanswered} clients never answered`)
    const retries = new Map<string, number>()
    for (const x of answers) for (const c of x.a.retriedOn) retries.set(c, (retries.get(c) ?? 0) + 1)
    const finals = new Map<string, number>()
    for (const x of answers) {
      const k = `${x.kind}:${x.a.body?.ok ? (x.a.body.data.status ?? 'ok') : ((x.a.body as any)?.error?.code ?? 'none')}`
      finals.set(k, (finals.get(k) ?? 0) + 1)
    }
    const fmt = (m: Map<string, number>): string =>
      [...m]
        .sort()
        .map(([k, n]) => `${k} ${n}`)
        .join(', ') || 'none'
    console.log(
      `  run ${r} (LINLI_FAULTS=${FAULTS} LINLI_FAULTS_SEED=${seed}): ${answers.length} clients answered in ${(rushMs / 1000).toFixed(1)} s, ` +
        `${answers.reduce((n, x) => n + x.a.attempts, 0)} calls`
    )
    console.log(`    retried on: ${fmt(retries)}`)
    console.log(`    final answers: ${fmt(finals)}`)
    console.log(
      `    enrolments the rush left pending: ${leftPending.length} (their clients were answered: ${fmt(pendingAnswers)})`
    )
    console.log(
      `    repaired by the timers: classes ${JSON.stringify(waitlistRun)}, hall ${JSON.stringify(hallRun)}, volunteers ${JSON.stringify(volRun)}`
    )
    console.log(
      `    classes ${seated.length} seated + ${term.seatsLeft} free / ${SEATS}, ${waiting.length} waitlisted; hall ${booked.length} + ${slot.seatsLeft} / ${HALL_SEATS}; ` +
        `task ${claimed.length} + ${task.slotsLeft.clean} / ${PLACES}`
    )
    console.log(broken.length === 0 ? '    all invariants held' : `    BROKEN: ${broken.join('; ')}`)
    if (broken.length > 0 || process.env.BENCH_LOG)
      console.log(
        faultLog
          .split('\n')
          .filter(l => !l.includes('"kind":"fault"'))
          .slice(-40)
          .join('\n')
      )
    return broken.length === 0
  }
}

async function main(): Promise<void> {
  const first = process.env.LINLI_FAULTS_SEED ? Number(process.env.LINLI_FAULTS_SEED) : randomInt(2 ** 31 - RUNS)
  delete process.env.LINLI_FAULTS_SEED
  console.log(
    `fault bench: ${FAMILIES} families → ${SEATS} seats, ${RESIDENTS} residents → a ${HALL_SEATS}-seat hall slot, ` +
      `${VOLUNTEERS} volunteers → a ${PLACES}-place task, all at once, with LINLI_FAULTS=${FAULTS}`
  )
  let held = 0
  // One local cloud for all runs (restarted with and without faults on the same port and data):
  // this process's SDK keeps the address it first talked to.
  const cloud = await startLocalCloud({ functions: true })
  try {
    applyLocalRuntimeEnv(cloud.port)
    await seedDemoCommunity(db())
    for (let r = 1; r <= RUNS; r++) if (await run(cloud, r, first + r - 1)) held++
  } finally {
    await cloud.dispose()
  }
  console.log(`${held} of ${RUNS} runs held every invariant`)
  if (held !== RUNS) process.exit(1)
}

main().catch(err => {
  console.error(err)
  process.exit(1)
})
