/**
 * CloudBase timer cron: 7 fields `sec min hour day month week year`, evaluated in China time
 * (the platform's trigger time zone is UTC+8). croner does the date arithmetic; this file maps
 * the CloudBase dialect onto croner's 6-field pattern and refuses what would be ambiguous.
 */
import type { Cron } from 'croner'

// Required when a timer first needs a schedule, not when the function loads: most calls are the
// app's, which never read a cron (croner is a lazy lib of the build, scripts/build-functions.ts).
const croner = (): typeof import('croner') => require('croner') as typeof import('croner')

/** CloudBase evaluates trigger rules in UTC+8 whatever the machine's zone. */
export const CLOUDBASE_TIMEZONE = 'Asia/Shanghai'

export interface CloudbaseSchedule {
  /** The pattern as written in config.json. */
  source: string
  /** First fire time strictly after `from`, or null if there is none. */
  next: (from: Date) => Date | null
}

export class CronError extends Error {}

/**
 * Parse a CloudBase 7-field cron expression. Throws CronError with a message a developer can act on.
 *
 * - `?` (day or week) means "any": croner would substitute the current time's value for `?`,
 *   which is not CloudBase's meaning, so it becomes `*` here.
 * - week: only names (SUN..SAT, ranges, lists, `#n`, `#L`) or `*`/`?`. Numeric weekdays are
 *   refused: CloudBase's docs disagree on whether 0 is Sunday or Monday.
 * - year: only `*` (or `?`); nothing in this project needs a specific year.
 * - day and week both restricted fire when either matches, as CloudBase documents (croner's
 *   legacyMode).
 */
export function parseCloudbaseCron(expression: string): CloudbaseSchedule {
  const fields = expression.trim().split(/\s+/)
  if (fields.length !== 7) {
    throw new CronError(
      `cron "${expression}" has ${fields.length} fields; CloudBase needs 7: sec min hour day month week year`
    )
  }
  const [sec, min, hour, day, month, week, year] = fields.map(f => f.toUpperCase())
  if (year !== '*' && year !== '?') {
    throw new CronError(`cron "${expression}": only "*" is supported in the year field`)
  }
  if (/\d/.test(week.replace(/#(\d+|L)/g, ''))) {
    throw new CronError(
      `cron "${expression}": use weekday names (MON, TUE, ..., SUN) in the week field; numeric weekdays are ambiguous on CloudBase`
    )
  }
  const any = (f: string): string => (f === '?' ? '*' : f)
  const pattern = [sec, min, hour, any(day), month, any(week)].join(' ')
  let cron: Cron
  try {
    cron = new (croner().Cron)(pattern, { timezone: CLOUDBASE_TIMEZONE, legacyMode: true, paused: true })
  } catch (err) {
    throw new CronError(`cron "${expression}": ${(err as Error).message}`)
  }
  return {
    source: expression,
    next: from => cron.nextRun(from)
  }
}
