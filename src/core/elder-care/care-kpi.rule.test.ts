import { careKpis, type KpiRequest } from './care-kpi.rule'

const t = (min: number): Date => new Date(Date.UTC(2026, 10, 23, 0, min))

describe('care KPIs count reopened requests honestly', () => {
  const plain: KpiRequest = {
    state: 'rated',
    createdAt: t(0),
    rating: 5,
    history: [
      { event: 'submit', at: t(0) },
      { event: 'accept', at: t(10) },
      { event: 'check_out', at: t(60) },
      { event: 'follow_up', at: t(70), outcome: 'solved' }
    ]
  }
  const reopenedThenDone: KpiRequest = {
    state: 'completed',
    createdAt: t(0),
    rating: 2,
    history: [
      { event: 'submit', at: t(0) },
      { event: 'accept', at: t(20) },
      { event: 'check_out', at: t(40) },
      { event: 'reopen', at: t(50), outcome: 'not_solved' },
      { event: 'accept', at: t(100) },
      { event: 'check_out', at: t(200) },
      { event: 'follow_up', at: t(210), outcome: 'solved' }
    ]
  }
  const reopenedStillOpen: KpiRequest = {
    state: 'triaged',
    createdAt: t(0),
    rating: null,
    history: [
      { event: 'submit', at: t(0) },
      { event: 'accept', at: t(30) },
      { event: 'check_out', at: t(45) },
      { event: 'reopen', at: t(50), outcome: 'not_solved' }
    ]
  }

  it('measures completion from first submission to the last completion and keeps the not-solved answers', () => {
    const k = careKpis([plain, reopenedThenDone, reopenedStillOpen])
    expect(k.total).toBe(3)
    expect(k.completed).toBe(2)
    expect(k.open).toBe(1) // reopened and not done again: open, not completed
    expect(k.reopened).toBe(2)
    expect(k.medianResponseMinutes).toBe(20) // first acceptance: 10, 20, 30
    expect(k.medianCompletionMinutes).toBe(130) // 60 and 200 (not 40 or 150)
    expect(k.followUps).toEqual({ solved: 2, partly: 0, notSolved: 2 })
    expect(k.solvedShare).toBe(0.5)
    expect(k.averageRating).toBe(3.5)
  })

  it('answers nulls, not zeros, when nothing is measured yet', () => {
    expect(careKpis([])).toMatchObject({
      total: 0,
      medianResponseMinutes: null,
      averageRating: null,
      solvedShare: null
    })
  })
})
