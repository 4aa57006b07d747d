/** A term's sessions, generated from its dates, weekdays and times (holidays skipped). */
import type { SessionRecord, TermRecord } from './class.model'
import { addDays, shanghaiInstant, isoWeekday } from '../shared/shanghai-time'

export const sessionId = (termId: string, date: string): string => `${termId}:${date}`

export function planSessions(
  term: Pick<
    TermRecord,
    | '_id'
    | 'kind'
    | 'title'
    | 'room'
    | 'startDate'
    | 'endDate'
    | 'weekdays'
    | 'startTime'
    | 'endTime'
    | 'minTutors'
    | 'dropInSeats'
  >,
  holidays: readonly string[]
): SessionRecord[] {
  const skip = new Set(holidays)
  const out: SessionRecord[] = []
  for (let d = term.startDate; d <= term.endDate; d = addDays(d, 1)) {
    // A lecture is one event on its day, whatever the weekday.
    if (term.kind === 'class' && !term.weekdays.includes(isoWeekday(d))) continue
    if (skip.has(d)) continue
    out.push({
      _id: sessionId(term._id, d),
      termId: term._id,
      title: term.title,
      room: term.room,
      date: d,
      startsAt: shanghaiInstant(d, term.startTime),
      endsAt: shanghaiInstant(d, term.endTime),
      status: 'scheduled',
      cancelReason: null,
      tutorIds: [],
      minTutors: term.minTutors,
      shortWarnedAt: null,
      dropInLeft: term.dropInSeats ?? 0,
      dropInHolders: []
    })
  }
  return out
}

/** Hours of one session, for tutor hours. */
export function sessionHours(s: Pick<SessionRecord, 'startsAt' | 'endsAt'>): number {
  return (s.endsAt.getTime() - s.startsAt.getTime()) / 3600_000
}
