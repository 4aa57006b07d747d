/**
 * Service hours from minutes on site (志愿服务时长). Hours are counted per started hour: every
 * full hour counts 1, and the minutes of the last, started hour count by the rounding steps.
 * Default steps: < 15 min → 0, 15–44 min → 0.5 h, 45–59 min → 1 h. A community may configure
 * other steps (e.g. whole hours only), so the steps are data.
 */
export interface RoundingStep {
  /** From this many minutes into the started hour (0–59)… */
  fromMinute: number
  /** …the started hour counts this many hours (0–1). */
  hours: number
}

export type RoundingRule = readonly RoundingStep[]

export const defaultRounding: RoundingRule = [
  { fromMinute: 0, hours: 0 },
  { fromMinute: 15, hours: 0.5 },
  { fromMinute: 45, hours: 1 }
]

/** Hours credited for `minutes` on site; negative or non-finite minutes count nothing. */
export function roundHours(minutes: number, rule: RoundingRule = defaultRounding): number {
  if (!Number.isFinite(minutes) || minutes <= 0) return 0
  const whole = Math.floor(minutes / 60)
  const rest = Math.floor(minutes - whole * 60)
  let part = 0
  for (const step of [...rule].sort((a, b) => a.fromMinute - b.fromMinute)) {
    if (rest >= step.fromMinute) part = step.hours
  }
  return whole + part
}

/** Whole minutes between check-in and check-out (seconds are dropped, never rounded up). */
export function minutesBetween(from: Date, to: Date): number {
  return Math.max(0, Math.floor((to.getTime() - from.getTime()) / 60_000))
}

/**
 * Steps written as `minute:hours` pairs, e.g. "0:0,15:0.5,45:1" (the default) or "0:0,30:1"
 * (whole hours from half an hour): how a community configures its rounding
 * (`LINLI_VOLUNTEERS_ROUNDING`). null when malformed, so a typo never silently changes hours.
 */
export function parseRounding(text: string): RoundingRule | null {
  const steps: RoundingStep[] = []
  for (const part of text
    .split(',')
    .map(s => s.trim())
    .filter(Boolean)) {
    const m = /^(\d{1,2}):(\d+(?:\.\d+)?)$/.exec(part)
    if (!m) return null
    const step = { fromMinute: Number(m[1]), hours: Number(m[2]) }
    if (step.fromMinute > 59 || step.hours > 1) return null
    steps.push(step)
  }
  if (!steps.some(s => s.fromMinute === 0)) return null
  return steps
}
