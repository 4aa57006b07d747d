/**
 * Payload schemas of the service-card actions (parsed by the router before anything runs).
 * Objects are strict: an unknown key (`status`, `$where`, `seatsLeft`…) is refused rather than
 * silently dropped, so a hostile payload gets INVALID_INPUT and never reaches the database.
 */
import * as z from 'zod'
import { instant, pageCursor, text } from '../shared/fields.schemas'
import { lazySchema } from '../shared/contract'
import { requestEvents } from './proxy-request.machine'
import { residentTags, serviceModes } from './service-card.model'

export const idSchema = lazySchema(() => z.string().regex(/^[A-Za-z0-9_:@.-]{1,80}$/, '编号格式不对'))
const required = (max: number) => text().min(1).max(max)
const optionalText = (max: number) => text().max(max)
/** An opaque page cursor from the previous page's answer. */
const cursor = lazySchema(() => pageCursor().optional())

// ---- catalog ----
export const listItemsInput = lazySchema(() =>
  z.strictObject({
    categoryId: idSchema.optional(),
    /** Search words; matched against name and summary. */
    q: optionalText(40).optional(),
    /** Staff only: include retired items. */
    includeRetired: z.boolean().optional(),
    /** Only items done at home or by proxy (上门/代办): what an eligible resident can ask for. */
    help: z.boolean().optional(),
    cursor
  })
)
export type ListItemsInput = z.infer<typeof listItemsInput>

export const getItemInput = lazySchema(() => z.strictObject({ itemId: idSchema }))
export type GetItemInput = z.infer<typeof getItemInput>

export const itemFields = lazySchema(() =>
  z.strictObject({
    categoryId: idSchema,
    name: required(40),
    summary: required(300),
    eligibility: required(300),
    materials: z.array(required(60)).max(20),
    place: required(60),
    hours: required(60),
    modes: z
      .array(z.enum(serviceModes))
      .min(1)
      .max(4)
      .refine(m => new Set(m).size === m.length, '办理方式重复'),
    timeLimitDays: z.number().int().min(1).max(60).nullable(),
    ownerUserId: idSchema
  })
)
export type ItemFields = z.infer<typeof itemFields>

export const createItemInput = lazySchema(() => itemFields)
export type CreateItemInput = ItemFields

export const editItemInput = lazySchema(() =>
  z.strictObject({
    itemId: idSchema,
    /** The version the editor saw: a stale edit answers CONFLICT instead of overwriting. */
    version: z.number().int().min(1),
    changes: itemFields.partial().refine(c => Object.keys(c).length > 0, '没有要修改的内容')
  })
)
export type EditItemInput = z.infer<typeof editItemInput>

export const itemVersionInput = lazySchema(() => z.strictObject({ itemId: idSchema, version: z.number().int().min(1) }))
export type ItemVersionInput = z.infer<typeof itemVersionInput>

export const reorderItemInput = lazySchema(() =>
  z.strictObject({
    itemId: idSchema,
    version: z.number().int().min(1),
    order: z.number().int().min(0).max(10_000)
  })
)
export type ReorderItemInput = z.infer<typeof reorderItemInput>

export const itemHistoryInput = lazySchema(() => z.strictObject({ itemId: idSchema }))

export const staleCheckInput = lazySchema(() => z.strictObject({}))

// ---- hall appointments ----
export const publishSlotInput = lazySchema(() =>
  z.strictObject({
    window: required(20),
    itemIds: z.array(idSchema).max(50).default([]),
    startAt: instant(),
    /** Whole 15-minute buckets, up to 4 hours. */
    minutes: z
      .number()
      .int()
      .min(15)
      .max(240)
      .refine(m => m % 15 === 0, '时长须为15分钟的整数倍'),
    capacity: z.number().int().min(1).max(100)
  })
)
export type PublishSlotInput = z.infer<typeof publishSlotInput>

export const listSlotsInput = lazySchema(() => z.strictObject({ itemId: idSchema.optional(), cursor }))
export type ListSlotsInput = z.infer<typeof listSlotsInput>

export const cancelSlotInput = lazySchema(() => z.strictObject({ slotId: idSchema, reason: required(60) }))
export type CancelSlotInput = z.infer<typeof cancelSlotInput>

