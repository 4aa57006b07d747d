/** Payload schemas of the elder-care actions (parsed by the router before anything runs). */
import * as z from 'zod'
import { calendarDate, clockTime, instant, pageCursor, text } from '../shared/fields.schemas'
import { lazySchema } from '../shared/contract'
import { followUpOutcomes } from './care-kpi.rule'
import { careLevels, elderTags } from './elder-care.model'

const id = lazySchema(() => z.string().trim().min(1).max(100))
const upTo = (max: number) => text().max(max)
const cursor = lazySchema(() => pageCursor(300).nullable().default(null))
const date = lazySchema(() => calendarDate())
const location = lazySchema(() =>
  z
    .object({ lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180) })
    .nullable()
    .default(null)
)
/** Which elder: omitted when an elder acts for themself. */
const forElder = () => ({ elderId: id.optional() })

export const emptyInput = lazySchema(() => z.object({}))
export const pageInput = lazySchema(() => z.object({ cursor }))
export const elderPageInput = lazySchema(() => z.object({ ...forElder(), cursor }))
export const byIdInput = lazySchema(() => z.object({ id }))
export const forElderInput = lazySchema(() => z.object(forElder()))

export const updateElderInput = lazySchema(() =>
  z.object({
    elderId: id,
    careLevel: z.enum(careLevels).optional(),
    tags: z.array(z.enum(elderTags)).max(elderTags.length).optional(),
    careNotes: upTo(200).optional(),
    familyContacts: z
      .array(
        z.object({
          name: upTo(20).min(1),
          relation: upTo(10).min(1),
          phone: z.string().regex(/^1\d{10}$/, '请填写11位手机号'),
          userId: id.nullable().optional()
        })
      )
      .max(5)
      .optional()
  })
)

export const linkProxyInput = lazySchema(() =>
  z
    .object({
      elderId: id,
      /** The family member's account, or the mobile number they registered with (staff at the desk). */
      userId: id.optional(),
      phone: z
        .string()
        .regex(/^1\d{10}$/, '请输入11位手机号')
        .optional(),
      relation: upTo(10).min(1),
      /** What the elder said, in the words recorded (staff) or the consent text version (app). */
      statement: upTo(200).min(2)
    })
    .refine(v => (v.userId === undefined) !== (v.phone === undefined), {
      message: '请填写家属的手机号',
      path: ['phone']
    })
)

export const createElderInput = lazySchema(() =>
  z.object({ memberId: id.optional(), livesAlone: z.boolean().optional() })
)
export const unlinkProxyInput = lazySchema(() => z.object({ elderId: id, userId: id }))

export const saveServiceTypeInput = lazySchema(() =>
  z.object({
    id: z.string().regex(/^[a-z0-9-]{2,40}$/, '编号只能用小写字母、数字和连字符'),
    name: upTo(20).min(1),
    description: upTo(200).default(''),
    minutes: z.number().int().min(10).max(600),
    paid: z.boolean(),
    active: z.boolean().default(true),
    order: z.number().int().min(0).max(999).default(0)
  })
)

export const submitCareRequestInput = lazySchema(() =>
  z.object({
    ...forElder(),
    serviceTypeId: id,
    window: z
      .object({ start: instant(), end: instant() })
      .refine(w => w.end > w.start, { message: '结束时间应晚于开始时间', path: ['end'] }),
    note: upTo(200).default('')
  })
)

export const assignInput = lazySchema(() =>
  z.object({
    id,
    assignee: z.object({
      kind: z.enum(['staff', 'volunteer', 'provider']),
      userId: id,
      orgName: upTo(40).nullable().default(null)
    })
  })
)

export const checkInput = lazySchema(() => z.object({ id, location }))
export const rateInput = lazySchema(() =>
  z.object({ id, stars: z.number().int().min(1).max(5), comment: upTo(200).default('') })
)
export const followUpInput = lazySchema(() =>
  z.object({ id, outcome: z.enum(followUpOutcomes), note: upTo(200).default('') })
)
export const cancelInput = lazySchema(() => z.object({ id, reason: upTo(100).default('') }))
export const kpiInput = lazySchema(() => z.object({ from: instant(), to: instant() }))

export const sosPressInput = lazySchema(() => z.object(forElder()))
export const sosResolveInput = lazySchema(() => z.object({ id, note: upTo(200).min(1) }))

export const recordPatrolInput = lazySchema(() => z.object({ elderId: id, note: upTo(200).default(''), location }))
export const patrolPlanInput = lazySchema(() => z.object({ elderId: id, everyDays: z.number().int().min(1).max(31) }))

export const saveMenuInput = lazySchema(() =>
  z.object({
    date,
    lunch: z
      .array(z.object({ name: upTo(20).min(1), price: z.number().min(0).max(200) }))
      .min(1)
      .max(10),
    cutoff: clockTime().default('09:30'),
    delivery: z.boolean().default(true)
  })
)

export const myMealsInput = lazySchema(() => z.object({ ...forElder(), date: date.optional() }))
export const orderMealInput = lazySchema(() => z.object({ ...forElder(), date, mode: z.enum(['dine_in', 'delivery']) }))
export const cancelMealInput = lazySchema(() => z.object({ ...forElder(), date }))
export const standingOrderInput = lazySchema(() =>
  z.object({
    ...forElder(),
    weekdays: z.array(z.number().int().min(1).max(7)).max(7),
    mode: z.enum(['dine_in', 'delivery'])
  })
)
export const dayInput = lazySchema(() => z.object({ date: date.optional() }))

export type SubmitCareRequestInput = z.output<typeof submitCareRequestInput>
