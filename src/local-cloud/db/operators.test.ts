import { DbError } from './errors'
import { checkPipeline, checkQuery, EXPRESSION_OPERATORS, STAGES } from './operators'

/** The code a check refuses with, or 'ok'. */
const codeOf = (check: () => void): string => {
  try {
    check()
    return 'ok'
  } catch (err) {
    return err instanceof DbError ? `${err.code}: ${err.message}` : String(err)
  }
}
const refused = (what: string): string => `DATABASE_INVALID_OPERRATOR: unsupported aggregation ${what}`

describe("CloudBase's documented aggregation stages and operators", () => {
  it('are the 15 stages the SDK builds (less $geoNear, which the local cloud cannot run)', () => {
    expect(STAGES.size).toBe(15)
    expect(STAGES.has('$geoNear')).toBe(false)
    for (const undocumented of ['$facet', '$set', '$unset', '$replaceWith', '$unionWith', '$graphLookup', '$out'])
      expect(STAGES.has(undocumented)).toBe(false)
  })

  it('are the db.command.aggregate operators, with neq sent as $ne', () => {
    for (const op of ['$ne', '$concat', '$arrayElemAt', '$ifNull', '$let', '$sum', '$dateToString', '$literal'])
      expect(EXPRESSION_OPERATORS.has(op)).toBe(true)
    for (const op of ['$neq', '$toString', '$toDate', '$type', '$trim', '$regexMatch', '$meta', '$function'])
      expect(EXPRESSION_OPERATORS.has(op)).toBe(false)
  })
})

describe('checkPipeline', () => {
  const lookup = (pipeline: unknown[], letVars: Record<string, unknown> = {}): Record<string, unknown> => ({
    $lookup: { from: 'x', let: letVars, pipeline, as: 'j' }
  })

  it.each([
    ['top-level stage', [{ $facet: {} }], refused('stage $facet')],
    ['stage in a $lookup pipeline', [lookup([{ $set: { a: 1 } }])], refused('stage $set in a $lookup pipeline')],
    ['stage two $lookups deep', [lookup([lookup([{ $unset: 'a' }])])], refused('stage $unset in a $lookup pipeline')],
    ['operator in a $project', [{ $project: { s: { $toString: '$n' } } }], refused('operator $toString')],
    [
      'operator nested in arguments',
      [{ $addFields: { s: { $concat: [{ $trim: { input: '$a' } }] } } }],
      refused('operator $trim')
    ],
    ['operator in a $group accumulator', [{ $group: { _id: null, n: { $count: {} } } }], refused('operator $count')],
    ['operator in $lookup let', [lookup([], { v: { $toDate: '$at' } })], refused('operator $toDate')],
    [
      'operator in $expr of a sub-pipeline $match',
      [lookup([{ $match: { $expr: { $type: '$a' } } }])],
      refused('operator $type')
    ],
    [
      'operator in $expr under $or',
      [{ $match: { $or: [{ a: 1 }, { $expr: { $rand: {} } }] } }],
      refused('operator $rand')
    ]
  ])('refuses an undocumented %s', (_name, pipeline, answer) => {
    expect(codeOf(() => checkPipeline(pipeline))).toBe(answer)
  })

  it('accepts what Linli writes: lookups with let and sub-pipelines, counts, projections of expressions', () => {
    const pipeline = [
      { $match: { _id: 'u1' } },
      { $limit: 1 },
      lookup(
        [
          { $match: { $expr: { $and: [{ $eq: ['$a', '$$v'] }, { $lt: [{ $ifNull: ['$n', 0] }, 5] }] } } },
          { $sort: { at: 1 } },
          { $count: 'n' }
        ],
        { v: { $concat: [{ $arrayElemAt: ['$next._id', 0] }, ':', '$childId'] } }
      ),
      { $lookup: { from: 'y', localField: 'a', foreignField: '_id', as: 'k' } },
      { $unwind: '$k' },
      { $group: { _id: '$k.g', n: { $sum: 1 }, m: { $max: '$n' } } },
      { $project: { _id: 0, s: { $literal: { $notAnOperator: 1 } }, ok: { $cond: [{ $ne: ['$n', null] }, 1, 0] } } }
    ]
    expect(codeOf(() => checkPipeline(pipeline))).toBe('ok')
  })

  it("checks $expr in a where() query too, but leaves its query operators to mingo's own refusal", () => {
    expect(codeOf(() => checkQuery({ a: { $in: [1] }, $expr: { $toLower: '$s' } }))).toBe('ok')
    expect(codeOf(() => checkQuery({ $and: [{ $expr: { $toBool: '$s' } }] }))).toBe(refused('operator $toBool'))
  })
})
