/**
 * The SOS escalation ladder (紧急呼叫升级), as data. Level 1 goes out at the press; each later
 * level goes out when nobody has acknowledged by its time. Acknowledging, resolving or a
 * cancel in the first 10 s stops the ladder.
 */
import type { SosCall } from './elder-care.model'

export const SOS_CANCEL_WINDOW_MS = 10_000

export type SosAudience = 'duty_and_grid' | 'family' | 'admin'

export interface SosLevel {
  level: number
  afterMs: number
  audience: SosAudience
  /** What the log and the elder's status line say. */
  label: string
}

export const sosLadder: readonly SosLevel[] = [
  { level: 1, afterMs: 0, audience: 'duty_and_grid', label: '已通知值班社工和网格员' },
  // The family's line is written from what happened when it goes out (familyLevelLabel).
  { level: 2, afterMs: 2 * 60_000, audience: 'family', label: '2分钟无人响应，通知家属' },
  { level: 3, afterMs: 4 * 60_000, audience: 'admin', label: '仍无人响应，已通知社区负责人' }
]

/**
 * Level 2's line, true to what happened (issue 18): the family who use Linli were already told at
 * the press (tellFamilyPressed), so at 2 minutes they are told again; the contacts' numbers go to
 * the staff phone follow-up list, so staff phone them. Nobody to tell: the line says so.
 */
export function familyLevelLabel(facts: { toldAtPress: boolean; told: string[]; phoned: number }): string {
  if (facts.told.length === 0) return '2分钟无人响应，没有登记的家属可通知'
  const told = facts.toldAtPress ? '再次通知家属' : '已通知家属'
  return `2分钟无人响应，${told}${facts.phoned > 0 ? '，并请工作人员打电话给家属' : ''}`
}

export function ladderLevel(level: number): SosLevel | null {
  return sosLadder.find(l => l.level === level) ?? null
}

/** When `level` falls due for a call pressed at `pressedAt`; null past the top of the ladder. */
export function dueAt(pressedAt: Date, level: number): Date | null {
  const l = ladderLevel(level)
  return l ? new Date(pressedAt.getTime() + l.afterMs) : null
}

/** The level to send now, if any: the call is still open (unacknowledged) and its next level is due. */
export function dueLevel(call: Pick<SosCall, 'state' | 'level' | 'pressedAt'>, now: Date): SosLevel | null {
  if (call.state !== 'open') return null
  const l = ladderLevel(call.level)
  if (!l) return null
  return now.getTime() - new Date(call.pressedAt).getTime() >= l.afterMs ? l : null
}

export function canCancel(call: Pick<SosCall, 'state' | 'pressedAt'>, now: Date): boolean {
  return call.state === 'open' && now.getTime() - new Date(call.pressedAt).getTime() <= SOS_CANCEL_WINDOW_MS
}
