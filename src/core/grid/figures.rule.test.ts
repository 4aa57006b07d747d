import { shanghaiInstant } from '../shared/shanghai-time'
import { groupFacts, monthFigures, overdueAt, rate, reportFacts, type FigureReport } from './figures.rule'

const NOW = shanghaiInstant('2026-12-20', '12:00')
const at = (date: string, hhmm = '09:00'): Date => shanghaiInstant(date, hhmm)

/** A hygiene report of 12-01 09:00: accept within 4 h, solve within 48 h. */
const report = (over: Partial<FigureReport> = {}): FigureReport => ({
  category: 'hygiene',
  gridId: 'g1',
  state: 'submitted',
  acceptBy: at('2026-12-01', '13:00'),
  solveBy: at('2026-12-03'),
  acceptedAt: null,
  resolvedAt: null,
  reopenCount: 0,
  confirmation: null,
  closedUnconfirmed: false,
  rating: null,
  ...over
})

const closedSolved = (over: Partial<FigureReport> = {}): FigureReport =>
  report({
    state: 'closed',
    acceptedAt: at('2026-12-01', '10:00'),
    resolvedAt: at('2026-12-02'),
    confirmation: 'solved',
    ...over
  })

describe('rate', () => {
  it('is null, not 0%, when nothing was due', () => expect(rate(0, 0)).toEqual({ num: 0, den: 0, percent: null }))
  it('rounds to one decimal', () => expect(rate(2, 3).percent).toBe(66.7))
})

describe('response rate: accepted within acceptBy, of those due', () => {
  it.each([
    ['accepted in time', report({ state: 'accepted', acceptedAt: at('2026-12-01', '12:59') }), 1, 1],
    ['accepted late', report({ state: 'accepted', acceptedAt: at('2026-12-01', '13:01') }), 1, 0],
    ['never accepted, deadline gone', report(), 1, 0],
    ['still waiting inside its time: not judged', report({ acceptBy: at('2026-12-20', '13:00') }), 0, 0],
    ['withdrawn: not counted', report({ state: 'withdrawn' }), 0, 0],
    ['merged: not counted', report({ state: 'merged', acceptedAt: at('2026-12-01', '10:00') }), 0, 0]
  ])('%s', (_, r, due, onTime) => {
    const f = reportFacts(r, NOW)
    expect([f.acceptDue, f.acceptedOnTime]).toEqual([due, onTime])
  })
})

describe('resolution rate: confirmed solved within solveBy, of those closed or past due', () => {
  it.each([
    ['confirmed solved in time', closedSolved(), 1, 1],
    ['confirmed solved, late', closedSolved({ resolvedAt: at('2026-12-04') }), 1, 0],
    [
      'closed because the reporter never answered: never solved',
      closedSolved({ closedUnconfirmed: true, confirmation: null }),
      1,
      0
    ],
    ['partly solved: closed, not solved', closedSolved({ confirmation: 'partly' }), 1, 0],
    ['open, past its solve deadline', report({ state: 'accepted', acceptedAt: at('2026-12-01', '10:00') }), 1, 0],
    ['open inside its time: not judged', report({ state: 'accepted', solveBy: at('2026-12-22') }), 0, 0],
    [
      'resolved, waiting for the reporter inside its time',
      report({ state: 'resolved', resolvedAt: at('2026-12-19'), solveBy: at('2026-12-21') }),
      0,
      0
    ]
  ])('%s', (_, r, due, onTime) => {
    const f = reportFacts(r, NOW)
    expect([f.solveDue, f.solvedOnTime]).toEqual([due, onTime])
  })

  it('an unconfirmed close is its own figure, a partly solved one too', () => {
    const f = monthFigures(
      groupFacts(
        [
          closedSolved(),
          closedSolved({ closedUnconfirmed: true, confirmation: null }),
          closedSolved({ confirmation: 'partly' })
        ],
        NOW
      ),
      []
    )
    expect(f.totals).toMatchObject({ closed: 3, solved: 1, partly: 1, closedUnconfirmed: 1 })
    expect(f.resolution).toEqual({ num: 1, den: 3, percent: 33.3 })
  })
})

describe('reopen rate: reports reopened at least once, of those ever resolved', () => {
  it('a report reopened twice counts once in the rate and twice in reopens', () => {
    const f = monthFigures(
      groupFacts(
        [
          closedSolved({ reopenCount: 2 }),
          closedSolved(),
          // Reopened and now back in hand: resolved once, so it counts though resolvedAt was cleared.
          report({ state: 'accepted', reopenCount: 1, acceptedAt: at('2026-12-01', '10:00') }),
          report()
        ],
        NOW
      ),
      []
    )
    expect(f.reopen).toEqual({ num: 2, den: 3, percent: 66.7, reopens: 3 })
  })

  it('no report resolved: no rate', () => {
    expect(monthFigures(groupFacts([report()], NOW), []).reopen.percent).toBeNull()
  })
})

describe('satisfaction', () => {
  it('averages the rated reports and counts the share of closed ones rated', () => {
    const f = monthFigures(
      groupFacts(
        [
          closedSolved({ rating: { stars: 5, note: '' } }),
          closedSolved({ rating: { stars: 4, note: '' } }),
          closedSolved(),
          closedSolved({ closedUnconfirmed: true, confirmation: null })
        ],
        NOW
      ),
      []
    )
    expect(f.satisfaction).toEqual({ averageStars: 4.5, rated: { num: 2, den: 4, percent: 50 } })
  })

  it('nobody rated: no average', () => {
    expect(monthFigures(groupFacts([closedSolved()], NOW), []).satisfaction.averageStars).toBeNull()
  })
})

describe('overdue now', () => {
  it.each([
    ['waiting past its accept deadline', report({ solveBy: at('2026-12-25') }), true],
    ['accepted late but inside its solve time', report({ state: 'accepted', solveBy: at('2026-12-25') }), false],
    ['in hand past its solve deadline', report({ state: 'passed' }), true],
    ['resolved (waiting for the reporter): not overdue', report({ state: 'resolved' }), false],
    ['closed', closedSolved(), false]
  ])('%s', (_, r, expected) => expect(overdueAt(r, NOW)).toBe(expected))
})

describe('monthFigures', () => {
  it('lists every category and state, zeros included, and the grids with their overdue reports', () => {
    const f = monthFigures(groupFacts([report(), report({ category: 'safety', gridId: null })], NOW), [
      { gridId: 'g1', count: 1 },
      { gridId: 'g2', count: 2 }
    ])
    expect(f.byCategory).toHaveLength(9)
    expect(f.byCategory.find(c => c.category === 'noise')).toEqual({ category: 'noise', count: 0 })
    expect(f.byState.find(s => s.state === 'submitted')?.count).toBe(2)
    expect(f.byGrid).toEqual([
      { gridId: 'g1', count: 1, overdueNow: 1 },
      { gridId: null, count: 1, overdueNow: 0 },
      { gridId: 'g2', count: 0, overdueNow: 2 }
    ])
    expect(f.overdueNow).toBe(3)
  })

  it('an empty month has no rates at all', () => {
    const f = monthFigures([], [])
    expect([f.response.percent, f.resolution.percent, f.reopen.percent, f.satisfaction.rated.percent]).toEqual([
      null,
      null,
      null,
      null
    ])
  })
})
