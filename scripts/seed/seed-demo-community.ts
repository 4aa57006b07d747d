/**
 * Writes the demo street through the SDK (any Db: the local cloud, or a real environment): communities, each through
 * its own view of the database (db/community-scope.ts), and the street office's personas.
 * Idempotent by design: a community whose `grids` already has documents is left as it is (its per-context seeds
 * only top up), so `npm start` can call it on every run. Inserts go in batches (`add([...])`), one collection at a
 * time.
 */
import type { Db } from '../../src/server/db/client'
import { countWhere, insertIfAbsent } from '../../src/server/db/client'
import { scopeDb, unscoped } from '../../src/server/db/community-scope'
import { DEFAULT_COMMUNITY_ID, type UserRecord } from '../../src/core/community/community.model'
import { DEMO_STREET_SIZE, demoCommunityAt, demoIndexOf, streetPersonas } from '../../src/core/community/personas'
import { auditWriter } from '../../src/server/audit'
import { systemClock } from '../../src/core/shared/clock'
import { planDemoCommunity, type DemoCommunity } from './demo-community'
import { seedServiceCard } from './service-card.seed'
import { seedCommunityCard } from './community.seed'
import { seedElderCare } from './elder-care.seed'
import { seedClasses } from './classes.seed'
import { seedGridReports } from './grid-reports.seed'
import { seedStaff } from './staff.seed'
import { seedVolunteers } from './volunteers.seed'
import { seedGridVisits } from './grid-visits.seed'
import { seedGridInspections } from './grid-inspections.seed'

const BATCH = 200

export interface SeedReport {
  seeded: boolean
  counts: Record<string, number>
  ms: number
}

export interface SeedCommunityOptions {
  /** Default: the first community (春晖社区), with today's ids. */
  communityId?: string
  /** Default: its name in the demo street (personas.ts). */
  name?: string
  /** Default 300. */
  households?: number
  /** Its place in the street (0-based): the order it is listed in, its phone block. Default: from its id. */
  index?: number
  log?: (line: string) => void
}

export async function seedDemoCommunity(
  database: Db,
  { communityId = DEFAULT_COMMUNITY_ID, name, households, index, log = () => undefined }: SeedCommunityOptions = {}
): Promise<SeedReport> {
  const started = Date.now()
  const street = unscoped(database)
  // Written as the community's functions write: every per-community document carries its community
  // (db/community-scope.ts); the street-wide `users` and `communities` name it themselves.
  const db = scopeDb(street, { communityId })
  const at = index ?? demoIndexOf(communityId)
  if ((await countWhere(db, 'grids')) > 0) {
    log(`${communityId}: already seeded, nothing to do`)
    await seedServiceCard(db) // its own first-run check: a data dir from before it existed gets it too
    await seedCommunityCard(db)
    await seedElderCare(db) // insert-if-absent: tops up the coming week's menus on every start
    await seedClasses(db) // its own first-run check (the demo term)
    await seedStaff(db) // insert-if-absent: this half-year's survey
    await seedVolunteers(db) // its own first-run check (the teams)
    await seedGridReports(db) // insert-if-absent: a data dir from before reports gets them too
    await seedGridVisits(db) // insert-if-absent: tags, past visits and patrols
    await seedGridInspections(db) // insert-if-absent: the checklists and last period's inspections
    return { seeded: false, counts: {}, ms: Date.now() - started }
  }
  const now = systemClock.now()
  const plan = planDemoCommunity(now, { communityId, name, households, index: at })
  const profile = plan.settings[0]
  await street
    .collection('communities')
    .doc(communityId)
    .set({ name: profile.name, hotline: profile.hotline, order: at + 1, createdAt: now })
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
  for (const collection of order) {
    const docs = plan[collection] as unknown as Array<Record<string, unknown>>
    for (let i = 0; i < docs.length; i += BATCH) {
      const batch = docs.slice(i, i + BATCH)
      // `users` is street-wide (db/collections.ts): each account names its community itself.
      await db.collection(collection).add(collection === 'users' ? batch.map(u => ({ ...u, communityId })) : batch)
      written += Math.min(BATCH, docs.length - i)
      log(`${communityId}: seeding ${collection.padEnd(10)} ${String(written).padStart(6)}/${total}`)
    }
    counts[collection] = docs.length
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
  counts.volunteering = (await seedVolunteers(db, now)).written
  counts.gridReports = (await seedGridReports(db, now)).written
  counts.gridVisits = (await seedGridVisits(db, now)).written
  counts.gridInspections = (await seedGridInspections(db, now)).written
  return { seeded: true, counts, ms: Date.now() - started }
}

export interface StreetSeedReport {
  /** Per community, in order. */
  communities: Array<{ communityId: string; name: string } & SeedReport>
  ms: number
}

/**
 * The demo street: `communities` communities (春晖社区 first, then 东圣社区, 新苑社区…; personas.ts), each of
 * `households` households, and the street office's personas (街道管理员, 街道社工: street roles, no community).
 */
export async function seedDemoStreet(
  database: Db,
  {
    communities = DEMO_STREET_SIZE,
    households,
    log = () => undefined,
    onCommunity = () => undefined
  }: {
    communities?: number
    households?: number
    log?: (line: string) => void
    /** Called as each community is done (a progress line per community). */
    onCommunity?: (done: StreetSeedReport['communities'][number], index: number) => void
  } = {}
): Promise<StreetSeedReport> {
  const started = Date.now()
  const street = unscoped(database)
  const now = systemClock.now()
  for (const p of streetPersonas) {
    const user: UserRecord = {
      _id: p.openId,
      name: p.name,
      communityId: null,
      roles: [...p.roles],
      phone: null,
      memberId: null,
      householdId: null,
      gridId: null,
      createdAt: now
    }
    await insertIfAbsent(street, 'users', { ...user })
  }
  const out: StreetSeedReport['communities'] = []
  for (let index = 0; index < communities; index++) {
    const { id, name } = demoCommunityAt(index)
    const report = await seedDemoCommunity(street, { communityId: id, name, households, index, log })
    out.push({ communityId: id, name, ...report })
    onCommunity(out[index], index)
  }
  return { communities: out, ms: Date.now() - started }
}