export const bookInput = lazySchema(() =>
  z.strictObject({
    slotId: idSchema,
    itemId: idSchema,
    /** Staff booking for a resident (帮办). */
    onBehalfOf: idSchema.optional(),
    /** The resident saw that they already hold a booking for this item and wants another one too. */
    another: z.boolean().optional()
  })
)
export type BookInput = z.infer<typeof bookInput>

export const bookingIdInput = lazySchema(() => z.strictObject({ bookingId: idSchema }))
export type BookingIdInput = z.infer<typeof bookingIdInput>

/** `itemId`: only my upcoming bookings of that item (the item page shows them). */
export const myBookingsInput = lazySchema(() => z.strictObject({ cursor, itemId: idSchema.optional() }))
export type MyBookingsInput = z.infer<typeof myBookingsInput>

export const slotBookingsInput = lazySchema(() => z.strictObject({ slotId: idSchema }))
export type SlotBookingsInput = z.infer<typeof slotBookingsInput>

// ---- home / proxy handling ----
export const submitRequestInput = lazySchema(() =>
  z.strictObject({
    itemId: idSchema,
    mode: z.enum(['home', 'proxy']),
    note: optionalText(300).default(''),
    /** Staff submitting for a resident (帮办). */
    onBehalfOf: idSchema.optional()
  })
)
export type SubmitRequestInput = z.infer<typeof submitRequestInput>

export const actOnRequestInput = lazySchema(() =>
  z.strictObject({
    requestId: idSchema,
    event: z.enum(requestEvents).exclude(['rate']),
    note: optionalText(300).default('')
  })
)
export type ActOnRequestInput = z.infer<typeof actOnRequestInput>

export const rateRequestInput = lazySchema(() =>
  z.strictObject({
    requestId: idSchema,
    stars: z.number().int().min(1).max(5),
    comment: optionalText(200).default('')
  })
)
export type RateRequestInput = z.infer<typeof rateRequestInput>

export const requestIdInput = lazySchema(() => z.strictObject({ requestId: idSchema }))
export type RequestIdInput = z.infer<typeof requestIdInput>

export const listRequestsInput = lazySchema(() =>
  z.strictObject({
    /** Staff: `mine` = handled by me, `open` = everything still running, `unassigned` = nobody has it. */
    scope: z.enum(['mine', 'open', 'unassigned']).optional(),
    cursor
  })
)
export type ListRequestsInput = z.infer<typeof listRequestsInput>

export const setTagsInput = lazySchema(() =>
  z.strictObject({
    userId: idSchema,
    tags: z.array(z.enum(residentTags)).max(residentTags.length),
    reason: required(100)
  })
)
export type SetTagsInput = z.infer<typeof setTagsInput>

// ---- eligibility for home / proxy handling (上门/代办资格) ----
const tagList = lazySchema(() =>
  z
    .array(z.enum(residentTags))
    .min(1, '请至少选一项')
    .max(residentTags.length)
    .refine(t => new Set(t).size === t.length, '选项重复')
)

/** A resident asks: only which of the plain reasons apply (no medical details, no free text). */
export const askEligibilityInput = lazySchema(() => z.strictObject({ reasons: tagList }))
export type AskEligibilityInput = z.infer<typeof askEligibilityInput>

export const eligibilityQueueInput = lazySchema(() => z.strictObject({ cursor }))
export type EligibilityQueueInput = z.infer<typeof eligibilityQueueInput>

/** `round`: the ask the decider saw; a newer ask (or another decision) answers CONFLICT. */
const decisionOf = () => ({ residentId: idSchema, round: z.number().int().min(1) })
export const decideEligibilityInput = lazySchema(() =>
  z.discriminatedUnion('decision', [
    z.strictObject({ ...decisionOf(), decision: z.literal('approve'), tags: tagList }),
    z.strictObject({ ...decisionOf(), decision: z.literal('decline'), reason: required(100) })
  ])
)
export type DecideEligibilityInput = z.infer<typeof decideEligibilityInput>

export const findResidentsInput = lazySchema(() => z.strictObject({ name: text().min(1).max(20) }))
export type FindResidentsInput = z.infer<typeof findResidentsInput>
