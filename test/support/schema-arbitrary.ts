/**
 * Payloads drawn from an action's own zod schema (fast-check): mostly values of its shape, mixed with hostile values
 * no shape keeps out (impossible dates, NUL and other control characters, lone surrogates, query syntax) and the
 * given real ids, so the use cases get past "not found". Shared by the hostile-input and the street isolation tests.
 */
import fc from 'fast-check'
import type * as z from 'zod'

/** Values no schema's shape keeps out, that have crashed use cases elsewhere. */
export const hostile = [
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

export type Arb = fc.Arbitrary<unknown>

/** Instants near now, so "ends after it starts, within a day" holds often enough. */
const nearNow = fc.integer({ min: -3 * 86400, max: 3 * 86400 }).map(s => new Date(Date.now() + s * 1000))

/** An arbitrary for values of `schema`'s shape (mostly valid, some hostile); what parses is kept later. */
/** Ids for a field by its name (`elderId` → the elders' ids), where a test has better ones than `ids`. */
export type IdsFor = (key: string) => string[] | undefined

export function arbitraryOf(schema: z.ZodType, ids: string[], idsFor?: IdsFor): Arb {
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
      return fc.option(arbitraryOf(def.innerType, ids, idsFor), { nil: undefined })
    case 'default':
      return fc.option(arbitraryOf(def.innerType, ids, idsFor), { nil: undefined })
    case 'nullable':
      return fc.option(arbitraryOf(def.innerType, ids, idsFor), { nil: null })
    case 'pipe':
      return arbitraryOf(def.in, ids, idsFor)
    case 'union':
      return fc.oneof(...def.options.map((o: z.ZodType) => arbitraryOf(o, ids, idsFor)))
    case 'array': {
      const exact = check('length_equals')?.length as number | undefined
      const min = exact ?? check('min_length')?.minimum ?? 0
      const max = exact ?? Math.min(check('max_length')?.maximum ?? 3, Math.max(min, 3))
      // The shortest arrays often, so that a list of lists (a week of opening hours) parses now and then.
      return fc.oneof(
        fc.array(arbitraryOf(def.element, ids, idsFor), { minLength: min, maxLength: min }),
        fc.array(arbitraryOf(def.element, ids, idsFor), { minLength: min, maxLength: max })
      )
    }
    case 'object': {
      const shape = def.shape as Record<string, z.ZodType>
      const optional = (s: z.ZodType): boolean => ['optional', 'default'].includes((s as any)._zod.def.type)
      const fieldOf = (k: string, s: z.ZodType): Arb => {
        const own = idsFor?.(k)
        if (!own || own.length === 0) return arbitraryOf(s, ids, idsFor)
        // Mostly one of the ids this field names, so a call reaches that record.
        return fc.oneof(
          { arbitrary: fc.constantFrom(...own), weight: 5 },
          { arbitrary: arbitraryOf(s, own, idsFor), weight: 1 }
        )
      }
      const fields = Object.fromEntries(Object.entries(shape).map(([k, s]) => [k, fieldOf(k, s)]))
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
