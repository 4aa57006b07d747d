/**
 * Satisfaction survey (满意度调查): staff publish a short survey (8 aspects; the community runs one
 * twice a year), each resident answers once, results are read per grid.
 */
import type { Caller } from '../community/caller'
import type { Result } from '../shared/wire'
import { fail, ok } from '../shared/wire'
import { shanghaiDate, shanghaiInstant } from '../shared/shanghai-time'
import type { GridScope } from './scope.rule'
import { gridScopeFor } from './scope.rule'
import type { StaffDeps } from './staff.ports'
import type { AnswerSurveyInput, PublishSurveyInput, SurveyResultsInput } from './staff.schemas'
import type { SurveyRecord } from './staff.model'
import type { CurrentSurveyView as CurrentSurvey, SurveyResultsView as SurveyResults, SurveyView } from './staff.views'

const DAY_MS = 24 * 60 * 60 * 1000

const view = (s: SurveyRecord): SurveyView => ({
  surveyId: s._id,
  title: s.title,
  aspects: [...s.aspects],
  opensOn: shanghaiDate(new Date(s.opensAt)),
  closesOn: shanghaiDate(new Date(new Date(s.closesAt).getTime() - 1))
})

export async function publishSurvey(
  deps: StaffDeps,
  input: PublishSurveyInput,
  caller: Caller
): Promise<Result<SurveyView, never>> {
  const survey: SurveyRecord = {
    _id: deps.newId(),
    title: input.title,
    aspects: input.aspects,
    opensAt: shanghaiInstant(input.opensOn, '00:00'),
    // Open through the whole closing day.
    closesAt: new Date(shanghaiInstant(input.closesOn, '00:00').getTime() + DAY_MS),
    createdBy: caller.openId,
    createdAt: deps.clock.now()
  }
  await deps.surveys.insert(survey)
  await deps.audit.record({
    actor: caller.openId,
    action: 'staff.publish-survey',
    target: `staff_surveys/${survey._id}`,
    reason: survey.title,
    data: { opensOn: input.opensOn, closesOn: input.closesOn }
  })
  return ok(view(survey))
}

export async function currentSurvey(
  deps: StaffDeps,
  _input: unknown,
  caller: Caller
): Promise<Result<CurrentSurvey, never>> {
  const open = await deps.surveys.openFor(deps.clock.now(), caller.openId)
  if (!open) return ok({ survey: null, answered: false })
  return ok({ survey: view(open.survey), answered: open.answered })
}

export async function answerSurvey(
  deps: StaffDeps,
  input: AnswerSurveyInput,
  caller: Caller
): Promise<Result<{ answered: true }, 'NOT_FOUND' | 'SURVEY_CLOSED' | 'ALREADY_ANSWERED'>> {
  const survey = await deps.surveys.get(input.surveyId)
  if (!survey) return fail('NOT_FOUND', '没有找到这份调查')
  const now = deps.clock.now()
  if (now < new Date(survey.opensAt) || now >= new Date(survey.closesAt))
    return fail('SURVEY_CLOSED', '这份调查不在填写时间内')
  // Deterministic _id: a double tap or a second device can't count one person twice.
  const inserted = await deps.surveys.answer({
    _id: `${survey._id}:${caller.openId}`,
    surveyId: survey._id,
    openId: caller.openId,
    gridId: caller.gridId,
    scores: input.scores,
    comment: input.comment,
    at: now
  })
  if (!inserted) return fail('ALREADY_ANSWERED', '您已经填写过这份调查，谢谢')
  await deps.audit.record({
    actor: caller.openId,
    action: 'staff.answer-survey',
    target: `staff_survey_answers/${survey._id}:${caller.openId}`
  })
  return ok({ answered: true })
}

export async function surveyResults(
  deps: StaffDeps,
  input: SurveyResultsInput,
  caller: Caller
): Promise<Result<SurveyResults, 'FORBIDDEN' | 'NOT_FOUND'>> {
  const scope = gridScopeFor(caller, undefined)
  if (!scope.ok) return scope
  const found = await deps.surveys.results(input.surveyId)
  if (!found)
    return input.surveyId
      ? fail('NOT_FOUND', '没有找到这份调查')
      : ok({ survey: null, total: 0, overall: [], grids: [] })
  const { survey } = found
  const answers = found.answers.filter(a => inScope(a.gridId, scope.value))
  const grids = found.grids.filter(g => inScope(g._id, scope.value))
  const averages = (rows: typeof answers): Array<number | null> =>
    survey.aspects.map((_, i) => {
      if (rows.length === 0) return null
      return Math.round((rows.reduce((s, a) => s + (a.scores[i] ?? 0), 0) / rows.length) * 10) / 10
    })
  return ok({
    survey: view(survey),
    total: answers.length,
    overall: averages(answers),
    grids: grids.map(g => {
      const rows = answers.filter(a => a.gridId === g._id)
      return { gridId: g._id, gridName: g.name, answers: rows.length, averages: averages(rows) }
    })
  })
}

function inScope(gridId: string | null, scope: GridScope): boolean {
  return scope === null || gridId === scope
}
