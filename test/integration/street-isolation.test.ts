/**
 * Each community's data its own (issue 20, item 5). A street of two seeded communities, 春晖 (A, the first) and 东圣
 * (B). Every action of every BUILT function is called, through the local cloud as a client calls it, as A's staff,
 * admin, resident, guardian and volunteer, with payloads drawn from the action's own schema whose ids are B's
 * record ids (test/support/schema-arbitrary.ts). Then:
 * - no answer carries anything of B: none of B's record ids (but the ones the payload itself sent) and none of B's
 *   people's names, phones and doors;
 * - nothing of B changed: every per-community collection's B documents are as they were.
 * And a street role (街道社工) acting in B through the envelope reads B (its dashboard answers) and every action it
 * calls there, with B's ids, changes nothing of B but the audit of what it read.
 * Needs `npm run build:functions` first. LINLI_ISOLATION_RUNS sets the payloads per action and persona.
 */
import { createHash } from 'node:crypto'
import fc from 'fast-check'
import { seedDemoCommunity } from '../../scripts/seed'
import { personasOf } from '../../src/core/community/personas'
import { DEFAULT_COMMUNITY_ID } from '../../src/core/community/community.model'
import { applyLocalRuntimeEnv } from '../../src/local-cloud/env'
import { classesActions } from '../../src/server/classes/classes.actions'
import { communityActions } from '../../src/server/community/community.actions'
import { collections } from '../../src/server/db/collections'
import { getDb } from '../../src/server/db/client'
import { elderCareActions } from '../../src/server/elder-care/elder-care.actions'
import { gridActions } from '../../src/server/grid/grid.actions'
import { notificationsActions } from '../../src/server/notifications/notifications.actions'
import type { ActionTable } from '../../src/server/router'
import { serviceCardActions } from '../../src/server/service-card/service-card.actions'
import { staffActions } from '../../src/server/staff/staff.actions'
import { volunteersActions } from '../../src/server/volunteers/volunteers.actions'
import { arbitraryOf } from '../support/schema-arbitrary'
import { builtFunctionMissing, communityDb, startCloud, type CloudUnderTest } from './local-cloud.helper'

jest.setTimeout(20 * 60_000)

const RUNS = Number(process.env.LINLI_ISOLATION_RUNS ?? 3)
const SEED = Number(process.env.LINLI_PROPERTY_SEED ?? 20261205)
const A = DEFAULT_COMMUNITY_ID
const B = 'dongsheng'
const STREET_STAFF = 'demo-street-isolation'

const functions: Array<[string, ActionTable<any>]> = [
  ['community', communityActions],
  ['service-card', serviceCardActions],
  ['classes', classesActions],
  ['elder-care', elderCareActions],
  ['grid', gridActions],
  ['volunteers', volunteersActions],
  ['notifications', notificationsActions],
  ['staff', staffActions]
]

/** A's people the issue names: staff (and the admin), a resident, a guardian, a volunteer; and the grid worker. */
const parts = ['demo-staff', 'demo-admin', 'demo-resident', 'demo-guardian', 'demo-volunteer', 'demo-grid-worker']
const callersOfA = personasOf(A).filter(p => parts.includes(p.openId))

const perCommunity = collections.filter(c => !c.street).map(c => c.name)

/** Every document of a community's collection, `_id` order (the seeded demo is a few thousand at most). */
async function all(communityId: string, name: string): Promise<Array<Record<string, unknown>>> {
  const out: Array<Record<string, unknown>> = []
  for (let skip = 0; ; skip += 1000) {
    const res = (await communityDb(communityId)
      .collection(name)
      .orderBy('_id', 'asc')
      .skip(skip)
      .limit(1000)
      .get()) as {
      data: Array<Record<string, unknown>>
    }
    out.push(...res.data)
    if (res.data.length < 1000) return out
  }
}

/** A fingerprint of each of a community's collections, and of its people's `users` records. */
async function snapshot(communityId: string, except: string[] = []): Promise<Record<string, string>> {
  const out: Record<string, string> = {}
  for (const name of [...perCommunity.filter(n => !except.includes(n)), 'users']) {
    out[name] = createHash('sha256')
      .update(JSON.stringify(await all(communityId, name)))
      .digest('hex')
  }
  return out
}

