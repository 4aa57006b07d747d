/**
 * The field shapes every action schema builds on: one definition of a calendar day, a clock time,
 * an instant, free text and a page cursor. Input that passes them is safe for any use case:
 * - a date or time is a real calendar value (2024-02-30 and 2024-13-01 are refused; zod's ISO
 *   formats check the days of each month and leap years), so date arithmetic never meets NaN;
 * - free text has its control characters stripped (a NUL, an escape sequence, a bidi override
 *   that makes a name read backwards) and lone UTF-16 surrogates removed (they make
 *   encodeURIComponent and some databases throw), so a search or a stored name is plain text.
 */
import * as z from 'zod'

/** C0 controls except tab and newline, DEL, C1 controls, and the bidi embeddings/overrides/isolates. */
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g
/**
 * A surrogate pair (kept) or a lone surrogate (dropped). No lookbehind: this runs in the weapp too,
 * whose ES2015 floor (iOS 10) has none; test/weapp/built-weapp.test.ts refuses it.
 */
const SURROGATES = /[\uD800-\uDBFF][\uDC00-\uDFFF]|[\uD800-\uDFFF]/g

/** Text as a person typed it, minus what no person types (see above). */
export function plainText(s: string): string {
  return s.replace(CONTROL, '').replace(SURROGATES, m => (m.length === 2 ? m : ''))
}

/**
 * Free text: control characters stripped, then trimmed. Chain `.min()`/`.max()` as on any string
 * (lengths count what is left).
 */
export const text = (): z.ZodString => z.string().overwrite(plainText).trim()

/** A calendar day `YYYY-MM-DD` that exists. */
export const calendarDate = (message = '日期格式应为 2025-09-01，且须是真实的日期'): z.ZodISODate =>
  z.iso.date({ message })

/** A clock time `HH:mm`, 00:00–23:59. */
export const clockTime = (message = '时间格式应为 16:30'): z.ZodString =>
  z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, message)

/** An instant in ISO 8601 with an offset (`toISOString()` gives one), as a Date. */
export const instant = (message = '时间格式不对'): z.ZodPipe<z.ZodISODateTime, z.ZodTransform<Date, string>> =>
  z.iso.datetime({ offset: true, message }).transform(s => new Date(s))

/**
 * The opaque cursor of the previous page's answer: a document `_id`, a number or base64url text
 * (src/server/db/page.ts). Anything else never came from us.
 */
export const pageCursor = (max = 200): z.ZodString =>
  z
    .string()
    .max(max)
    .regex(/^[A-Za-z0-9_:@.=+/-]*$/, '翻页标记不对，请刷新后重试')

/**
 * An instant in a reply schema (core/<ctx>/<ctx>.contract.ts): the use case answers a Date, the app
 * receives its JSON text; both parse to the ISO string the screens read. The router checks a reply
 * before it is serialised (src/server/router.ts), so the schema takes both.
 */
export const replyInstant = (): z.ZodPipe<
  z.ZodUnion<readonly [z.ZodDate, z.ZodISODateTime]>,
  z.ZodTransform<string, Date | string>
> => z.union([z.date(), z.iso.datetime({ offset: true })]).transform(v => (typeof v === 'string' ? v : v.toISOString()))
