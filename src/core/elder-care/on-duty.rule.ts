/**
 * Who is on duty (值班) at an instant, from the community's duty roster: the shifts covering that
 * Shanghai wall time; if none does (a gap in the rota), everyone rostered that day; if nobody is
 * rostered at all, every staff member — an SOS must never reach no one.
 */
import type { DutyShift, ElderCareDeps } from './elder-care.ports'
import { shanghaiDate, shanghaiHHmm } from '../shared/shanghai-time'

export function onDutyAt(shifts: readonly DutyShift[], now: Date): string[] {
  const hhmm = shanghaiHHmm(now)
  const people = shifts.filter(s => s.userId)
  const covering = people.filter(s => !s.start || !s.end || (s.start <= hhmm && hhmm < s.end))
  return [...new Set((covering.length ? covering : people).map(s => s.userId as string))]
}

export async function dutyStaff(deps: Pick<ElderCareDeps, 'people'>, now: Date): Promise<string[]> {
  const duty = onDutyAt(await deps.people.dutyOn(shanghaiDate(now)), now)
  if (duty.length) return duty
  return (await deps.people.usersWithRole('staff')).map(u => u._id)
}
