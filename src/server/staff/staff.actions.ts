/**
 * The `staff` function's actions: schema, use case and who may call each. Roles come from
 * src/core/staff/staff-access.ts, the same table the workbench menu is drawn from.
 */
import type { Caller } from '../../core/community/caller'
import type { Result } from '../../core/shared/wire'
import { ok } from '../../core/shared/wire'
import type { AuditPort } from '../../core/shared/audit'
import type { Clock } from '../../core/shared/clock'
import { serverClock } from '../clock'
import { createInvite, listInvites, redeemInvite } from '../../core/staff/invite.usecase'
import { grantRole, listUsers, revokeRole } from '../../core/staff/roles.usecase'
import { staffAccess, menuFor } from '../../core/staff/staff-access'
import type { MenuItem } from '../../core/staff/staff-access'
import type { StaffDeps } from '../../core/staff/staff.ports'
import {
  answerSurveyInput, changeRoleInput, confirmErasureInput, createInviteInput, currentSurveyInput, dashboardInput,
  exportPartInput, exportStepInput, grantRoleInput, listErasuresInput, listExportKindsInput, listInvitesInput, listUsersInput, menuInput,
  myDataInput, publishSurveyInput, redeemInviteInput, requestErasureInput, searchAuditInput, startExportInput, surveyResultsInput
} from '../../core/staff/staff.schemas'
import { answerSurvey, currentSurvey, publishSurvey, surveyResults } from '../../core/staff/survey.usecase'
import { auditWriter } from '../audit'
import type { Db } from '../db/client'
import { getDb } from '../db/client'
import { notifier } from '../notifications/notifier'
import type { ActionTable } from '../router'
import { action } from '../router'
import { searchAudit } from './audit-search.service'
import { dashboard } from './dashboard.service'
import { exportKinds, exportPart, exportStep, startExport } from './export.service'
import { confirmErasure, exportMyData, listErasures, readMyData, requestErasure } from './my-data.service'
import { adminSeats, inviteStore, staffGrids, staffUsers, surveyStore } from './staff.repository'

export interface StaffServerDeps extends StaffDeps {
  db: Db
  clock: Clock
  audit: AuditPort
}

async function menu (_deps: unknown, _input: unknown, caller: Caller): Promise<Result<{ items: MenuItem[], name: string | null }, never>> {
  return ok({ items: menuFor(caller.roles, caller.registered), name: caller.name })
}

export const staffActions: ActionTable<StaffServerDeps> = {
  menu: action({ schema: menuInput, run: menu, roles: 'anyone' }),

  /** Grid names for pickers (invites, dashboard, results). */
  grids: action({
    schema: menuInput,
    run: async d => ok((await d.grids.list()).map(g => ({ gridId: g._id, name: g.name }))),
    roles: staffAccess.dashboard
  }),

  // Roles (人员与权限)
  createInvite: action({ schema: createInviteInput, run: createInvite, roles: staffAccess.roles, idempotent: true }),
  listInvites: action({ schema: listInvitesInput, run: listInvites, roles: staffAccess.roles }),
  // Anyone with an OPENID: the person joining has no account yet.
  redeemInvite: action({ schema: redeemInviteInput, run: redeemInvite, roles: 'anyone', idempotent: true }),
  listUsers: action({ schema: listUsersInput, run: listUsers, roles: staffAccess.roles }),
  grantRole: action({ schema: grantRoleInput, run: grantRole, roles: staffAccess.roles }),
  revokeRole: action({ schema: changeRoleInput, run: revokeRole, roles: staffAccess.roles }),

  // Audit log (审计日志)
  searchAudit: action({ schema: searchAuditInput, run: async (d, input) => await searchAudit(d.db, input), roles: staffAccess.audit }),

  // My data (我的数据)
  myData: action({ schema: myDataInput, run: async (d, _i, caller) => ok(await readMyData(d, caller)), roles: 'registered' }),
  exportMyData: action({ schema: myDataInput, run: async (d, _i, caller) => await exportMyData(d, caller), roles: 'registered' }),
  requestErasure: action({ schema: requestErasureInput, run: async (d, _i, caller) => await requestErasure(d, caller), roles: 'registered', idempotent: true }),
  listErasures: action({ schema: listErasuresInput, run: async (d, input) => await listErasures(d, input.cursor), roles: staffAccess.erasures }),
  confirmErasure: action({ schema: confirmErasureInput, run: async (d, input, caller) => await confirmErasure(d, input.userId, caller), roles: staffAccess.erasures }),

  // Ledger exports (台账导出)
  exportKinds: action({ schema: listExportKindsInput, run: async (d, _i, caller) => await exportKinds(d, caller), roles: staffAccess.exports }),
  startExport: action({ schema: startExportInput, run: async (d, input, caller) => await startExport(d, input, caller), roles: staffAccess.exports, idempotent: true }),
  exportStep: action({ schema: exportStepInput, run: async (d, input, caller) => await exportStep(d, input.jobId, caller), roles: staffAccess.exports }),
  exportPart: action({ schema: exportPartInput, run: async (d, input, caller) => await exportPart(d, input.jobId, input.part, caller), roles: staffAccess.exports }),

  // Dashboard (数据看板)
  dashboard: action({ schema: dashboardInput, run: async (d, input, caller) => await dashboard(d, input, caller), roles: staffAccess.dashboard }),

  // Satisfaction survey (满意度调查)
  publishSurvey: action({ schema: publishSurveyInput, run: publishSurvey, roles: staffAccess.surveys, idempotent: true }),
  currentSurvey: action({ schema: currentSurveyInput, run: currentSurvey, roles: 'registered' }),
  answerSurvey: action({ schema: answerSurveyInput, run: answerSurvey, roles: 'registered', idempotent: true }),
  surveyResults: action({ schema: surveyResultsInput, run: surveyResults, roles: staffAccess.surveyResults })
}

export function staffDeps (): StaffServerDeps {
  // Loaded with the deps (first call), not with the file: keeps the cold start lean.
  const { randomBytes, randomUUID } = require('node:crypto') as typeof import('node:crypto')
  const db = getDb()
  const clock = serverClock
  return {
    db,
    clock,
    audit: auditWriter(db, clock),
    notify: notifier(db, clock),
    users: staffUsers(db),
    adminSeats: adminSeats(db),
    invites: inviteStore(db),
    grids: staffGrids(db),
    surveys: surveyStore(db),
    randomInts: (count) => {
      const bytes = randomBytes(count * 4)
      return Array.from({ length: count }, (_, i) => bytes.readUInt32BE(i * 4))
    },
    newId: () => randomUUID().replace(/-/g, '')
  }
}
