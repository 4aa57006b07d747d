/** The staff view (社工): rosters, attendance sheets, the waitlist, live figures and CSV export. */
import type { Caller } from '../community/caller'
import { fail, ok } from '../shared/wire'
import { enrolmentView } from './enrolment.usecase'
import { classMessages } from './class.errors'
import type { ClassesDeps } from './classes.ports'
import type { ClassesResult } from './classes.contract'
import { sessionSheet } from './attendance.usecase'
import type { TermFigures } from './figures.rule'
import { ATTENDED_MARKS, attendanceCsv, termFigures } from './figures.rule'

export async function roster(
  deps: ClassesDeps,
  input: { termId: string; cursor?: string }
): Promise<ClassesResult<'roster'>> {
  // The term and the page in one query (two before).
  const found = await deps.store.termWithEnrolmentPage(input.termId, ['enrolled', 'offered'], '_id', input.cursor)
  if (!found) return fail('NOT_FOUND', classMessages.NOT_FOUND)
  const { term, page } = found
  return ok({ items: page.items.map(e => enrolmentView(e, term.title)), cursor: page.cursor })
}

/** The line in order: the open offers first, then the waiting by number. */
export async function waitlist(
  deps: ClassesDeps,
  input: { termId: string; cursor?: string }
): Promise<ClassesResult<'waitlist'>> {
  // The term and the page in one query (two before).
  const found = await deps.store.termWithEnrolmentPage(input.termId, ['offered', 'waitlisted'], 'waitSeq', input.cursor)
  if (!found) return fail('NOT_FOUND', classMessages.NOT_FOUND)
  const { term, page } = found
  return ok({ items: page.items.map(e => enrolmentView(e, term.title)), cursor: page.cursor })
}

export async function attendanceSheet(
  deps: ClassesDeps,
  input: { sessionId: string },
  caller: Caller
): Promise<ClassesResult<'attendanceSheet'>> {
  // The session with its roster in one query (before: the session, its seats, bookings and marks, each child).
  const r = await deps.store.sessionRoster(input.sessionId)
  if (!r) return fail('NOT_FOUND', classMessages.NOT_FOUND)
  return ok(sessionSheet(r, caller))
}

export async function figuresOf(
  deps: ClassesDeps,
  termId: string
): Promise<{ title: string; figures: TermFigures; csv: () => Promise<string> } | null> {
  // The term and its figures' inputs in one query, the database counting the marks and the line
  // (before: the term, then its sessions, enrolments, every mark and every booking).
  const found = await deps.store.termFigureInputs(termId, ATTENDED_MARKS)
  if (!found) return null
  const { term, inputs } = found
  const figures = termFigures(deps.clock.now(), inputs)
  return {
    title: term.title,
    figures,
    csv: async () => attendanceCsv(term.title, inputs.sessions, await deps.store.attendanceOfTerm(termId), figures)
  }
}

export async function figures(deps: ClassesDeps, input: { termId: string }): Promise<ClassesResult<'figures'>> {
  const f = await figuresOf(deps, input.termId)
  if (!f) return fail('NOT_FOUND', classMessages.NOT_FOUND)
  return ok({ termId: input.termId, title: f.title, ...f.figures })
}

export async function exportCsv(
  deps: ClassesDeps,
  input: { termId: string },
  caller: Caller
): Promise<ClassesResult<'exportCsv'>> {
  const f = await figuresOf(deps, input.termId)
  if (!f) return fail('NOT_FOUND', classMessages.NOT_FOUND)
  await deps.audit.record({
    actor: caller.openId,
    action: 'classes.export-csv',
    target: `class_terms/${input.termId}`,
    reason: '导出考勤与统计'
  })
  return ok({ filename: `${f.title}-考勤.csv`, csv: await f.csv() })
}
