import { fieldEntries, planQuery, uniqueKeys, valuesAt } from './indexes'

describe('index keys', () => {
  it('reaches values through arrays like a MongoDB multikey index', () => {
    const doc = { tags: ['a', 'b'], items: [{ sku: 'x' }, { sku: ['y', 'z'] }], deep: { k: 3 } }
    expect(valuesAt(doc, ['tags'])).toEqual(['a', 'b'])
    expect(valuesAt(doc, ['items', 'sku'])).toEqual(['x', 'y', 'z'])
    expect(valuesAt(doc, ['items', '0', 'sku'])).toEqual(expect.arrayContaining(['x']))
    expect(valuesAt(doc, ['deep', 'k'])).toEqual([3])
    expect(valuesAt(doc, ['missing'])).toEqual([undefined])
  })

  it('keeps string and number values for the equality index, once each', () => {
    expect(fieldEntries({ a: 'x', b: [1, 1, 2, { o: 1 }], c: true, d: null }, ['a', 'b', 'c', 'd'])).toEqual([
      ['a', 'x'],
      ['b', 1],
      ['b', 2]
    ])
  })

  it('builds unique keys where a missing field is null and 1 differs from "1"', () => {
    const index = { name: 'u', keys: { code: 1 as const }, unique: true }
    expect(uniqueKeys({}, index)).toEqual(uniqueKeys({ code: null }, index))
    expect(uniqueKeys({ code: 1 }, index)).not.toEqual(uniqueKeys({ code: '1' }, index))
    expect(uniqueKeys({ code: ['a', 'b', 'a'] }, index)).toHaveLength(2)
    const compound = { name: 'c', keys: { a: 1 as const, b: -1 as const }, unique: true }
    expect(uniqueKeys({ a: 'x', b: [1, 2] }, compound)).toHaveLength(2)
    expect(uniqueKeys({ a: 'x', b: new Date(5) }, compound)).toEqual(uniqueKeys({ a: 'x', b: new Date(5) }, compound))
  })
})

describe('query plans', () => {
  const indexed = new Set(['phone', 'gridId'])
  it('uses _id equality and $in first', () => {
    expect(planQuery({ _id: 'a', phone: '1' }, indexed)).toEqual({ kind: 'ids', ids: ['a'] })
    expect(planQuery({ _id: { $in: ['a', 2] } }, indexed)).toEqual({ kind: 'ids', ids: ['a', 2] })
    expect(planQuery({ _id: { $eq: 'a' }, n: { $gt: 0 } }, indexed)).toEqual({ kind: 'ids', ids: ['a'] })
  })
  it('uses an indexed field, also inside $and', () => {
    expect(planQuery({ phone: '138', name: 'x' }, indexed)).toEqual({ kind: 'field', field: 'phone', values: ['138'] })
    expect(planQuery({ $and: [{ n: { $gt: 1 } }, { gridId: { $in: ['g1', 'g2'] } }] }, indexed)).toEqual({
      kind: 'field',
      field: 'gridId',
      values: ['g1', 'g2']
    })
  })
  it('scans when no equality on an indexed field is present', () => {
    expect(planQuery({ name: 'x' }, indexed)).toBeNull()
    expect(planQuery({ phone: { $gt: '1' } }, indexed)).toBeNull()
    expect(planQuery({ phone: /^1/ }, indexed)).toBeNull()
    expect(planQuery({ phone: { $in: ['1', null] } }, indexed)).toBeNull()
    expect(planQuery({ $or: [{ phone: '1' }, { name: 'x' }] }, indexed)).toBeNull()
  })
  it('reads an $or through the union of its branches when each has an index', () => {
    expect(planQuery({ $or: [{ phone: '1' }, { gridId: { $in: ['g1'] } }, { _id: 'a' }] }, indexed)).toEqual({
      kind: 'any',
      plans: [
        { kind: 'field', field: 'phone', values: ['1'] },
        { kind: 'field', field: 'gridId', values: ['g1'] },
        { kind: 'ids', ids: ['a'] }
      ]
    })
    // A top-level equality on an indexed field is narrower: it wins.
    expect(planQuery({ phone: '1', $or: [{ gridId: 'g1' }, { gridId: 'g2' }] }, indexed)).toEqual({
      kind: 'field',
      field: 'phone',
      values: ['1']
    })
  })
})
