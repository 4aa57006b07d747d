/**
 * Ledger export benchmark: the BUILT `staff` function, called over HTTP as staff, exports a
 * residents roster of 20,000 members to .xlsx the way the page does (start, one step per 1000
 * rows, then the file in parts). Prints the time per step, the total and the file size. Asserts
 * nothing. Needs `npm run build:functions`. Run: `npx tsx scripts/bench/staff-export.bench.ts`.
 */
import { firstCommunityDb as communityDb } from './community-db'
import { applyLocalRuntimeEnv } from '../../src/local-cloud/env'
import { startLocalCloud } from '../../test/support/local-cloud'

const MEMBERS = 20_000

async function main(): Promise<void> {
  const cloud = await startLocalCloud({ functions: true })
  const call = async (action: string, payload: Record<string, unknown>): Promise<any> => {
    const res = await fetch(`http://127.0.0.1:${cloud.port}/functions/staff`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-wx-openid': 'bench-staff' },
      body: JSON.stringify({ action, payload })
    })
    const body = (await res.json()) as { ok: boolean; data?: unknown; error?: unknown }
    if (!body.ok) throw new Error(`${action} failed: ${JSON.stringify(body.error)}`)
    return body.data
  }
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
    await db.collection('grids').add(
      Array.from({ length: 8 }, (_, g) => ({
        _id: `grid-${g + 1}`,
        name: `第${g + 1}网格`,
        workerUserId: null,
        order: g + 1
      }))
    )
    for (let i = 0; i < MEMBERS; i += 500) {
      await db.collection('members').add(
        Array.from({ length: 500 }, (_, k) => ({
          _id: `bench-m${String(i + k).padStart(6, '0')}`,
          householdId: `bench-h${Math.floor((i + k) / 3)}`,
          gridId: `grid-${((i + k) % 8) + 1}`,
          name: `居民${i + k}`,
          gender: k % 2 ? 'F' : 'M',
          birthYear: 1940 + (k % 70),
          relation: '户主',
          phone: `138${String(i + k).padStart(8, '0')}`,
          partyMember: k % 10 === 0
        }))
      )
    }
    console.log(`staff export bench: residents roster of ${MEMBERS} members through the local cloud's staff function`)
    const started = Date.now()
    let job = await call('startExport', { kind: 'residents' })
    const steps: number[] = []
    while (job.status === 'running') {
      const t = Date.now()
      job = await call('exportStep', { jobId: job.jobId })
      steps.push(Date.now() - t)
    }
    const built = Date.now()
    let chars = 0
    for (let part = 0; part < job.fileParts; part++)
      chars += String((await call('exportPart', { jobId: job.jobId, part })).data).length
    const done = Date.now()
    const sorted = [...steps].sort((a, b) => a - b)
    console.log(
      `  ${steps.length} steps: median ${sorted[Math.floor(sorted.length / 2)]} ms, slowest ${sorted[sorted.length - 1]} ms (the last one also writes the .xlsx)`
    )
    console.log(
      `  rows ${job.done}/${job.total}, file ${(job.fileBytes / 1024).toFixed(0)} KB in ${job.fileParts} part(s) (${chars} base64 chars)`
    )
    console.log(`  total ${done - started} ms: steps ${built - started} ms, download ${done - built} ms`)
  } finally {
    await cloud.dispose()
  }
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
