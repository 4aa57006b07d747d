/**
 * Writes the demo community through the SDK (any Db: the local cloud, or a real environment).
 * Idempotent by design: if `grids` already has documents it does nothing, so `npm start` can call
 * it on every run. Inserts go in batches (`add([...])`), one collection at a time.
 */
import type { Db } from '../../src/server/db/client'
import { countWhere } from '../../src/server/db/client'
import { scopeDb } from '../../src/server/db/community-scope'
import { DEFAULT_COMMUNITY_ID } from '../../src/core/community/community.model'
import { auditWriter } from '../../src/server/audit'
import { systemClock } from '../../src/core/shared/clock'
import { planDemoCommunity, type DemoCommunity } from './demo-community'
import { seedServiceCard } from './service-card.seed'
import { seedCommunityCard } from './community.seed'
import { seedElderCare } from './elder-care.seed'
import { seedClasses } from './classes.seed'
import { seedStaff } from './staff.seed'
import { seedVolunteers } from './volunteers.seed'

const BATCH = 200

export interface SeedReport {
  seeded: boolean
  counts: Record<string, number>
  ms: number
}

export async function seedDemoCommunity(
  street: Db,
  { log = () => undefined }: { log?: (line: string) => void } = {}
): Promise<SeedReport> {
  const started = Date.now()
  // Written as the community's functions write: every per-community document carries its community
  // (db/community-scope.ts); the street-wide `users` and `communities` name it themselves.
  const communityId = DEFAULT_COMMUNITY_ID
  const db = scopeDb(street, { communityId })
  if ((await countWhere(db, 'grids')) > 0) {
    log('demo community already seeded: nothing to do')
    await seedServiceCard(db) // its own first-run check: a data dir from before it existed gets it too
    await seedCommunityCard(db)
    await seedElderCare(db) // insert-if-absent: tops up the coming week's menus on every start
    await seedClasses(db) // its own first-run check (the demo term)
    await seedStaff(db) // insert-if-absent: this half-year's survey
    await seedVolunteers(db) // its own first-run check (the teams)
    return { seeded: false, counts: {}, ms: Date.now() - started }
  }
  const now = systemClock.now()
  const plan = planDemoCommunity(now)
  const profile = plan.settings[0]
  await street
    .collection('communities')
    .doc(communityId)
    .set({ name: profile.name, hotline: profile.hotline, order: 1, createdAt: now })
  // Grids last: their presence is what marks the seed as done, so an interrupted run repeats.
  const order: Array<keyof DemoCommunity> = [
    'settings',
    'buildings',
    'units',
    'households',
    'members',
    'users',
    'consents',
    'children',
    'elders',
    'volunteers',
    'grids'
  ]
  const total = order.reduce((n, k) => n + plan[k].length, 0)
  const counts: Record<string, number> = {}
  let written = 0
  for (const name of order) {
    const docs = plan[name] as unknown as Array<Record<string, unknown>>
    for (let i = 0; i < docs.length; i += BATCH) {
      const batch = docs.slice(i, i + BATCH)
      await db.collection(name).add(name === 'users' ? batch.map(u => ({ ...u, communityId })) : batch)
      written += Math.min(BATCH, docs.length - i)
      log(`seeding ${name.padEnd(10)} ${String(written).padStart(5)}/${total}`)
    }
    counts[name] = docs.length
  }
  await auditWriter(db, systemClock).record({
    actor: 'system:seed',
    action: 'community.seed-demo',
    target: 'grids',
    reason: '首次启动：写入演示社区数据',
    data: counts
  })
  Object.assign(counts, (await seedServiceCard(db, now)).counts, (await seedCommunityCard(db, now)).counts)
  counts.elderCare = (await seedElderCare(db, now)).written
  counts.classes = (await seedClasses(db, now)).written
  counts.staff = (await seedStaff(db, now)).written
  counts.volunteers = (await seedVolunteers(db, now)).written
  return { seeded: true, counts, ms: Date.now() - started }
}
