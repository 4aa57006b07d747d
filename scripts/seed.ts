/**
 * `npm run seed`: seeds the demo community into the local cloud (first run only; see
 * scripts/seed/seed-demo-community.ts). The cloud is found from LINLI_CLOUD_URL (set by
 * `npm start`) or PORT (default 3000).
 */
import { applyLocalRuntimeEnv } from '../src/local-cloud/env'
import { getDb } from '../src/server/db/client'
import { seedDemoCommunity } from './seed/seed-demo-community'

export { seedDemoCommunity } from './seed/seed-demo-community'
export { planDemoCommunity } from './seed/demo-community'

function cloudPort(): string {
  const url = process.env.LINLI_CLOUD_URL
  if (url) return new URL(url).port || '80'
  return process.env.PORT ?? '3000'
}

async function main(): Promise<void> {
  // The runtime env makes the SDK reach the local cloud and skip its ~65 ms cloud probe per call.
  applyLocalRuntimeEnv(cloudPort())
  const tty = process.stdout.isTTY
  const report = await seedDemoCommunity(getDb(), {
    log: line => {
      if (tty) process.stdout.write(`\r${line}`)
    }
  })
  if (tty && report.seeded) process.stdout.write('\n')
  if (!report.seeded) {
    console.log('demo community already seeded: nothing to do')
    return
  }
  const counts = Object.entries(report.counts)
    .map(([k, n]) => `${k} ${n}`)
    .join(', ')
  console.log(`seeded the demo community in ${report.ms} ms: ${counts}`)
}

// (`require` is typed by webpack-env in this project; the Node one has `main`.)
if ((require as unknown as NodeJS.Require).main === module) {
  main().catch((err: unknown) => {
    console.error(`seed failed: ${err instanceof Error ? err.message : String(err)}`)
    process.exit(1)
  })
}
