/**
 * `npm run bench:sos`: SOS latency through the local cloud — from the elder's press (an HTTP call
 * to the BUILT `elder-care` function, dev login as demo-elder) to the moment the duty staff
 * member's inbox item exists in the database (read back through the SDK). 200 presses, one after
 * another, each cancelled afterwards (inside the 10 s window, not timed) so the next press starts a
 * new call. Prints p50/p95/p99/max (target p99 ≤ 100 ms). Asserts nothing.
 * Needs `npm run build:functions`.
 */
import { firstCommunityDb as communityDb } from './community-db'
import { deliveryId } from '../../src/core/notifications/notification.model'
import { onDutyAt } from '../../src/core/elder-care/on-duty.rule'
import { shanghaiDate } from '../../src/core/shared/shanghai-time'
import { applyLocalRuntimeEnv } from '../../src/local-cloud/env'
import { getById } from '../../src/server/db/client'
import { startLocalCloud } from '../../test/support/local-cloud'
import { seedDemoCommunity } from '../seed/seed-demo-community'

const PRESSES = 200
const WARMUP = 5

async function main(): Promise<void> {
  const cloud = await startLocalCloud({ functions: true })
  try {
    applyLocalRuntimeEnv(cloud.port)
    const db = communityDb() // the first community's view, as its functions write (db/community-scope.ts)
    await seedDemoCommunity(db)
    const now = new Date()
    const shifts = (
      (await db
        .collection('duty_roster')
        .where({ date: shanghaiDate(now) })
        .limit(100)
        .get()) as { data: Array<{ userId: string | null; start?: string; end?: string }> }
    ).data
    const duty = onDutyAt(shifts, now)[0] ?? 'demo-staff'

    const fn = async (openId: string, action: string, payload: unknown): Promise<any> => {
      const res = await fetch(`http://127.0.0.1:${cloud.port}/functions/elder-care`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-wx-openid': openId },
        body: JSON.stringify({ action, payload })
      })
      const body = (await res.json()) as { ok: boolean; data?: any; error?: unknown }
      if (!body.ok) throw new Error(`${action}: ${JSON.stringify(body.error)}`)
      return body.data
    }

    console.log(
      `sos bench: ${PRESSES} presses by demo-elder (after ${WARMUP} warm-up), press → inbox item of duty staff ${duty}, through the local cloud`
    )
    const times: number[] = []
    for (let i = 0; i < WARMUP + PRESSES; i++) {
      const started = process.hrtime.bigint()
      const call = await fn('demo-elder', 'sosPress', {})
      const inboxId = deliveryId(`elder-care.sos:${call.id}:L1:${duty}`, duty)
      // notify resolves once the inbox item is stored, so the first read normally finds it; poll anyway.
      while (!(await getById(db, 'inbox', inboxId))) await new Promise(resolve => setTimeout(resolve, 1))
      const ms = Number(process.hrtime.bigint() - started) / 1e6
      if (i >= WARMUP) times.push(ms)
      await fn('demo-elder', 'sosCancel', { id: call.id })
    }
    const sorted = [...times].sort((a, b) => a - b)
    const pct = (p: number): number => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]
    console.log(
      `press → duty staff inbox over ${times.length} presses: p50 ${pct(50).toFixed(1)} ms, p95 ${pct(95).toFixed(1)} ms, p99 ${pct(99).toFixed(1)} ms, max ${sorted[sorted.length - 1].toFixed(1)} ms (target p99 ≤ 100 ms)`
    )
  } finally {
    await cloud.dispose()
  }
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
