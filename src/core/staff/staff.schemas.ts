/** Payload schemas of the staff actions (parsed by the router before anything runs). */
import * as z from 'zod'
import { calendarDate, pageCursor, text } from '../shared/fields.schemas'
import { lazySchema } from '../shared/contract'
import { roles, streetRoles } from '../community/roles'
import { auditCategoryKeys, type AuditCategory } from './audit-words.rule'
import { invitableRoles } from './staff.model'

const id = lazySchema(() => z.string().trim().min(1).max(128))
const cursor = lazySchema(() => pageCursor().min(1).optional())

export const menuInput = lazySchema(() => z.object({}))

export const createInviteInput = lazySchema(() =>
  z
    .object({
      role: z.enum(invitableRoles),
      name: text().min(1, '请填写姓名').max(20),
      gridId: id.optional(),
      days: z.number().int().min(1).max(30).optional()
    })
    .refine(v => v.role !== 'grid_worker' || !!v.gridId, { message: '网格员须选择所负责的网格', path: ['gridId'] })
)
export type CreateInviteInput = z.infer<typeof createInviteInput>

export const listInvitesInput = lazySchema(() =>
  z.object({
    cursor,
    /** A street admin who is also a community's admin: the street's invites instead of the community's. */
    street: z.boolean().optional()
  })
)
export type ListInvitesInput = z.infer<typeof listInvitesInput>

export const redeemInviteInput = lazySchema(() =>
  z.object({
    code: z
      .string()
      .trim()
      .min(4, '请输入邀请码')
      .max(20)
      .regex(/^[A-Za-z0-9\s-]+$/, '邀请码只含字母和数字')
  })
)
export type RedeemInviteInput = z.infer<typeof redeemInviteInput>

export const listUsersInput = lazySchema(() =>
  z.object({
    role: z.enum(roles).optional(),
    cursor
  })
)
export type ListUsersInput = z.infer<typeof listUsersInput>

export const changeRoleInput = lazySchema(() =>
  z.object({
    userId: id,
    // A community's admin grants the roles of their community; the street's roles (街道管理员, 街道社工) hold in
    // every community and are not theirs to give (issue 20).
    role: z
      .enum(roles)
      .refine(r => !(streetRoles as readonly string[]).includes(r), '街道身份只能由街道设置，社区管理员不能授予'),
    /** Required to grant grid_worker: the grid they look after. */
    gridId: id.optional(),
    reason: text().min(2, '请写明原因').max(100)
  })
)
export type ChangeRoleInput = z.infer<typeof changeRoleInput>
export const grantRoleInput = lazySchema(() =>
  changeRoleInput.refine(v => v.role !== 'grid_worker' || !!v.gridId, {
    message: '网格员须选择所负责的网格',
    path: ['gridId']
  })
)

const day = lazySchema(() => calendarDate())

export const searchAuditInput = lazySchema(() =>
  z
    .object({
      actor: id.optional(),
      /** The actor's name as staff know it (王秀兰), instead of an account id. */
      actorName: text().min(1, '请填写操作人姓名').max(30, '姓名最多30个字').optional(),
      /** An action category (audit-words.rule.ts), instead of an action code. */
      category: z.enum(auditCategoryKeys as [AuditCategory, ...AuditCategory[]]).optional(),
      action: text().min(1).max(64).optional(),
      target: text().min(1).max(200).optional(),
      onBehalfOf: id.optional(),
      /** Shanghai calendar days, inclusive. */
      from: day.optional(),
      to: day.optional(),
      cursor
    })
    .refine(v => !v.from || !v.to || v.from <= v.to, { message: '开始日期不能晚于结束日期', path: ['to'] })
)
export type SearchAuditInput = z.infer<typeof searchAuditInput>

export const myDataInput = lazySchema(() => z.object({}))
export const requestErasureInput = lazySchema(() =>
  z.object({
    confirm: z.literal(true, '请确认删除申请')
  })
)
export const listErasuresInput = lazySchema(() => z.object({ cursor }))
export type ListErasuresInput = z.infer<typeof listErasuresInput>
export const confirmErasureInput = lazySchema(() => z.object({ userId: id }))
export type ConfirmErasureInput = z.infer<typeof confirmErasureInput>

export const startExportInput = lazySchema(() =>
  z.object({
    kind: z
      .string()
      .trim()
      .min(1)
      .max(40)
      .regex(/^[a-z-]+$/),
    gridId: id.optional(),
    /** Street roles: every community's rows in one ledger, with a 社区 column. */
    street: z.boolean().optional()
  })
)
export type StartExportInput = z.infer<typeof startExportInput>
export const exportStepInput = lazySchema(() => z.object({ jobId: id }))
export type ExportStepInput = z.infer<typeof exportStepInput>
export const exportPartInput = lazySchema(() => z.object({ jobId: id, part: z.number().int().min(0).max(1000) }))
export type ExportPartInput = z.infer<typeof exportPartInput>
export const listExportKindsInput = lazySchema(() => z.object({}))

export const dashboardInput = lazySchema(() =>
  z.object({
    period: z.enum(['week', 'month']),
    /** Any Shanghai day inside the period; default today. */
    day: day.optional(),
    gridId: id.optional()
  })
)
export type DashboardInput = z.infer<typeof dashboardInput>

export const streetDashboardInput = lazySchema(() =>
  z.object({
    period: z.enum(['week', 'month']),
    /** Any Shanghai day inside the period; default today. */
    day: day.optional()
  })
)
export type StreetDashboardInput = z.infer<typeof streetDashboardInput>

export const SURVEY_ASPECTS = 8
export const publishSurveyInput = lazySchema(() =>
  z
    .object({
      title: text().min(2).max(40),
      aspects: z.array(text().min(2).max(20)).length(SURVEY_ASPECTS, `请填写 ${SURVEY_ASPECTS} 个评价方面`),
      opensOn: day,
      closesOn: day
    })
    .refine(v => v.opensOn <= v.closesOn, { message: '结束日期不能早于开始日期', path: ['closesOn'] })
)
export type PublishSurveyInput = z.infer<typeof publishSurveyInput>
export const currentSurveyInput = lazySchema(() => z.object({}))
export const answerSurveyInput = lazySchema(() =>
  z.object({
    surveyId: id,
    scores: z.array(z.number().int().min(1).max(5)).length(SURVEY_ASPECTS, '请为每一项打分'),
    comment: text().max(200).default('')
  })
)
export type AnswerSurveyInput = z.infer<typeof answerSurveyInput>
export const surveyResultsInput = lazySchema(() => z.object({ surveyId: id.optional() }))
export type SurveyResultsInput = z.infer<typeof surveyResultsInput>
