/**
 * 助餐 rules, pure: whether a day's orders are still open (until the menu's cutoff, 09:30 Shanghai
 * by default) and which order makes an elder's meal on a day (a standing weekly order counts
 * unless that day has its own order, placed or cancelled).
 */
import type { DailyMenu, MealMode, MealOrder, StandingOrder } from './elder-care.model'
import { isoWeekday, shanghaiInstant } from '../shared/shanghai-time'

export const mealModeLabels: Record<MealMode, string> = { dine_in: '堂食', delivery: '送餐' }

/** Does a standing or single order make a meal for this elder on this date? Pure. */
export function effectiveOrder(
  date: string,
  own: MealOrder | null,
  standing: StandingOrder | null
): { mode: MealMode; source: 'single' | 'standing' } | null {
  if (own) return own.status === 'ordered' ? { mode: own.mode, source: own.source } : null
  if (standing?.active && standing.weekdays.includes(isoWeekday(date)))
    return { mode: standing.mode, source: 'standing' }
  return null
}

/** Orders for the menu's day are taken until its cutoff, Shanghai wall time. */
export function orderOpen(menu: Pick<DailyMenu, 'date' | 'cutoff'>, now: Date): boolean {
  return now.getTime() < shanghaiInstant(menu.date, menu.cutoff).getTime()
}
