/** Payloads of the community directory actions. Strict objects: unknown keys are refused. */
import * as z from 'zod'
import { calendarDate, clockTime, pageCursor, text } from '../shared/fields.schemas'
import { lazySchema } from '../shared/contract'
import { contactTitles } from './home.schemas'

const id = lazySchema(() => z.string().regex(/^[A-Za-z0-9_:@.-]{1,80}$/, '编号格式不对'))
const date = lazySchema(() => calendarDate())
const hhmm = lazySchema(() => clockTime())
/** A telephone number as staff type it (landline with dashes, or mobile). */
export const phone = lazySchema(() => z.string().regex(/^[0-9-]{5,20}$/, '电话号码格式不对'))
/** One opening range of the hall, `open` before `close`. */
export const range = lazySchema(() =>
  z.strictObject({ open: hhmm, close: hhmm }).refine(r => r.open < r.close, '结束时间须晚于开始时间')
)

export const bindHouseholdInput = lazySchema(() =>
  z.strictObject({
    code: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z0-9]{8}$/, '绑定码为8位字母或数字'),
    /** Needed when the caller has no record yet. */
    name: text().min(1).max(20).optional()
  })
)
export type BindHouseholdInput = z.infer<typeof bindHouseholdInput>

export const staffBindInput = lazySchema(() =>
  z.strictObject({ userId: id, householdId: id, reason: text().min(1).max(100) })
)
export type StaffBindInput = z.infer<typeof staffBindInput>

export const directoryInput = lazySchema(() =>
  z.strictObject({
    level: z.enum(['grids', 'buildings', 'units', 'households', 'members']),
    parentId: id.optional(),
    cursor: pageCursor().optional()
  })
)
export type DirectoryInput = z.infer<typeof directoryInput>

export const editMemberInput = lazySchema(() =>
  z.strictObject({
    memberId: id,
    changes: z
      .strictObject({
        name: text().min(1).max(20).optional(),
        phone: phone.nullable().optional(),
        relation: z.enum(['户主', '配偶', '子女', '父母', '其他']).optional()
      })
      .refine(c => Object.keys(c).length > 0, '没有要修改的内容'),
    reason: text().min(1).max(100)
  })
)
export type EditMemberInput = z.infer<typeof editMemberInput>

export const setHeadInput = lazySchema(() =>
  z.strictObject({ level: z.enum(['buildings', 'units']), id, memberId: id.nullable() })
)
export type SetHeadInput = z.infer<typeof setHeadInput>

export const callContactInput = lazySchema(() => z.strictObject({ title: z.enum(contactTitles) }))
export type CallContactInput = z.infer<typeof callContactInput>

export const revealMemberPhoneInput = lazySchema(() => z.strictObject({ memberId: id, reason: text().min(1).max(100) }))
export type RevealMemberPhoneInput = z.infer<typeof revealMemberPhoneInput>

export const rosterInput = lazySchema(() => z.strictObject({ from: date.optional() }))
export type RosterInput = z.infer<typeof rosterInput>

export const saveDutyInput = lazySchema(() =>
  z
    .strictObject({
      id: id.optional(),
      date,
      start: hhmm,
      end: hhmm,
      personName: text().min(1).max(20),
      userId: id.nullable().default(null),
      place: text().min(1).max(30)
    })
    .refine(d => d.start < d.end, { message: '结束时间须晚于开始时间', path: ['end'] })
)
export type SaveDutyInput = z.infer<typeof saveDutyInput>

export const removeDutyInput = lazySchema(() => z.strictObject({ id }))
export type RemoveDutyInput = z.infer<typeof removeDutyInput>

export const setHallDayInput = lazySchema(() =>
  z.strictObject({
    date,
    /** [] closes the hall that day; null removes the exception. */
    ranges: z.array(range).max(4).nullable(),
    note: text().max(30).default('')
  })
)
export type SetHallDayInput = z.infer<typeof setHallDayInput>

export const issueBindCodeInput = lazySchema(() => z.strictObject({ householdId: id, reason: text().min(1).max(100) }))
export type IssueBindCodeInput = z.infer<typeof issueBindCodeInput>

/** The hall's weekly hours: 7 days, Sunday first; an empty day is closed. */
export const setHallWeekInput = lazySchema(() => z.strictObject({ weekly: z.array(z.array(range).max(4)).length(7) }))
export type SetHallWeekInput = z.infer<typeof setHallWeekInput>

export const setHotlinesInput = lazySchema(() =>
  z.strictObject({
    hotlines: z.array(z.strictObject({ name: text().min(1).max(20), number: phone })).max(10)
  })
)
export type SetHotlinesInput = z.infer<typeof setHotlinesInput>