let cloud: CloudUnderTest
/** B's record ids, for payloads (a sample) and for answers (all of them). */
let idsOfB: string[] = []
let poolOfB: string[] = []
let peopleIdsOfB: string[] = []
/** B's ids by collection, for a field that names one (`elderId` → elders). */
const idsByCollection = new Map<string, string[]>()
/** B's people's names, phones and doors that appear nowhere in A. */
let privateOfB: string[] = []
let before: Record<string, string> = {}

beforeAll(async () => {
  for (const [fn] of functions) {
    const missing = builtFunctionMissing(fn)
    if (missing) throw new Error(missing)
  }
  cloud = await startCloud()
  applyLocalRuntimeEnv(cloud.port)
  await seedDemoCommunity(getDb())
  await seedDemoCommunity(getDb(), { communityId: B })
  await getDb()
    .collection('users')
    .add({ _id: STREET_STAFF, name: '街道社工', roles: ['street_staff'], communityId: null, createdAt: new Date() })

  // What A has itself (its records and its people) is not B's, whatever the names they share.
  const peopleOfA = (await communityDb(A).collection('users').limit(1000).get()) as { data: unknown[] }
  const textOfA = JSON.stringify([peopleOfA.data, ...(await Promise.all(perCommunity.map(async n => await all(A, n))))])
  const ids = new Set<string>()
  const pool: string[] = []
  const personal = new Set<string>()
  for (const name of perCommunity) {
    const docs = await all(B, name)
    for (const d of docs) ids.add(String(d._id))
    pool.push(...docs.slice(0, 12).map(d => String(d._id)))
    idsByCollection.set(
      name,
      docs.slice(0, 40).map(d => String(d._id))
    )
    for (const d of docs) {
      for (const field of ['name', 'phone', 'door', 'idNumber']) {
        const v = d[field]
        if (typeof v === 'string' && v.length >= 2 && !textOfA.includes(v)) personal.add(v)
      }
    }
  }
  // B's people, but its volunteers: a volunteer may serve in any community of the street (item 3), so whoever has
  // their OPENID sees their name; they are in the payloads all the same.
  const peopleOfB = (await communityDb(B).collection('users').limit(1000).get()) as {
    data: Array<{ _id: string; name?: string; phone?: string; roles?: string[] }>
  }
  for (const u of peopleOfB.data) {
    pool.push(u._id)
    if (u.roles?.includes('volunteer')) continue
    ids.add(u._id)
    for (const v of [u.name, u.phone])
      if (typeof v === 'string' && v.length >= 2 && !textOfA.includes(v)) personal.add(v)
  }
  const volunteersOfB = peopleOfB.data.filter(u => u.roles?.includes('volunteer')).map(u => u.name)
  peopleIdsOfB = peopleOfB.data.map(u => u._id)
  sendable = [...new Set([...pool, ...peopleIdsOfB, ...[...idsByCollection.values()].flat()])]
  idsOfB = [...ids].filter(id => id.length >= 4 && !textOfA.includes(`"${id}"`))
  poolOfB = [...new Set(pool)]
  // The street's communities are listed to everyone (选择您的社区): their names are nobody's secret.
  const street = (await getDb().collection('communities').limit(100).get()) as { data: Array<{ name?: string }> }
  const publicNames = street.data.map(c => c.name)
  privateOfB = [...personal].filter(v => !volunteersOfB.includes(v) && !publicNames.includes(v))
  before = await snapshot(B)
})

afterAll(async () => {
  await cloud?.dispose()
})

it('seeds two communities with their own people and records', () => {
  expect(poolOfB.length).toBeGreaterThan(100)
  expect(privateOfB.length).toBeGreaterThan(20)
  expect(Object.keys(before)).toContain('elders')
})

/**
 * B's ids for a field by its name: `elderId` → the ids of B's collections named for elders (elders, elder_proxies),
 * `childIds` → children, `openId`/`userId` → B's people; any other `…Id` or `id` → all of them.
 */
