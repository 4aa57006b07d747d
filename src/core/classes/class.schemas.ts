/** Payload schemas of the `classes` actions (parsed by the router before anything runs). */
import * as z from 'zod'
import { attendanceMarks, termKinds } from './class.model'
import { calendarDate, clockTime, instant, pageCursor, text } from '../shared/fields.schemas'
import { lazySchema } from '../shared/contract'

const id = lazySchema(() =>
  z
    .string()
    .trim()
    .min(1)
    .max(80)
    .regex(/^[A-Za-z0-9:_-]+$/, '编号格式不对')
)
const date = lazySchema(() => calendarDate())
const hhmm = lazySchema(() => clockTime())
const name = lazySchema(() => text().min(1, '请填写姓名').max(20))
const phone = lazySchema(() => z.string().regex(/^1\d{10}$/, '请填写 11 位手机号'))
const cursor = lazySchema(() => pageCursor().optional())
/** A person's OPENID, as a tutor or a co-guardian is named. */
const userId = lazySchema(() =>
  z
    .string()
    .trim()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9_-]+$/, '编号格式不对')
)
export const gradeNames = ['一年级', '二年级', '三年级', '四年级', '五年级', '六年级'] as const
export type GradeName = (typeof gradeNames)[number]
const grade = lazySchema(() => z.enum(gradeNames))

export const createTermInput = lazySchema(() =>
  z
    .object({
      kind: z.enum(termKinds).default('class'),
      title: text().min(1, '请填写名称').max(30),
      room: text().min(1, '请填写地点').max(30),
      startDate: date,
      /** Lectures: omit (one day). */
      endDate: date.optional(),
      weekdays: z.array(z.number().int().min(1).max(7)).min(1).max(7).default([1, 2, 3, 4, 5]),
      startTime: hhmm.default('16:30'),
      endTime: hhmm.default('18:00'),
      capacity: z.number().int().min(1).max(500),
      grades: z.array(grade).max(6).default([]),
      enrolOpensAt: instant().optional(),
      enrolClosesAt: instant().optional(),
      /** Days without class (holidays): no session is generated. */
      holidays: z.array(date).max(100).default([]),
      minTutors: z.number().int().min(0).max(20).default(2),
      offerHours: z.number().int().min(1).max(72).default(12),
      /** Seats per session for single-session bookings (单次报名); 0: term enrolment only. */
      dropInSeats: z.number().int().min(0).max(50).default(0)
    })
    .refine(t => t.startTime < t.endTime, { message: '结束时间应晚于开始时间', path: ['endTime'] })
    .refine(t => !t.endDate || t.endDate >= t.startDate, { message: '结束日期应不早于开始日期', path: ['endDate'] })
    .refine(t => !t.endDate || Date.parse(t.endDate) - Date.parse(t.startDate) <= 200 * 86400_000, {
      message: '一期最长 200 天',
      path: ['endDate']
    })
)
export type CreateTermInput = z.output<typeof createTermInput>

export const listInput = lazySchema(() => z.object({ cursor }))
export const termInput = lazySchema(() => z.object({ termId: id }))
export const termPageInput = lazySchema(() => z.object({ termId: id, cursor }))
export const sessionInput = lazySchema(() => z.object({ sessionId: id }))
export const assignTutorInput = lazySchema(() =>
  z.object({
    sessionId: id,
    userId
  })
)
export const cancelSessionInput = lazySchema(() =>
  z.object({ sessionId: id, reason: text().min(1, '请填写原因').max(60) })
)

export const registerChildInput = lazySchema(() =>
  z.object({
    name,
    school: text().min(1, '请填写学校').max(30),
    grade,
    allergies: text().max(100).default(''),
    notes: text().max(200).default(''),
    emergencyContacts: z
      .array(z.object({ name, relation: text().min(1).max(10), phone }))
      .min(1, '请至少填写一位紧急联系人')
      .max(3),
    /** The guardian ticked the consent (监护人同意): nothing is stored without it. */
    consent: z.literal(true, { message: '需要监护人同意后才能登记' })
  })
)
export type RegisterChildInput = z.output<typeof registerChildInput>

export const childInput = lazySchema(() => z.object({ childId: id }))
export const addPickupAdultInput = lazySchema(() => z.object({ childId: id, name, relation: text().min(1).max(10) }))
export const removePickupAdultInput = lazySchema(() => z.object({ childId: id, adultId: id }))
export const acceptCoGuardianInput = lazySchema(() =>
  z.object({
    code: z
      .string()
      .trim()
      .regex(/^\d{8}$/, '邀请码是 8 位数字'),
    /** The joining adult agrees to the same terms as the registering guardian. */
    consent: z.literal(true, { message: '需要同意后才能加入' })
  })
)
export const removeCoGuardianInput = lazySchema(() =>
  z.object({
    childId: id,
    userId
  })
)

export const enrolInput = lazySchema(() => z.object({ termId: id, childId: id.optional() }))
export const enrolmentInput = lazySchema(() => z.object({ termId: id, childId: id.optional() }))

export const markAttendanceInput = lazySchema(() =>
  z.object({
    sessionId: id,
    childId: id,
    status: z.enum(attendanceMarks),
    note: text().max(60).optional()
  })
)
export const reportAbsenceInput = lazySchema(() =>
  z.object({ sessionId: id, childId: id, note: text().max(60).optional() })
)
export const handOverInput = lazySchema(() =>
  z.object({
    sessionId: id,
    childId: id,
    code: z.string().regex(/^\d{6}$/, '接送码是 6 位数字')
  })
)
export const bookSessionInput = lazySchema(() => z.object({ sessionId: id, childId: id }))
export const todayInput = lazySchema(() => z.object({ date: date.optional() }))
