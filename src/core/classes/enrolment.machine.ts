/**
 * An enrolment's life, as data. `pending` exists only between claiming the child's enrolment
 * `_id` and learning whether a seat was free (a few milliseconds).
 *
 *   pending ─seat─▶ enrolled ─cancel─▶ cancelled
 *      └─full─▶ waitlisted ─seat frees─▶ offered ─accept─▶ enrolled
 *                   │                       ├─deadline passes─▶ lapsed
 *                   └─cancel─▶ cancelled    └─cancel/decline─▶ cancelled
 *   cancelled, lapsed ─enrol again─▶ pending
 */
import type { EnrolmentStatus } from './class.model'

export const enrolmentTransitions: Record<EnrolmentStatus, readonly EnrolmentStatus[]> = {
  pending: ['enrolled', 'waitlisted'],
  enrolled: ['cancelled'],
  waitlisted: ['offered', 'cancelled'],
  offered: ['enrolled', 'cancelled', 'lapsed'],
  cancelled: ['pending'],
  lapsed: ['pending']
}

export function canMove(from: EnrolmentStatus, to: EnrolmentStatus): boolean {
  return enrolmentTransitions[from].includes(to)
}

/** States from which `to` can be reached (the condition of a conditional update). */
export function fromStates(to: EnrolmentStatus): EnrolmentStatus[] {
  return (Object.keys(enrolmentTransitions) as EnrolmentStatus[]).filter(s => canMove(s, to))
}

/** The enrolment holds one of the term's seats (an open offer keeps the seat for its holder). */
export function holdsSeat(s: EnrolmentStatus): boolean {
  return s === 'enrolled' || s === 'offered'
}

/** The child is in this term (or in line for it): enrolling again is refused. */
export function isActive(s: EnrolmentStatus): boolean {
  return s === 'pending' || s === 'enrolled' || s === 'waitlisted' || s === 'offered'
}

export const enrolmentId = (termId: string, childId: string | null, guardianUserId: string): string =>
  childId ? `${termId}:${childId}` : `${termId}:u:${guardianUserId}`

export const statusLabels: Record<EnrolmentStatus, string> = {
  pending: '处理中',
  enrolled: '已报名',
  waitlisted: '候补中',
  offered: '有名额待确认',
  cancelled: '已取消',
  lapsed: '确认已过期'
}
