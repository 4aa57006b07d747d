/**
 * `npm run bench:notify`: a community notice (社区通知) fanned out to 2,000 households' inboxes
 * through the local cloud: the BUILT `notifications` function, called over HTTP as staff, writes
 * one inbox item per household user. Prints the time and the rate (target: ≤ 2 s). Asserts
 * nothing. Needs `npm run build:functions`.
 */
import { firstCommunityDb as communityDb } from './community-db'
import { applyLocalRuntimeEnv } from '../../src/local-cloud/env'
import { countWhere } from '../../src/server/db/client'
import { startLocalCloud } from '../../test/support/local-cloud'

const HOUSEHOLDS = 2000
const RUNS = 3

async function main(): Promise<void> {
  const cloud = await startLocalCloud({ functions: true })
  try {
    applyLocalRuntimeEnv(cloud.port)
    const db = communityDb() // the first community's view, as its functions write (db/community-scope.ts)
    const now = new Date()
    await db.collection('users').add({
      _id: 'bench-staff',
      name: '社工',
      roles: ['staff'],
      phone: null,
      memberId: null,
      householdId: null,
      gridId: null,
      createdAt: now
    })
    for (let i = 0; i < HOUSEHOLDS; i += 500) {
      await db.collection('users').add(
        Array.from({ length: 500 }, (_, k) => ({
          _id: `bench-u${String(i + k).padStart(5, '0')}`,
          name: `居民${i + k}`,
          roles: ['resident'],
          phone: null,
          memberId: null,
          householdId: `bench-h${i + k}`,
          gridId: `grid-${((i + k) % 8) + 1}`,
          createdAt: now
        }))
      )
    }
    console.log(
      `notify bench: ${HOUSEHOLDS} households, ${RUNS} notices, through the local cloud's notifications function`
    )
    const times: number[] = []
    for (let r = 0; r < RUNS; r++) {
      const started = process.hrtime.bigint()
      const res = await fetch(`http://127.0.0.1:${cloud.port}/functions/notifications`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-wx-openid': 'bench-staff' },
        body: JSON.stringify({
          action: 'broadcast',
          payload: { id: `bench-notice-${r}`, title: `停水通知${r}`, body: '11月26日9:00-12:00停水，请提前储水' }
        })
      })
      const body = (await res.json()) as { ok: boolean; data?: { done: number }; error?: unknown }
      const ms = Number(process.hrtime.bigint() - started) / 1e6
      if (!body.ok) throw new Error(`broadcast failed: ${JSON.stringify(body.error)}`)
      times.push(ms)
      console.log(
        `  run ${r + 1}: ${body.data?.done} inbox items in ${ms.toFixed(0)} ms  (${Math.round((body.data?.done ?? 0) / (ms / 1000))} items/s)`
      )
    }
    const items = await countWhere(db, 'inbox', { kind: 'community.notice' })
    const best = Math.min(...times)
    const median = [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)]
    console.log(
      `fan-out of ${HOUSEHOLDS}: median ${median.toFixed(0)} ms, best ${best.toFixed(0)} ms (target ≤ 2000 ms); inbox items written ${items} (expected ${HOUSEHOLDS * RUNS})`
    )
  } finally {
    await cloud.dispose()
  }
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
