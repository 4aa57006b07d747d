/**
 * `npm run bench:rush`: the after-school enrolment rush through the local cloud over HTTP.
 * 300 guardians enrol 300 different children at the same moment into a 30-seat term (the BUILT
 * `classes` function, dev login per guardian). Prints throughput, p50/p99 latency, oversold
 * (must be 0) and FIFO violations (must be 0). Target: all 300 answered within 1.5 s on 2 cores.
 * The first rush after the local cloud starts is printed apart (cold: JIT, new connections).
 * Asserts nothing. Needs `npm run build:functions`.
 */
import { firstCommunityDb as communityDb } from './community-db'
import { addDays, shanghaiDate } from '../../src/core/shared/shanghai-time'
import { applyLocalRuntimeEnv } from '../../src/local-cloud/env'
import { addFamilies } from '../../test/factories/classes.factory'
import { startLocalCloud } from '../../test/support/local-cloud'

const FAMILIES = Number(process.env.RUSH_FAMILIES ?? 300)
const SEATS = 30
const RUNS = Number(process.env.RUSH_RUNS ?? 3)

async function main(): Promise<void> {
  const cloud = await startLocalCloud({ functions: true })
  const call = async (openId: string, action: string, payload: unknown, requestId: string): Promise<any> => {
    const res = await fetch(`http://127.0.0.1:${cloud.port}/functions/classes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-wx-openid': openId },
      body: JSON.stringify({ action, payload, requestId })
    })
    return await res.json()
  }
  try {
    applyLocalRuntimeEnv(cloud.port)
    const db = communityDb() // the first community's view, as its functions write (db/community-scope.ts)
    await db.collection('users').add({
      _id: 'bench-staff',
      name: '社工',
      roles: ['staff'],
      phone: null,
      memberId: null,
      householdId: null,
      gridId: null,
      createdAt: new Date()
    })
    const fams = await addFamilies(db, FAMILIES, 'bench')
    const today = shanghaiDate(new Date())
    const newTerm = async (r: number): Promise<string> => {
      const body = await call(
        'bench-staff',
        'createTerm',
        {
          title: `抢报${r}`,
          room: '活动室',
          startDate: addDays(today, 1),
          endDate: addDays(today, 30),
          capacity: SEATS
        },
        `bench-term-${r}-xx`
      )
      return body.data.termId
    }
    // Load the function and the SDK: one enrolment.
    const loaded = await newTerm(99)
    await call(fams[0].guardian, 'enrol', { termId: loaded, childId: fams[0].childId }, 'bench-load-000')

    const rush = async (r: number): Promise<string> => {
      const termId = await newTerm(r)
      const lat: number[] = []
      const t0 = performance.now()
      const results = await Promise.all(
        fams.map(async (f, i) => {
          const s = performance.now()
          const body = await call(f.guardian, 'enrol', { termId, childId: f.childId }, `bench-${r}-${i}-enrol`)
          lat.push(performance.now() - s)
          return body
        })
      )
      const wall = performance.now() - t0
      const failed = results.filter(b => !b.ok).length
      const enrolled = results.filter(b => b.ok && b.data.status === 'enrolled').length
      const term = (await db.collection('class_terms').doc(termId).get()).data[0]
      const seatedDocs = Number(
        (await db.collection('class_enrolments').where({ termId, status: 'enrolled' }).count()).total
      )
      const oversold = Math.max(0, seatedDocs - SEATS) + (term.seatsLeft < 0 ? -term.seatsLeft : 0)
      // FIFO: waitlist numbers are exactly 1..n, each once, and nobody got a seat after the line formed.
      const nums = results
        .filter(b => b.ok && b.data.status === 'waitlisted')
        .map(b => b.data.waitNumber as number)
        .sort((a, b) => a - b)
      let fifo = 0
      nums.forEach((n, k) => {
        if (n !== k + 1) fifo++
      })
      if (seatedDocs !== enrolled) fifo++
      const sorted = [...lat].sort((a, b) => a - b)
      const p = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]
      return (
        `all ${FAMILIES} answered in ${wall.toFixed(0)} ms (${Math.round(FAMILIES / (wall / 1000))} enrolments/s), p50 ${p(0.5).toFixed(0)} ms, p99 ${p(0.99).toFixed(0)} ms; ` +
        `enrolled ${enrolled}, waitlisted ${nums.length}, failed ${failed}, oversold ${oversold}, FIFO violations ${fifo}`
      )
    }

    console.log(
      `rush bench: ${FAMILIES} guardians enrol at once into a ${SEATS}-seat term, through the local cloud over HTTP (target: all answered ≤ 1500 ms, oversold 0, FIFO violations 0)`
    )
    // The first rush after a start also pays for JIT compilation and for opening ~600 loopback
    // connections; a community's server has been serving for hours when enrolment opens, so the
    // runs after it are the figure the target is about. Both are printed.
    console.log(`  first rush after start (cold): ${await rush(0)}`)
    for (let r = 1; r <= RUNS; r++) console.log(`  run ${r}: ${await rush(r)}`)
  } finally {
    await cloud.dispose()
  }
}

main().catch(err => {
  console.error(err)
  process.exit(1)
})
