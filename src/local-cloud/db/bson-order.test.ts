import { ObjectId } from 'bson'
import { compareBson } from './bson-order'
import { aggregate, compileQuery } from './query'

describe('compareBson: MongoDB order across types', () => {
  // From lowest to highest; each value is below every later one.
  const ordered: Array<[string, unknown]> = [
    ['missing', undefined],
    ['null', null],
    ['NaN', NaN],
    ['negative', -1],
    ['zero', 0],
    ['number', 5],
    ['empty string', ''],
    ['string', 'a'],
    ['later string', 'b'],
    ['empty object', {}],
    ['object', { a: 1 }],
    ['empty array', []],
    ['array', [1, 2]],
    ['longer array', [1, 2, 0]],
    ['ObjectId', new ObjectId('000000000000000000000001')],
    ['false', false],
    ['true', true],
    ['date', new Date(0)],
    ['later date', new Date(1)],
    ['regex', /a/]
  ]

  it.each(ordered.slice(0, -1).map((low, i) => [low[0], ordered[i + 1][0], low[1], ordered[i + 1][1]]))(
    '%s < %s',
    (_a, _b, low, high) => {
      expect(compareBson(low, high)).toBe(-1)
      expect(compareBson(high, low)).toBe(1)
      expect(compareBson(low, low)).toBe(0)
    }
  )

  it('compares objects field by field: type of the value first, then the name, then the value', () => {
    expect(compareBson({ a: 1 }, { a: 'x' })).toBe(-1) // number below string
    expect(compareBson({ a: 1 }, { b: 0 })).toBe(-1) // same type: by name
    expect(compareBson({ a: 1, b: 2 }, { a: 1 })).toBe(1) // a longer object is higher
    expect(compareBson({ a: { x: [1] } }, { a: { x: [1] } })).toBe(0)
  })

  it('treats a missing value and an undefined one alike, and both below null', () => {
    expect(compareBson(undefined, undefined)).toBe(0)
    expect(compareBson({ a: undefined }, {})).toBe(0)
    expect(compareBson(undefined, null)).toBe(-1)
  })
})

describe('comparison expressions run by MongoDB order', () => {
  const docs = [{ _id: 'num', v: 3 }, { _id: 'nul', v: null }, { _id: 'gone' }, { _id: 'arr', v: [1, 9] }]
  const project = (expr: Record<string, unknown>): unknown[] =>
    aggregate(docs, [{ $project: { _id: 0, r: expr } }], () => []).map(d => d.r)

  it('$lt/$lte/$gt/$gte order null and missing below numbers and arrays above them', () => {
    expect(project({ $lt: ['$v', 5] })).toEqual([true, true, true, false])
    expect(project({ $lte: ['$v', null] })).toEqual([false, true, true, false])
    expect(project({ $gt: ['$v', null] })).toEqual([true, false, false, true])
    expect(project({ $gte: ['$v', 3] })).toEqual([true, false, false, true])
  })

  it('$eq/$ne compare whole values: a missing field is not null, an array is not its element', () => {
    expect(project({ $eq: ['$v', null] })).toEqual([false, true, false, false])
    expect(project({ $eq: ['$v', 1] })).toEqual([false, false, false, false])
    expect(project({ $ne: ['$v', null] })).toEqual([true, false, true, true])
    expect(project({ $cmp: ['$v', 3] })).toEqual([0, -1, -1, 1])
  })

  it('applies in `_.expr` of a where() as in an aggregate', () => {
    expect(docs.filter(compileQuery({ $expr: { $lt: ['$v', 5] } })).map(d => d._id)).toEqual(['num', 'nul', 'gone'])
  })

  it('keeps query operators as MongoDB queries have them: no type crossing, null matches missing', () => {
    expect(docs.filter(compileQuery({ v: { $lt: 5 } })).map(d => d._id)).toEqual(['num', 'arr'])
    expect(docs.filter(compileQuery({ v: null })).map(d => d._id)).toEqual(['nul', 'gone'])
  })

  it('fails a comparison given other than two arguments (MongoDB: takes exactly 2 arguments)', () => {
    expect(() => project({ $lt: ['$v'] })).toThrow('Expression $lt takes exactly 2 arguments')
  })
})

describe('$count', () => {
  const docs = [{ _id: 'a' }, { _id: 'b' }]
  const run = (pipeline: Array<Record<string, unknown>>): unknown[] => aggregate(docs, pipeline, () => docs)

  it('counts what reaches it, and answers no row when nothing does', () => {
    expect(run([{ $count: 'n' }])).toEqual([{ n: 2 }])
    expect(run([{ $match: { _id: 'z' } }, { $count: 'n' }])).toEqual([])
  })

  it('gives an empty array in a $lookup whose sub-pipeline counts nothing', () => {
    const lookup = { from: 'docs', let: { me: '$_id' }, pipeline: [{ $match: { _id: 'z' } }, { $count: 'n' }], as: 'c' }
    expect(run([{ $limit: 1 }, { $lookup: lookup }])).toEqual([{ _id: 'a', c: [] }])
  })
})
