/** Payload schemas of the grid actions (parsed by the router before anything runs). */
import * as z from 'zod'
import { lazySchema } from '../shared/contract'
import { calendarDate, pageCursor, text } from '../shared/fields.schemas'
import { photoIdsSchema } from '../shared/photo-store.ports'
import { confirmOutcomes, inspectionCadences, priorityTags, reportCategories, visitPurposes } from './grid.model'

const id = lazySchema(() => z.string().trim().min(1).max(100))
const upTo = (max: number) => text().max(max, `最多 ${max} 个字`)
const cursor = lazySchema(() => pageCursor(300).nullable().default(null))

export const emptyInput = lazySchema(() => z.object({}))
export const pageInput = lazySchema(() => z.object({ cursor }))

// ---- reports (随手拍/报事) ----------------------------------------------------------------------------------------

export const reportIdInput = lazySchema(() => z.object({ reportId: id }))

/** At most MAX_PHOTOS fileIDs, no repeats (photo-store.ports.ts). */
const photos = lazySchema(() => photoIdsSchema.default([]))

/** Where: a building (and unit) of this community, or a point on its plan, and a few words. */
export const reportPlace = lazySchema(() =>
  z
    .object({
      buildingId: id.nullable().default(null),
      unitId: id.nullable().default(null),
      point: z
        .object({ x: z.number().min(0).max(1), y: z.number().min(0).max(1) })
        .nullable()
        .default(null),
      text: upTo(60).default('')
    })
    .refine(p => p.unitId === null || p.buildingId !== null, { message: '请先选楼栋', path: ['buildingId'] })
    .refine(p => p.buildingId !== null || p.point !== null || p.text.length > 0, {
      message: '请说明在哪里：选楼栋、在平面图上点一下，或写几个字',
      path: ['text']
    })
)

export const submitReportInput = lazySchema(() =>
  z.object({
    category: z.enum(reportCategories, { message: '请选择问题类别' }),
    description: upTo(500).min(4, '请简单说说是什么问题（至少 4 个字）'),
    photos,
    place: reportPlace,
    /** 不公开: other residents don't see it in the community's list. */
    hidden: z.boolean().default(false),
    /** Found on this patrol (巡查) of the caller's, a grid worker. */
    patrolId: id.nullable().default(null)
  })
)

/** "已有人报告": open reports near this place, offered before a new one is made. */
export const nearbyInput = lazySchema(() => z.object({ category: z.enum(reportCategories), place: reportPlace }))

/** A resident who has the same problem follows an existing report instead of making a new one (我也遇到). */
export const followReportInput = reportIdInput

export const reportListInput = lazySchema(() => z.object({ cursor }))

/** The workbench's queue: 待受理 (new in my grid), 我负责 (owned by me), 已超时 (overdue), 已办结 (done). */
export const reportQueueInput = lazySchema(() =>
  z.object({ view: z.enum(['new', 'mine', 'overdue', 'done', 'all']).default('new'), cursor })
)

export const passReportInput = lazySchema(() =>
  z.discriminatedUnion('kind', [
    z.object({ reportId: id, kind: z.literal('juwei'), note: upTo(200).default('') }),
    z.object({
      reportId: id,
      kind: z.literal('department'),
      name: upTo(30).min(2, '请写明转给哪个部门'),
      note: upTo(200).default('')
    })
  ])
)

export const resolveReportInput = lazySchema(() =>
  z.object({ reportId: id, note: upTo(200).min(2, '请说明怎么处理的'), photos })
)

export const noteReportInput = lazySchema(() => z.object({ reportId: id, note: upTo(200).min(1) }))

export const mergeReportInput = lazySchema(() =>
  z.object({ reportId: id, intoId: id }).refine(v => v.reportId !== v.intoId, { message: '不能合并到自己' })
)

export const confirmReportInput = lazySchema(() =>
  z.object({ reportId: id, outcome: z.enum(confirmOutcomes), note: upTo(200).default('') })
)

export const rateReportInput = lazySchema(() =>
  z.object({ reportId: id, stars: z.number().int().min(1).max(5), note: upTo(200).default('') })
)

export const withdrawReportInput = lazySchema(() => z.object({ reportId: id, reason: upTo(100).default('') }))

export type ReportPlaceInput = z.output<typeof reportPlace>
export type SubmitReportInput = z.output<typeof submitReportInput>
export type NearbyInput = z.output<typeof nearbyInput>
export type ReportQueueInput = z.output<typeof reportQueueInput>
export type PassReportInput = z.output<typeof passReportInput>
export type ResolveReportInput = z.output<typeof resolveReportInput>
export type ConfirmReportInput = z.output<typeof confirmReportInput>
export type RateReportInput = z.output<typeof rateReportInput>

// ---- patrols (巡查) -------------------------------------------------------------------------------------------------

export const patrolIdInput = lazySchema(() => z.object({ patrolId: id }))

/** 结束巡查: the patrol, and optionally what the worker saw. */
export const finishPatrolInput = lazySchema(() => z.object({ patrolId: id, note: upTo(200).default('') }))

