/**
 * Rules of the hall's appointments and hours, pure and clock-free (callers pass `now`).
 *
 * Overlap: a resident's time is cut into 15-minute buckets (UTC, `floor(ms / 15 min)`); a booking
 * holds one lock document per bucket its slot covers, `_id` = `${residentId}@${bucket}`. The
 * database accepts one document per `_id`, so two bookings that share any bucket can never both
 * hold it, however many arrive at once. Slots start and last in whole buckets, so "overlap" and
 * "share a bucket" mean the same thing.
 */
import { isoWeekday, shanghaiDate, shanghaiHHmm } from '../shared/shanghai-time'

export const BUCKET_MS = 15 * 60_000
/** Cancelling closes this long before the start (the seat can still go to someone else). */
export const CANCEL_CUTOFF_MS = 2 * 60 * 60_000
/** The reminder goes this long before the start (notify.schedule). */
export const REMINDER_BEFORE_MS = 2 * 60 * 60_000
/** Check-in opens this long before the start and closes at the slot's end. */
export const CHECK_IN_OPENS_MS = 30 * 60_000
/** How long after its last confirmation an item counts as stale (and nags its owner). */
export const STALE_AFTER_MS = 90 * 24 * 60 * 60_000

export function bucketsOf(startAt: Date, endAt: Date): number[] {
  const first = Math.floor(startAt.getTime() / BUCKET_MS)
  const last = Math.ceil(endAt.getTime() / BUCKET_MS)
  const out: number[] = []
  for (let b = first; b < last; b++) out.push(b)
  return out
}

export function lockIdsOf(residentId: string, startAt: Date, endAt: Date): string[] {
  return bucketsOf(startAt, endAt).map(b => `${residentId}@${b}`)
}

export function canCancel(startAt: Date, now: Date): boolean {
  return startAt.getTime() - now.getTime() >= CANCEL_CUTOFF_MS
}

export function checkInOpen(startAt: Date, endAt: Date, now: Date): boolean {
  const t = now.getTime()
  return t >= startAt.getTime() - CHECK_IN_OPENS_MS && t <= endAt.getTime()
}

export function isStale(verifiedAt: Date, now: Date): boolean {
  return now.getTime() - new Date(verifiedAt).getTime() > STALE_AFTER_MS
}

/** Working days after `from` (Mon–Fri, community clock, holidays not counted here). */
export function addWorkingDays(from: Date, days: number): Date {
  let t = from.getTime()
  let left = days
  while (left > 0) {
    t += 24 * 60 * 60_000
    if (isoWeekday(shanghaiDate(new Date(t))) <= 5) left--
  }
  return new Date(t)
}

/** The window an item's place names (`一站式服务大厅 1号窗口` → `1号窗口`), or null when it names none. */
export function windowOf(place: string): string | null {
  return /(\d+号窗口)/.exec(place)?.[1] ?? null
}

/** One stretch of opening hours on some weekdays (0 = Sunday … 6 = Saturday), `HH:mm` on the community's clock. */
export interface OpeningSpan {
  days: number[]
  open: string
  close: string
}

const DAY_CHARS: Record<string, number> = { 日: 0, 天: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6 }
const hhmm = (t: string): string => t.padStart(5, '0')

/**
 * An item's hours as people write them (`周一至周五 9:00–17:00，周六 9:00–12:00`, `工作日 8:30-17:30`,
 * `每天 8:00–18:00`) → spans. null when any part can't be read: a slot is then checked against
 * nothing rather than refused on a guess (staff see the hours text beside the form).
 */
export function openingSpans(hours: string): OpeningSpan[] | null {
  const parts = hours
    .split(/[，,；;、\n]+/)
    .map(p => p.trim())
    .filter(Boolean)
  const spans: OpeningSpan[] = []
  let days: number[] | null = null
  for (const part of parts) {
    const m =
      /^(?:(每天|工作日|周([一二三四五六日天])(?:\s*[至到\-–~]\s*周([一二三四五六日天]))?))?\s*(?:(\d{1,2}:\d{2})\s*[-–~至到]\s*(\d{1,2}:\d{2}))?$/.exec(
        part
      )
    if (!m || (!m[1] && !m[4])) return null
    if (m[1] === '每天') days = [0, 1, 2, 3, 4, 5, 6]
    else if (m[1] === '工作日') days = [1, 2, 3, 4, 5]
    else if (m[2]) {
      const from = DAY_CHARS[m[2]]
      const to = m[3] ? DAY_CHARS[m[3]] : from
      days = []
      // 周一至周日: Sunday (0) closes the range as 7.
      for (let d = from; d <= (to === 0 && from > 0 ? 7 : to); d++) days.push(d % 7)
    }
    if (m[4] && m[5]) {
      if (!days) return null
      spans.push({ days, open: hhmm(m[4]), close: hhmm(m[5]) })
    }
  }
  return spans.length > 0 ? spans : null
}

/** Does [startAt, endAt) fall inside one span of `hours` (same Shanghai day)? true when the hours can't be read. */
export function withinHours(hours: string, startAt: Date, endAt: Date): boolean {
  const spans = openingSpans(hours)
  if (!spans) return true
  const day = shanghaiDate(startAt)
  // The last minute of the slot, not its end: a slot ending at midnight still lies within its day.
  if (shanghaiDate(new Date(endAt.getTime() - 1)) !== day) return false
  const from = shanghaiHHmm(startAt)
  const to = shanghaiHHmm(endAt)
  const weekday = isoWeekday(day) % 7 // 0 = Sunday, as the spans count
  return spans.some(s => s.days.includes(weekday) && s.open <= from && to <= s.close)
}
