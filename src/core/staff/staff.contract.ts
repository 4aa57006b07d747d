/**
 * The `staff` function's contract: every action's input, reply and business codes (issue 19).
 * The router (src/server/staff/staff.actions.ts) and the app (src/features/staff) both use it.
 */
import * as z from 'zod'
import { defineContract } from '../shared/contract'
import { pageSchema } from '../shared/page'
import {
  answerSurveyInput,
  changeRoleInput,
  confirmErasureInput,
  createInviteInput,
  currentSurveyInput,
  dashboardInput,
  exportPartInput,
  exportStepInput,
  grantRoleInput,
  listErasuresInput,
  listExportKindsInput,
  listInvitesInput,
  listUsersInput,
  menuInput,
  myDataInput,
  publishSurveyInput,
  redeemInviteInput,
  requestErasureInput,
  searchAuditInput,
  startExportInput,
  streetDashboardInput,
  surveyResultsInput
} from './staff.schemas'
import {
  auditView,
  currentSurveyView,
  dashboardView,
  erasureOutcomeView,
  erasureStatus,
  erasureView,
  exportJobView,
  exportKindView,
  exportPartView,
  gridOptionView,
  inviteView,
  joinedView,
  menuView,
  myDataFileView,
  myDataView,
  roleChangeView,
  streetCommunityView,
  streetDashboardView,
  surveyResultsView,
  surveyView,
  todoView,
  userView
} from './staff.views'

export const staffContract = defineContract('staff', {
  menu: () => ({ input: menuInput, reply: menuView, codes: [] }),
  /** Grid names for pickers (invites, dashboard, results). */
  grids: () => ({ input: menuInput, reply: z.array(gridOptionView), codes: [] }),

  // Roles (人员与权限)
  createInvite: () => ({
    input: createInviteInput,
    reply: inviteView,
    codes: ['NOT_FOUND', 'CONFLICT', 'FORBIDDEN'],
    idempotent: true
  }),
  listInvites: () => ({ input: listInvitesInput, reply: pageSchema(inviteView), codes: [] }),
  redeemInvite: () => ({
    input: redeemInviteInput,
    reply: joinedView,
    codes: ['INVITE_NOT_FOUND', 'INVITE_USED', 'INVITE_EXPIRED'],
    idempotent: true
  }),
  listUsers: () => ({ input: listUsersInput, reply: pageSchema(userView), codes: [] }),
  grantRole: () => ({ input: grantRoleInput, reply: roleChangeView, codes: ['NOT_FOUND', 'FORBIDDEN'] }),
  revokeRole: () => ({
    input: changeRoleInput,
    reply: roleChangeView,
    codes: ['NOT_FOUND', 'LAST_ADMIN', 'FORBIDDEN']
  }),

  // Audit log (审计日志)
  searchAudit: () => ({ input: searchAuditInput, reply: pageSchema(auditView), codes: [] }),

  // My data (我的数据)
  myData: () => ({ input: myDataInput, reply: myDataView, codes: [] }),
  exportMyData: () => ({ input: myDataInput, reply: myDataFileView, codes: [] }),
  requestErasure: () => ({
    input: requestErasureInput,
    reply: z.object({ status: erasureStatus }),
    codes: ['HOLDINGS_ACTIVE'],
    idempotent: true
  }),
  listErasures: () => ({ input: listErasuresInput, reply: pageSchema(erasureView), codes: [] }),
  confirmErasure: () => ({
    input: confirmErasureInput,
    reply: z.object({ outcome: erasureOutcomeView }),
    codes: ['NOT_FOUND', 'CONFLICT', 'HOLDINGS_ACTIVE']
  }),

  // Ledger exports (台账导出)
  exportKinds: () => ({ input: listExportKindsInput, reply: z.array(exportKindView), codes: [] }),
  startExport: () => ({
    input: startExportInput,
    reply: exportJobView,
    codes: ['NOT_FOUND', 'FORBIDDEN'],
    idempotent: true
  }),
  exportStep: () => ({ input: exportStepInput, reply: exportJobView, codes: ['NOT_FOUND'] }),
  exportPart: () => ({ input: exportPartInput, reply: exportPartView, codes: ['NOT_FOUND', 'CONFLICT'] }),

  // 待办 on the workbench
  todo: () => ({ input: menuInput, reply: todoView, codes: [] }),

  // Dashboard (数据看板)
  dashboard: () => ({ input: dashboardInput, reply: dashboardView, codes: ['FORBIDDEN'] }),
  /** The street's communities, in its order, for the street workbench's pickers (street roles). */
  streetCommunities: () => ({ input: menuInput, reply: z.array(streetCommunityView), codes: [] }),
  /** The street's workbench (街道工作台): every community's dashboard and the street's totals (street roles). */
  streetDashboard: () => ({ input: streetDashboardInput, reply: streetDashboardView, codes: [] }),

  // Satisfaction survey (满意度调查)
  publishSurvey: () => ({ input: publishSurveyInput, reply: surveyView, codes: [], idempotent: true }),
  currentSurvey: () => ({ input: currentSurveyInput, reply: currentSurveyView, codes: [] }),
  answerSurvey: () => ({
    input: answerSurveyInput,
    reply: z.object({ answered: z.literal(true) }),
    codes: ['NOT_FOUND', 'SURVEY_CLOSED', 'ALREADY_ANSWERED'],
    idempotent: true
  }),
  surveyResults: () => ({ input: surveyResultsInput, reply: surveyResultsView, codes: ['FORBIDDEN', 'NOT_FOUND'] })
})