/** Staff's board of patrol time: a Shanghai month (`YYYY-MM`, this month when absent). */
export const patrolBoardInput = lazySchema(() =>
  z.object({
    month: z
      .string()
      .regex(/^20\d\d-(0[1-9]|1[0-2])$/, '月份格式应为 2026-11')
      .nullable()
      .default(null),
    cursor
  })
)

// ---- household visits (走访) ----------------------------------------------------------------------------------------

export const householdIdInput = lazySchema(() => z.object({ householdId: id }))

export const householdVisitsInput = lazySchema(() => z.object({ householdId: id, cursor }))

/** A visit logged (走访记录): why, what was said, and optionally a follow-up due by a date. */
export const logVisitInput = lazySchema(() =>
  z
    .object({
      householdId: id,
      purpose: z.enum(visitPurposes, { message: '请选择走访目的' }),
      purposeText: upTo(30).default(''),
      notes: upTo(500).default(''),
      followUp: z
        .object({
          note: upTo(100).min(2, '请写明要跟进什么（至少 2 个字）'),
          dueDate: calendarDate('请选择跟进的截止日期')
        })
        .nullable()
        .default(null)
    })
    .refine(v => v.purpose !== 'other' || v.purposeText.length > 0, {
      message: '选“其他”时请写明走访目的',
      path: ['purposeText']
    })
)

/** The grid's households: those not visited this quarter (本季未走访), or all (staff, to tag them). */
export const gridHouseholdsInput = lazySchema(() =>
  z.object({ view: z.enum(['unvisited', 'all']).default('unvisited'), gridId: id.nullable().default(null), cursor })
)

/** Priority households (重点户), soonest due first; staff may narrow to a grid. */
export const priorityHouseholdsInput = lazySchema(() => z.object({ gridId: id.nullable().default(null), cursor }))

/** The follow-ups of visits (走访待办): open ones or done ones. */
export const followUpsInput = lazySchema(() => z.object({ done: z.boolean().default(false), cursor }))

export const setFollowUpInput = lazySchema(() => z.object({ visitId: id, done: z.boolean() }))

/** Staff tag a household as a priority one (重点户); no tags makes it an ordinary household again. */
export const setHouseholdTagsInput = lazySchema(() =>
  z.object({
    householdId: id,
    tags: z
      .array(z.enum(priorityTags, { message: '标签不对，请重新选择' }))
      .max(priorityTags.length)
      .transform(tags => [...new Set(tags)]),
    note: upTo(100).default('')
  })
)

// ---- inspections (巡检) and figures ---------------------------------------------------------------------------------

/** A checklist's place: a building of this community (its grid is the building's), or a named place and its grid. */
export const inspectionPlaceInput = lazySchema(() =>
  z
    .object({
      buildingId: id.nullable().default(null),
      /** A place that is no building, e.g. 地下车库 (ignored for a building: its own name is used). */
      name: upTo(20).default(''),
      gridId: id.nullable().default(null)
    })
    .refine(p => p.buildingId !== null || p.name.length >= 2, {
      message: '请选择楼栋，或写上地点（如 地下车库）',
      path: ['name']
    })
    .refine(p => p.buildingId !== null || p.gridId !== null, { message: '请选择这个地点归哪个网格', path: ['gridId'] })
)

export const checklistItemInput = lazySchema(() =>
  z.object({
    text: upTo(40).min(2, '请写明检查什么（至少 2 个字）'),
    /** What a failure of it is reported as. */
    category: z.enum(reportCategories, { message: '请选择不合格时算哪类问题' })
  })
)

export const MAX_CHECKLIST_ITEMS = 20

export const defineChecklistInput = lazySchema(() =>
  z.object({
    title: upTo(20).min(2, '请写上巡检表的名称（如 每周卫生检查）'),
    cadence: z.enum(inspectionCadences, { message: '请选择多久检查一次' }),
    place: inspectionPlaceInput,
    items: z
      .array(checklistItemInput)
      .min(1, '至少要有一项检查内容')
      .max(MAX_CHECKLIST_ITEMS, `最多 ${MAX_CHECKLIST_ITEMS} 项`)
  })
)

export const checklistIdInput = lazySchema(() => z.object({ checklistId: id }))

export const retireChecklistInput = lazySchema(() => z.object({ checklistId: id, version: z.number().int().min(0) }))

/** The worker's results of this period: every item of the checklist, passed or failed; a failure says what was seen. */
export const recordInspectionInput = lazySchema(() =>
  z.object({
    checklistId: id,
    results: z
      .array(
        z
          .object({ key: id, passed: z.boolean(), note: upTo(200).default('') })
          .refine(r => r.passed || r.note.length >= 2, { message: '不合格的项请写明看到了什么', path: ['note'] })
      )
      .min(1)
      .max(MAX_CHECKLIST_ITEMS)
  })
)

export const inspectionListInput = lazySchema(() => z.object({ checklistId: id.nullable().default(null), cursor }))

/** A month of the Shanghai calendar, `YYYY-MM`. */
const month = lazySchema(() => z.string().regex(/^20\d{2}-(0[1-9]|1[0-2])$/, '请选择月份'))

export const figuresInput = lazySchema(() => z.object({ month }))

export const open311Input = lazySchema(() => z.object({ month, cursor }))
