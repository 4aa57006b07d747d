/** Inputs of the volunteers actions, parsed by the router before anything runs. */
import * as z from 'zod'
import { partyTypes, postCategories } from './volunteers.model'

const id = z.string().trim().min(1).max(120).regex(/^[A-Za-z0-9_:.-]+$/, '编号格式不正确')
const text = (max: number) => z.string().trim().min(1).max(max)
const words = (max: number, each = 20) => z.array(z.string().trim().min(1).max(each)).max(max)
const cursor = z.string().max(200).optional()
const instant = z.coerce.date().refine(d => !Number.isNaN(d.getTime()), '时间格式不正确')

export const emptyInput = z.object({}).strict()

export const registerInput = z.object({
  name: text(20),
  phone: z.string().trim().regex(/^1\d{10}$/, '请填写11位手机号'),
  skills: words(10),
  availability: words(7),
  teamIds: z.array(id).max(6),
  party: z.object({
    type: z.enum(partyTypes),
    employerOrg: z.string().trim().max(60).nullable()
  }).strict().nullable()
}).strict()

export const listInput = z.object({ cursor }).strict()

export const reviewInput = z.object({
  volunteerId: id,
  decision: z.enum(['approve', 'reject']),
  note: z.string().trim().max(200).optional()
}).strict()

export const teamInput = z.object({
  name: text(20),
  intro: z.string().trim().max(200),
  leaderUserId: id.nullable()
}).strict()

const roleInput = z.object({
  key: z.string().trim().min(1).max(20).regex(/^[a-z0-9-]+$/, '岗位编号只能用小写字母、数字和-'),
  name: text(20),
  slots: z.number().int().min(1).max(500),
  skills: words(5)
}).strict()

const roles = z.array(roleInput).min(1).max(10).refine(rs => new Set(rs.map(r => r.key)).size === rs.length, '岗位编号不能重复')

export const publishTaskInput = z.object({
  title: text(40),
  teamId: id.nullable(),
  place: text(60),
  detail: z.string().trim().max(500),
  startAt: instant,
  endAt: instant,
  roles,
  withdrawCutoffHours: z.number().int().min(0).max(168).default(24)
}).strict().refine(t => t.endAt.getTime() > t.startAt.getTime(), { message: '结束时间要晚于开始时间', path: ['endAt'] })
  .refine(t => t.endAt.getTime() - t.startAt.getTime() <= 24 * 3_600_000, { message: '一次活动不超过24小时', path: ['endAt'] })

export const createSeriesInput = z.object({
  title: text(40),
  teamId: id.nullable(),
  place: text(60),
  detail: z.string().trim().max(500),
  weekday: z.number().int().min(1).max(7),
  startTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间格式为 时:分'),
  endTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间格式为 时:分'),
  roles,
  withdrawCutoffHours: z.number().int().min(0).max(168).default(24),
  weeksAhead: z.number().int().min(1).max(8).default(4)
}).strict().refine(s => s.endTime > s.startTime, { message: '结束时间要晚于开始时间', path: ['endTime'] })

export const taskIdInput = z.object({ taskId: id }).strict()
export const cancelTaskInput = z.object({ taskId: id, reason: text(60) }).strict()
export const claimInput = z.object({ taskId: id, roleKey: z.string().trim().min(1).max(20) }).strict()
export const listTasksInput = z.object({ cursor, teamId: id.optional() }).strict()

export const postIdInput = z.object({ postId: id }).strict()

export const checkInput = z.object({
  taskId: id,
  /** What the camera read (or the volunteer typed): the 6 digits, or the whole QR text. */
  code: z.string().trim().min(6).max(200)
}).strict()

export const organiserCheckInput = z.object({
  taskId: id,
  volunteerId: id,
  kind: z.enum(['in', 'out']),
  /** The organiser may enter the real time (a volunteer without a phone); default: now. */
  at: instant.optional()
}).strict()

export const verifyInput = z.object({
  taskId: id,
  volunteerId: id,
  approve: z.boolean(),
  /** Adjusted minutes, when the organiser corrects a forgotten check-out. */
  minutes: z.number().int().min(0).max(24 * 60).optional()
}).strict()

export const noShowInput = z.object({ taskId: id, volunteerId: id }).strict()

export const serialInput = z.object({ serial: z.string().trim().regex(/^CH-\d{4}-\d{6}$/, '证明编号格式为 CH-年份-六位数字') }).strict()

export const exportMemberInput = z.object({ volunteerId: id }).strict()
export const exportEmployerInput = z.object({ employerOrg: text(60) }).strict()

export const createPostInput = z.object({
  category: z.enum(postCategories),
  name: text(30),
  duty: z.string().trim().max(200)
}).strict()

export type RegisterInput = z.output<typeof registerInput>
export type PublishTaskInput = z.output<typeof publishTaskInput>
export type CreateSeriesInput = z.output<typeof createSeriesInput>
