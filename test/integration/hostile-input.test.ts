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
import type * as z from 'zod'
import { seedDemoCommunity } from '../../scripts/seed'
import { personas } from '../../src/core/community/personas'
import { applyLocalRuntimeEnv } from '../../src/local-cloud/env'
import { classesActions } from '../../src/server/classes/classes.actions'
import { communityActions } from '../../src/server/community/community.actions'
import { elderCareActions } from '../../src/server/elder-care/elder-care.actions'
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
  ['volunteers', volunteersActions],
  ['notifications', notificationsActions],
  ['staff', staffActions]
]

/** Values no schema's shape keeps out, that have crashed use cases elsewhere. */
const hostile = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '王\u0000芳',
  '\u001b[2J',
  '\u202Egnp',
  '\uD800',
  'x\uDC00y',
  '👵🏻',
  '.*',
  '(',
  '[a-',
  '\\',
  '$where',
  '{"$gt":""}',
  '__proto__',
  'constructor',
  '%E0%A4%A',
  '<script>',
  'null',
  '-1',
  '1e309',
  'x'.repeat(300),
  '2024-13-01',
  '2024-02-30',
  '2023-02-29',
  '2024-02-29',
  '0000-01-01',
  '9999-12-31',
  '2024-12-31T23:59:60Z',
  '0001-01-01T00:00:00Z',
  '9999-12-31T23:59:59.999Z',
  '2026-12-04T16:00:00+08:00',
  '00:00',
  '23:59',
  '24:00'
]

type Arb = fc.Arbitrary<unknown>

/** Instants near now, so "ends after it starts, within a day" holds often enough. */
const nearNow = fc.integer({ min: -3 * 86400, max: 3 * 86400 }).map(s => new Date(Date.now() + s * 1000))

/** An arbitrary for values of `schema`'s shape (mostly valid, some hostile); what parses is kept later. */
function arbitraryOf(schema: z.ZodType, ids: string[]): Arb {
  const def = (schema as any)._zod.def
  const checks: any[] = (def.checks ?? []).map((c: any) => c._zod.def)
  const check = (name: string): any => checks.find(c => c.check === name)
  const pool = fc.constantFrom(...hostile, ...ids)
  switch (def.type) {
    case 'string': {
      const pattern = check('string_format')?.pattern as RegExp | undefined
      const fitting: Arb =
        def.format === 'date'
          ? nearNow.map(d => d.toISOString().slice(0, 10))
          : def.format === 'datetime'
            ? nearNow.map(d => d.toISOString())
            : pattern
              ? fc.stringMatching(pattern)
              : fc.string({ minLength: 1, maxLength: check('max_length')?.maximum ?? 30 })
      return fc.oneof(
        { arbitrary: fitting, weight: 4 },
        { arbitrary: pool, weight: 2 },
        { arbitrary: fc.string({ unit: 'binary', maxLength: 30 }), weight: 1 }
      )
    }
    case 'number': {
      const lo = check('greater_than')
      const hi = check('less_than')
      const min = lo ? Math.ceil(lo.value + (lo.inclusive ? 0 : 1)) : -2
      const max = hi ? Math.floor(hi.value - (hi.inclusive ? 0 : 1)) : Math.max(min, 600)
      return fc.oneof(
        { arbitrary: fc.integer({ min, max: Math.max(min, max) }), weight: 6 },
        { arbitrary: fc.constantFrom(0, 15, 60, 1e9, Number.MAX_SAFE_INTEGER, 0.5), weight: 1 },
        { arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }), weight: 1 }
      )
    }
    case 'boolean':
      return fc.boolean()
    case 'literal':
      return fc.constantFrom(...def.values)
    case 'enum':
      return fc.constantFrom(...Object.values(def.entries))
    case 'optional':
      return fc.option(arbitraryOf(def.innerType, ids), { nil: undefined })
    case 'default':
      return fc.option(arbitraryOf(def.innerType, ids), { nil: undefined })
    case 'nullable':
      return fc.option(arbitraryOf(def.innerType, ids), { nil: null })
    case 'pipe':
      return arbitraryOf(def.in, ids)
    case 'union':
      return fc.oneof(...def.options.map((o: z.ZodType) => arbitraryOf(o, ids)))
    case 'array': {
      const exact = check('length_equals')?.length as number | undefined
      const min = exact ?? check('min_length')?.minimum ?? 0
      const max = exact ?? Math.min(check('max_length')?.maximum ?? 3, Math.max(min, 3))
      // The shortest arrays often, so that a list of lists (a week of opening hours) parses now and then.
      return fc.oneof(
        fc.array(arbitraryOf(def.element, ids), { minLength: min, maxLength: min }),
        fc.array(arbitraryOf(def.element, ids), { minLength: min, maxLength: max })
      )
    }
    case 'object': {
      const shape = def.shape as Record<string, z.ZodType>
      const optional = (s: z.ZodType): boolean => ['optional', 'default'].includes((s as any)._zod.def.type)
      const fields = Object.fromEntries(Object.entries(shape).map(([k, s]) => [k, arbitraryOf(s, ids)]))
      return fc
        .record(fields, { requiredKeys: Object.keys(shape).filter(k => !optional(shape[k])) })
        .map(o => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)))
    }
    case 'record':
      return fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 })
    default:
      return fc.jsonValue({ maxDepth: 2 })
  }
}

/** Personas the action admits (all of them for 'anyone'/'registered'). */
/** A street admin (街道管理员, issue 20) for the street's actions when no demo persona holds a street role. */
const STREET_ADMIN = 'it-hostile-street-admin'

function callersOf(access: Access): string[] {
  if (access === 'anyone' || access === 'registered') return personas.map(p => p.openId)
  const held = personas.filter(p => p.roles.some(r => access.includes(r))).map(p => p.openId)
  return held.length > 0 || !access.includes('street_admin') ? held : [STREET_ADMIN]
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
  await seedDemoCommunity(communityDb())
  await communityDb()
    .collection('users')
    .add({ _id: STREET_ADMIN, name: '街道', roles: ['street_admin'], communityId: null, createdAt: new Date() })
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