function idsFor(key: string): string[] | undefined {
  if (!/(^id$|Ids?$)/.test(key)) return undefined
  if (/^(openId|userId|to|volunteerUserId|guardianUserId)s?$/.test(key)) return peopleIdsOfB
  const stem = key.replace(/Ids?$/, '').toLowerCase()
  const named = [...idsByCollection.entries()].filter(([n]) => stem.length > 1 && n.replace(/_/g, '').includes(stem))
  const ids = named.flatMap(([, list]) => list)
  return ids.length > 0 ? ids : poolOfB
}

/** Payloads of an action's shape, with B's ids where ids go; only the ones that parse. */
function payloadsOf(def: ActionTable<any>[string], seed: number): unknown[] {
  const drawn = fc.sample(arbitraryOf(def.schema, poolOfB, idsFor), { numRuns: RUNS * 200, seed })
  return drawn.filter(p => def.schema.safeParse(p).success).slice(0, RUNS)
}

/**
 * B's ids this test has sent so far, in any payload: a call may store one as text in A (a child's notes) and a later
 * answer show it, which is the caller's own words, not B's data.
 */
const sentOfB = new Set<string>()
/** Every id a payload may carry (payloadsOf, idsFor). */
let sendable: string[] = []
function remember(payload: unknown): void {
  const sent = JSON.stringify(payload) ?? ''
  for (const id of sendable) if (sent.includes(id)) sentOfB.add(id)
}

/** What of B an answer carries: B's ids (but the words the test itself sent), B's people's names, phones, doors. */
function leaked(body: unknown): string[] {
  let text = JSON.stringify(body) ?? ''
  for (const id of [...sentOfB].sort((x, y) => y.length - x.length)) text = text.split(id).join('')
  return [...idsOfB.filter(id => text.includes(id)), ...privateOfB.filter(v => text.includes(v))]
}

describe.each(functions)("every action of %s, called by community A's people with B's ids", (fn, actions) => {
  it.each(Object.keys(actions))('%s answers nothing of B', async name => {
    const def = actions[name]
    const payloads = payloadsOf(def, SEED + name.length)
    const leaks: unknown[] = []
    for (const [i, payload] of payloads.entries()) {
      remember(payload)
      for (const caller of callersOfA) {
        const requestId = def.idempotent ? `iso-${i}-${caller.openId}`.replace(/[^A-Za-z0-9_-]/g, '-') : undefined
        const res = await cloud.call(fn, caller.openId, {
          action: name,
          payload,
          ...(requestId ? { requestId } : {})
        })
        const found = leaked(res.body)
        if (found.length > 0) leaks.push({ caller: caller.openId, payload, found: found.slice(0, 5), body: res.body })
      }
    }
    expect(leaks).toEqual([])
    // Fails rather than passes with nothing sent when the schema kept every draw out.
    expect(payloads.length).toBeGreaterThan(0)
  })
})

describe("after every action: community B's records", () => {
  it('are exactly as they were', async () => {
    expect(await snapshot(B)).toEqual(before)
  })
})

describe('a street role (街道社工) in community B', () => {
  it("reads B's dashboard", async () => {
    const res = await cloud.call('staff', STREET_STAFF, {
      action: 'dashboard',
      payload: { period: 'week' },
      communityId: B
    })
    expect(res.body).toMatchObject({ ok: true })
    // What B's own staff see.
    const own = await cloud.call('staff', `${B}-demo-staff`, { action: 'dashboard', payload: { period: 'week' } })
    expect(res.body).toEqual(own.body)
  })

  it("changes nothing of B by any action, whatever B's ids it sends (only the audit of what it read grows)", async () => {
    const exempt = ['audit', 'staff_exports', 'staff_export_pages', 'staff_export_files']
    const was = await snapshot(B, exempt)
    let sent = 0
    for (const [fn, actions] of functions) {
      for (const name of Object.keys(actions)) {
        const def = actions[name]
        for (const [i, payload] of payloadsOf(def, SEED + 7 * name.length).entries()) {
          const requestId = def.idempotent
            ? `street-${fn}-${name}-${i}`.slice(0, 64).replace(/[^A-Za-z0-9_-]/g, '-')
            : undefined
          await cloud.call(fn, STREET_STAFF, {
            action: name,
            payload,
            communityId: B,
            ...(requestId ? { requestId } : {})
          })
          sent++
        }
      }
    }
    expect(sent).toBeGreaterThan(150)
    expect(await snapshot(B, exempt)).toEqual(was)
  })
})
