/**
 * `npm run seed`: seeds the demo street into the local cloud (each community on its first run only; see
 * scripts/seed/seed-demo-community.ts): 3 communities of 300 households, the street office's personas.
 * `npm run seed -- --communities 10` seeds a street at the size of issue 20 (5–15 communities of 1,000–2,000
 * households): 10 communities of 2,000 households unless `--households N` says otherwise.
 * The cloud is found from LINLI_CLOUD_URL (set by `npm start`) or PORT (default 3000).
 */
import { parseArgs } from 'node:util'
import { applyLocalRuntimeEnv } from '../src/local-cloud/env'
import { getDb } from '../src/server/db/client'
import { DEMO_STREET_SIZE } from '../src/core/community/personas'
import { seedDemoStreet } from './seed/seed-demo-community'

export { seedDemoCommunity, seedDemoStreet } from './seed/seed-demo-community'
export { planDemoCommunity } from './seed/demo-community'

/** Issue 20's street at scale: 10 communities (of 5–15) of 2,000 households. */
const STREET_AT_SCALE = 10

function cloudPort(): string {
  const url = process.env.LINLI_CLOUD_URL
  if (url) return new URL(url).port || '80'
  return process.env.PORT ?? '3000'
}

/**
 * `--communities N` (1–99) and `--households N` (24–20000), checked before anything is written. Without
 * `--communities` it is the demo (3 × 300); with it, or `atScale` (the benchmarks), a street at scale (10 × 2,000).
 */
export function seedOptions(args: string[], atScale = false): { communities: number; households: number } {
  const { values } = parseArgs({
    args,
    options: { communities: { type: 'string' }, households: { type: 'string' } },
    strict: true
  })
  const count = (name: string, raw: string | undefined, fallback: number, min: number, max: number): number => {
    const n = raw === undefined ? fallback : Number(raw)
    if (!Number.isInteger(n) || n < min || n > max) throw new Error(`--${name} takes a whole number ${min}–${max}`)
    return n
  }
  return {
    communities: count('communities', values.communities, atScale ? STREET_AT_SCALE : DEMO_STREET_SIZE, 1, 99),
    households: count('households', values.households, atScale || values.communities ? 2000 : 300, 24, 20_000)
  }
}

async function main(): Promise<void> {
  const options = seedOptions(process.argv.slice(2))
  // The runtime env makes the SDK reach the local cloud and skip its ~65 ms cloud probe per call.
  applyLocalRuntimeEnv(cloudPort())
  const tty = process.stdout.isTTY
  // On a terminal the running count overwrites itself; each community done is a line of its own.
  const report = await seedDemoStreet(getDb(), {
    ...options,
    log: line => {
      if (tty) process.stdout.write(`\r\x1b[K${line}`)
    },
    onCommunity: (c, i) => {
      if (tty) process.stdout.write('\r\x1b[K')
      const n = `[${i + 1}/${options.communities}]`
      if (!c.seeded) {
        console.log(`${n} ${c.name} (${c.communityId}): already seeded, nothing to do`)
        return
      }
      const counts = Object.entries(c.counts)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')
      console.log(`${n} seeded ${c.name} (${c.communityId}) in ${(c.ms / 1000).toFixed(1)} s: ${counts}`)
    }
  })
  const seeded = report.communities.filter(c => c.seeded).length
  console.log(
    `the street: ${report.communities.length} communities (${seeded} seeded now) in ${(report.ms / 1000).toFixed(1)} s`
  )
}

// (`require` is typed by webpack-env in this project; the Node one has `main`.)
if ((require as unknown as NodeJS.Require).main === module) {
  main().catch((err: unknown) => {
    console.error(`seed failed: ${err instanceof Error ? err.message : String(err)}`)
    process.exit(1)
  })
}
