import { planSessions } from './session-plan.rule'
import { isoWeekday, shanghaiDate, shanghaiInstant } from '../shared/shanghai-time'

const term = {
  _id: 't1',
  kind: 'class' as const,
  title: '秋季班',
  room: '活动室',
  startDate: '2025-09-29',
  endDate: '2025-10-10',
  weekdays: [1, 2, 3, 4, 5],
  startTime: '16:30',
  endTime: '18:00',
  minTutors: 2
}

describe('sessions of a term', () => {
  it('are the weekdays between the dates, 16:30–18:00 Shanghai, holidays skipped', () => {
    const s = planSessions(term, ['2025-10-01', '2025-10-02', '2025-10-03'])
    expect(s.map(x => x.date)).toEqual([
      '2025-09-29',
      '2025-09-30',
      '2025-10-06',
      '2025-10-07',
      '2025-10-08',
      '2025-10-09',
      '2025-10-10'
    ])
    expect(s[0]).toMatchObject({ _id: 't1:2025-09-29', status: 'scheduled', tutorIds: [] })
    expect(s[0].startsAt.toISOString()).toBe('2025-09-29T08:30:00.000Z')
    expect(s[0].endsAt.toISOString()).toBe('2025-09-29T10:00:00.000Z')
  })

  it('a parent-school lecture is one session on its day, even a Saturday', () => {
    const s = planSessions(
      {
        ...term,
        kind: 'lecture',
        startDate: '2025-10-11',
        endDate: '2025-10-11',
        startTime: '19:00',
        endTime: '20:30'
      },
      []
    )
    expect(s.map(x => x.date)).toEqual(['2025-10-11'])
  })

  it('reads Shanghai days and weekdays from UTC instants', () => {
    expect(shanghaiDate(new Date('2025-09-28T16:30:00Z'))).toBe('2025-09-29')
    expect(isoWeekday('2025-09-28')).toBe(7)
    expect(shanghaiInstant('2025-09-29', '00:00').toISOString()).toBe('2025-09-28T16:00:00.000Z')
  })
})
