/**
 * Home / proxy handling (上门办理 / 委托代办) as a state machine declared as data: each event says
 * from which states it may fire, to which state it leads, and who may fire it. The use case
 * looks the event up here and applies it with one conditional update on (status, version), so
 * two staff pressing different buttons at once cannot both win.
 */

export const requestStatuses = [
  'submitted',
  'accepted',
  'in_progress',
  'needs_materials',
  'done',
  'rated',
  'cancelled'
] as const
export type RequestStatus = (typeof requestStatuses)[number]

export const requestEvents = [
  'accept',
  'start',
  'ask_materials',
  'supply_materials',
  'finish',
  'cancel',
  'rate'
] as const
export type RequestEvent = (typeof requestEvents)[number]

/**
 * Who may fire an event: the resident the request is for (or staff acting for them, 帮办),
 * the handler who accepted it (首问负责: the first to accept owns it), or any staff member.
 */
export type Actor = 'resident' | 'handler' | 'staff'

export interface Transition {
  from: readonly RequestStatus[]
  to: RequestStatus
  by: readonly Actor[]
}

export const proxyRequestMachine: Record<RequestEvent, Transition> = {
  accept: { from: ['submitted'], to: 'accepted', by: ['staff'] },
  start: { from: ['accepted'], to: 'in_progress', by: ['handler'] },
  ask_materials: { from: ['accepted', 'in_progress'], to: 'needs_materials', by: ['handler'] },
  supply_materials: { from: ['needs_materials'], to: 'in_progress', by: ['resident', 'handler'] },
  finish: { from: ['in_progress'], to: 'done', by: ['handler'] },
  cancel: { from: ['submitted', 'accepted', 'needs_materials'], to: 'cancelled', by: ['resident', 'handler'] },
  rate: { from: ['done'], to: 'rated', by: ['resident'] }
}

/** States in which the time limit still runs (the overdue flag applies). */
export const openStatuses: readonly RequestStatus[] = ['submitted', 'accepted', 'in_progress', 'needs_materials']

export const statusLabels: Record<RequestStatus, string> = {
  submitted: '已提交',
  accepted: '已受理',
  in_progress: '办理中',
  needs_materials: '待补材料',
  done: '已办结',
  rated: '已评价',
  cancelled: '已取消'
}

export const eventLabels: Record<RequestEvent, string> = {
  accept: '受理',
  start: '开始办理',
  ask_materials: '请补材料',
  supply_materials: '已补材料',
  finish: '办结',
  cancel: '取消',
  rate: '评价'
}

export type Decision = { ok: true; to: RequestStatus } | { ok: false; code: 'INVALID_TRANSITION' | 'FORBIDDEN' }

/** Whether `event` may fire from `status` for someone acting as any of `actingAs`. */
export function decide(status: RequestStatus, event: RequestEvent, actingAs: readonly Actor[]): Decision {
  const t = proxyRequestMachine[event]
  if (!t.by.some(a => actingAs.includes(a))) return { ok: false, code: 'FORBIDDEN' }
  if (!t.from.includes(status)) return { ok: false, code: 'INVALID_TRANSITION' }
  return { ok: true, to: t.to }
}

/** The events someone may fire now: the buttons a page shows. */
export function eventsFor(status: RequestStatus, actingAs: readonly Actor[]): RequestEvent[] {
  return requestEvents.filter(e => decide(status, e, actingAs).ok)
}
