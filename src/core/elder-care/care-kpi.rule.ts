/**
 * Staff KPIs over care requests, honest about reopened ones (工单指标):
 * - response time: submission → first acceptance by a helper;
 * - completion time: submission → the LAST completion; a reopened request's clock is never reset,
 *   and one that is reopened and not yet completed again counts as open, not completed;
 * - satisfaction: every follow-up answer counts, so the "not solved" that reopened a request stays
 *   in the figures even after a later "solved"; ratings are averaged over all rated requests;
 * - reopen rate: share of requests reopened at least once.
 */
import type { CareRequestEvent, CareRequestState } from './care-request.machine'

export interface KpiHistoryEntry {
  event: CareRequestEvent | 'submit'
  at: Date
  outcome?: FollowUpOutcome
}

export const followUpOutcomes = ['solved', 'partly', 'not_solved'] as const
export type FollowUpOutcome = (typeof followUpOutcomes)[number]

export interface KpiRequest {
  state: CareRequestState
  createdAt: Date
  history: KpiHistoryEntry[]
  rating: number | null
}

export interface CareKpis {
  total: number
  completed: number
  reopened: number
  open: number
  medianResponseMinutes: number | null
  medianCompletionMinutes: number | null
  averageRating: number | null
  followUps: { solved: number; partly: number; notSolved: number }
  /** solved / all follow-up answers, 0–1. */
  solvedShare: number | null
}

export function careKpis(requests: readonly KpiRequest[]): CareKpis {
  const response: number[] = []
  const completion: number[] = []
  const ratings: number[] = []
  const followUps = { solved: 0, partly: 0, notSolved: 0 }
  let completed = 0
  let reopened = 0
  let open = 0
  for (const r of requests) {
    const accepted = r.history.find(h => h.event === 'accept')
    if (accepted) response.push(minutes(r.createdAt, accepted.at))
    const finished = r.state === 'completed' || r.state === 'rated'
    if (finished) {
      completed++
      const last = [...r.history].reverse().find(h => h.event === 'check_out')
      if (last) completion.push(minutes(r.createdAt, last.at))
    } else if (r.state !== 'cancelled') {
      open++
    }
    if (r.history.some(h => h.event === 'reopen')) reopened++
    if (r.rating !== null) ratings.push(r.rating)
    for (const h of r.history) {
      if (h.outcome === 'solved') followUps.solved++
      else if (h.outcome === 'partly') followUps.partly++
      else if (h.outcome === 'not_solved') followUps.notSolved++
    }
  }
  const answers = followUps.solved + followUps.partly + followUps.notSolved
  return {
    total: requests.length,
    completed,
    reopened,
    open,
    medianResponseMinutes: median(response),
    medianCompletionMinutes: median(completion),
    averageRating: ratings.length ? round1(ratings.reduce((a, b) => a + b, 0) / ratings.length) : null,
    followUps,
    solvedShare: answers ? round1((followUps.solved / answers) * 100) / 100 : null
  }
}

function minutes(from: Date, to: Date): number {
  return Math.round((to.getTime() - from.getTime()) / 60_000)
}

function median(xs: number[]): number | null {
  if (xs.length === 0) return null
  const s = [...xs].sort((a, b) => a - b)
  const mid = Math.floor(s.length / 2)
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2
}

function round1(n: number): number {
  return Math.round(n * 10) / 10
}
