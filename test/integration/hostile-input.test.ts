/**
 * Input that passes an action's schema never crashes its use case (issue 16, item 6).
 *
 * For every action of every BUILT function (through the local cloud, as a client calls it, as a
 * persona the action admits), random payloads are drawn from the action's own zod schema with
 * fast-check, mixed with hostile values (impossible dates, NUL and other control characters, lone
 * surrogates, regex and query syntax, the seeded community's real ids so the use cases get past
 * "not found"). Only payloads that parse are sent; none may answer INTERNAL or a host error.
 * Needs `npm run build:functions` first. LINLI_PROPERTY_RUNS sets the payloads per action.
 */
import fc from 'fast-check'
import { arbitraryOf } from '../support/schema-arbitrary'
import { seedDemoStreet } from '../../scripts/seed'
import { personas, streetPersonas } from '../../src/core/community/personas'
import { applyLocalRuntimeEnv } from '../../src/local-cloud/env'
import { classesActions } from '../../src/server/classes/classes.actions'
import { communityActions } from '../../src/server/community/community.actions'
import { elderCareActions } from '../../src/server/elder-care/elder-care.actions'
import { gridActions } from '../../src/server/grid/grid.actions'
import { notificationsActions } from '../../src/server/notifications/notifications.actions'
import type { Access, ActionTable } from '../../src/server/router'
import { serviceCardActions } from '../../src/server/service-card/service-card.actions'
import { staffActions } from '../../src/server/staff/staff.actions'
import { volunteersActions } from '../../src/server/volunteers/volunteers.actions'
import { builtFunctionMissing, startCloud, type CloudUnderTest, communityDb } from './local-cloud.helper'

jest.setTimeout(15 * 60_000)

const RUNS = Number(process.env.LINLI_PROPERTY_RUNS ?? 6)
const SEED = Number(process.env.LINLI_PROPERTY_SEED ?? 20261204)

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

/** Personas the action admits (all of them for 'anyone'/'registered'), the street office's (街道) among them. */
function callersOf(access: Access): string[] {
  const all = [...personas, ...streetPersonas]
  if (access === 'anyone' || access === 'registered') return all.map(p => p.openId)
  return all.filter(p => p.roles.some(r => access.includes(r))).map(p => p.openId)
}

let cloud: CloudUnderTest
let ids: string[] = []

beforeAll(async () => {
  for (const [fn] of functions) {
    const missing = builtFunctionMissing(fn)
    if (missing) throw new Error(missing)
  }
  cloud = await startCloud()
  applyLocalRuntimeEnv(cloud.port)
  // The first community and a second, with the street office's personas (a street role's actions read both).
  await seedDemoStreet(communityDb(), { communities: 2 })
  // Real ids, so random payloads reach past "not found" into the use cases.
  const sample = [
    'users',
    'members',
    'households',
    'grids',
    'children',
    'elders',
    'service_items',
    'hall_slots',
    'class_terms',
    'class_sessions',
    'vol_tasks',
    'vol_teams',
    'care_requests',
    'service_types',
    'sos_calls',
    'staff_surveys',
    'inbox'
  ]
  for (const name of sample) {
    try {
      const docs = (await communityDb().collection(name).limit(8).get()).data as Array<{ _id: string }>
      ids.push(...docs.map(d => String(d._id)))
    } catch {
      /* a collection this seed leaves empty */
    }
  }
  ids = [...new Set(ids)]
})

afterAll(async () => {
  await cloud?.dispose()
})

describe.each(functions)('every action of %s', (fn, actions) => {
  it.each(Object.keys(actions))('%s: a payload that parses never answers INTERNAL', async name => {
    const def = actions[name]
    const callers = callersOf(def.roles)
    const drawn = fc.sample(arbitraryOf(def.schema, ids), { numRuns: RUNS * 300, seed: SEED })
    const crashes: unknown[] = []
    const parses = (p: unknown): boolean => {
      try {
        return def.schema.safeParse(p).success
      } catch (err) {
        crashes.push({ payload: p, schemaThrew: String(err) })
        return false
      }
    }
    const parsed = drawn.map(p => ({ p, ok: parses(p) }))
    const payloads = parsed
      .filter(x => x.ok)
      .slice(0, RUNS)
      .map(x => x.p)
    // Some that don't parse too: they must be refused as INVALID_INPUT, not crash the schema.
    const refused = parsed
      .filter(x => !x.ok)
      .slice(0, Math.ceil(RUNS / 2))
      .map(x => x.p)
    for (const [i, payload] of [...payloads, ...refused].entries()) {
      const openId = callers[i % callers.length]
      const requestId = def.idempotent
        ? `prop-${fn}-${name}-${i}`.slice(0, 64).replace(/[^A-Za-z0-9_-]/g, '-')
        : undefined
      const res = await cloud.call(fn, openId, { action: name, payload, ...(requestId ? { requestId } : {}) })
      if (res.status !== 200 || res.body?.error?.code === 'INTERNAL')
        crashes.push({ openId, payload, status: res.status, body: res.body })
    }
    expect(crashes).toEqual([])
    // Fails rather than passes with nothing sent when the schema kept every draw out.
    expect(payloads.length).toBeGreaterThan(0)
  })
})

describe('the inputs that crashed use cases before', () => {
  const august = Array.from({ length: 8 }, (_, i) => `方面${i + 1}`)
  it.each([
    ['community', 'demo-resident', 'roster', { from: '2024-13-01' }],
    ['staff', 'demo-admin', 'dashboard', { period: 'week', day: '2024-13-01' }],
    [
      'staff',
      'demo-staff',
      'publishSurvey',
      { title: '满意度调查', aspects: august, opensOn: '2024-02-30', closesOn: '2024-03-30' }
    ],
    ['staff', 'demo-admin', 'searchAudit', { from: '2024-13-01' }],
    ['elder-care', 'demo-elder', 'myMeals', { date: '2025-02-29' }]
  ])('%s as %s: %s answers INVALID_INPUT for a day that does not exist', async (fn, openId, action, payload) => {
    const res = await cloud.call(fn, openId, { action, payload, requestId: `req-baddate-${action}` })
    expect(res.body.error).toMatchObject({ code: 'INVALID_INPUT' })
  })

  it('finds services by a search text with a NUL in it as if it were not there', async () => {
    const clean = await cloud.call('service-card', 'demo-resident', { action: 'listItems', payload: { q: '证明' } })
    const withNul = await cloud.call('service-card', 'demo-resident', {
      action: 'listItems',
      payload: { q: '证\u0000明' }
    })
    expect(withNul.body).toEqual(clean.body)
    expect(clean.body.ok).toBe(true)
  })
})
