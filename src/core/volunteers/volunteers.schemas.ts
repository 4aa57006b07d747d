/** Inputs of the volunteers actions, parsed by the router before anything runs. */
import * as z from 'zod'
import { clockTime, instant, pageCursor, text } from '../shared/fields.schemas'
import { lazySchema } from '../shared/contract'
import { partyTypes, postCategories } from './volunteers.model'

const id = lazySchema(() =>
  z
    .string()
    .trim()
    .min(1)
    .max(120)
    .regex(/^[A-Za-z0-9_:.-]+$/, '编号格式不正确')
)
const required = (max: number) => text().min(1).max(max)
const words = (max: number, each = 20) => z.array(text().min(1).max(each)).max(max)
const cursor = lazySchema(() => pageCursor().optional())

export const emptyInput = lazySchema(() => z.object({}).strict())

export const registerInput = lazySchema(() =>
  z
    .object({
      name: required(20),
      phone: z
        .string()
        .trim()
        .regex(/^1\d{10}$/, '请填写11位手机号'),
      skills: words(10),
      availability: words(7),
      teamIds: z.array(id).max(6),
      party: z
        .object({
          type: z.enum(partyTypes),
          employerOrg: text().max(60).nullable()
        })
        .strict()
        .nullable()
    })
    .strict()
)

export const listInput = lazySchema(() => z.object({ cursor }).strict())

export const reviewInput = lazySchema(() =>
  z
    .object({
      volunteerId: id,
      decision: z.enum(['approve', 'reject']),
      note: text().max(200).optional()
    })
    .strict()
)

export const teamInput = lazySchema(() =>
  z
    .object({
      name: required(20),
      intro: text().max(200),
      leaderUserId: id.nullable()
    })
    .strict()
)

const roleInput = lazySchema(() =>
  z
    .object({
      key: z
        .string()
        .trim()
        .min(1)
        .max(20)
        .regex(/^[a-z0-9-]+$/, '岗位编号只能用小写字母、数字和-'),
      name: required(20),
      slots: z.number().int().min(1).max(500),
      skills: words(5)
    })
    .strict()
)

const roles = lazySchema(() =>
  z
    .array(roleInput)
    .min(1)
    .max(10)
    .refine(rs => new Set(rs.map(r => r.key)).size === rs.length, '岗位编号不能重复')
)

export const publishTaskInput = lazySchema(() =>
  z
    .object({
      title: required(40),
      teamId: id.nullable(),
      place: required(60),
      detail: text().max(500),
      startAt: instant(),
      endAt: instant(),
      roles,
      withdrawCutoffHours: z.number().int().min(0).max(168).default(24)
      // Refinements also run when a field already failed (a time that is no time is then a string):
      // compare with Number(), which never throws.
    })
    .strict()
    .refine(t => Number(t.endAt) > Number(t.startAt), { message: '结束时间要晚于开始时间', path: ['endAt'] })
    .refine(t => Number(t.endAt) - Number(t.startAt) <= 24 * 3_600_000, {
      message: '一次活动不超过24小时',
      path: ['endAt']
    })
)

export const createSeriesInput = lazySchema(() =>
  z
    .object({
      title: required(40),
      teamId: id.nullable(),
      place: required(60),
      detail: text().max(500),
      weekday: z.number().int().min(1).max(7),
      startTime: clockTime(),
      endTime: clockTime(),
      roles,
      withdrawCutoffHours: z.number().int().min(0).max(168).default(24),
      weeksAhead: z.number().int().min(1).max(8).default(4)
    })
    .strict()
    .refine(s => s.endTime > s.startTime, { message: '结束时间要晚于开始时间', path: ['endTime'] })
)

export const taskIdInput = lazySchema(() => z.object({ taskId: id }).strict())
export const cancelTaskInput = lazySchema(() => z.object({ taskId: id, reason: required(60) }).strict())
export const claimInput = lazySchema(() => z.object({ taskId: id, roleKey: required(20) }).strict())
export const listTasksInput = lazySchema(() => z.object({ cursor, teamId: id.optional() }).strict())

export const postIdInput = lazySchema(() => z.object({ postId: id }).strict())

export const checkInput = lazySchema(() =>
  z
    .object({
      taskId: id,
      /** What the camera read (or the volunteer typed): the 6 digits, or the whole QR text. */
      code: text().min(6).max(200)
    })
    .strict()
)

export const organiserCheckInput = lazySchema(() =>
  z
    .object({
      taskId: id,
      volunteerId: id,
      kind: z.enum(['in', 'out']),
      /** The organiser may enter the real time (a volunteer without a phone); default: now. */
      at: instant().optional()
    })
    .strict()
)

export const verifyInput = lazySchema(() =>
  z
    .object({
      taskId: id,
      volunteerId: id,
      approve: z.boolean(),
      /** Adjusted minutes, when the organiser corrects a forgotten check-out. */
      minutes: z
        .number()
        .int()
        .min(0)
        .max(24 * 60)
        .optional()
    })
    .strict()
)

export const noShowInput = lazySchema(() => z.object({ taskId: id, volunteerId: id }).strict())

export const serialInput = lazySchema(() =>
  z
    .object({
      serial: z
        .string()
        .trim()
        .regex(/^CH-\d{4}-\d{6}$/, '证明编号格式为 CH-年份-六位数字')
    })
    .strict()
)

export const exportMemberInput = lazySchema(() => z.object({ volunteerId: id }).strict())
export const exportEmployerInput = lazySchema(() => z.object({ employerOrg: required(60) }).strict())

export const createPostInput = lazySchema(() =>
  z
    .object({
      category: z.enum(postCategories),
      name: required(30),
      duty: text().max(200)
    })
    .strict()
)

export type RegisterInput = z.output<typeof registerInput>
export type PublishTaskInput = z.output<typeof publishTaskInput>
export type CreateSeriesInput = z.output<typeof createSeriesInput>
