/**
 * The `staff` function's actions: the use case and who may call each, for every action of its
 * contract (core/staff/staff.contract.ts). Roles come from src/core/staff/staff-access.rule.ts (built
 * from the named policies), the same table the workbench menu is drawn from.
 */
import { randomBytes } from 'node:crypto'
import type { Caller } from '../../core/community/caller'
import type { Result } from '../../core/shared/wire'
import { ok } from '../../core/shared/wire'
import type { PhotoStore } from '../../core/shared/photo-store.ports'
import type { AuditPort } from '../../core/shared/audit'
import type { Clock } from '../../core/shared/clock'
import { createInvite, listInvites, redeemInvite } from '../../core/staff/invite.usecase'
import { grantRole, listUsers, revokeRole } from '../../core/staff/roles.usecase'
import { staffAccess, menuFor } from '../../core/staff/staff-access.rule'
import type { StaffDeps } from '../../core/staff/staff.ports'
import { staffContract } from '../../core/staff/staff.contract'
import type { MenuView } from '../../core/staff/staff.views'
import { answerSurvey, currentSurvey, publishSurvey, surveyResults } from '../../core/staff/survey.usecase'
import { searchAudit } from '../../core/staff/audit.usecase'
import { dashboard, streetDashboard } from '../../core/staff/dashboard.usecase'
import { todo } from '../../core/staff/todo.usecase'
import type {
  AuditLog,
  DashboardSources,
  PeopleNames,
  StreetDashboardSources,
  WorkQueues
} from '../../core/staff/staff.ports'
import { auditWriter } from '../audit'
import type { Db } from '../db/client'
import { scopeDb, unscoped } from '../db/community-scope'
import { streetCommunities } from '../community/street.repository'
import { notifier } from '../notifications/notifier'
import { implement } from '../router'
import { serverInfra, type Infra } from '../infra'
import { exportKinds, exportPart, exportStep, startExport } from './export.service'
import { confirmErasure, exportMyData, listErasures, readMyData, requestErasure } from './my-data.service'
import {
  adminSeats,
  auditLog,
  dashboardSources,
  inviteStore,
  peopleNames,
  staffGrids,
  staffUsers,
  streetDashboardSources,
  surveyStore,
  workQueues
} from './staff.repository'

export interface StaffServerDeps extends StaffDeps {
  db: Db
  clock: Clock
  audit: AuditPort
  /** Residents' photos, deleted with their reports on erasure (personal-data.registry.ts `files`). */
  photos: PhotoStore
  queues: WorkQueues
  dashboardSources: DashboardSources
  streetDashboardSources: StreetDashboardSources
  auditLog: AuditLog
  names: PeopleNames
}

async function menu(_deps: unknown, _input: unknown, caller: Caller): Promise<Result<MenuView, never>> {
  return ok({ items: menuFor(caller.roles, caller.registered), name: caller.name })
}

export const staffActions = implement<StaffServerDeps, typeof staffContract>(staffContract, {
  menu: { run: menu, roles: 'anyone' },
  grids: {
    run: async d => ok((await d.grids.list()).map(g => ({ gridId: g._id, name: g.name }))),
    roles: staffAccess.dashboard
  },

  // Roles (人员与权限)
  createInvite: { run: createInvite, roles: staffAccess.roles },
  listInvites: { run: listInvites, roles: staffAccess.roles },
  // Anyone with an OPENID: the person joining has no account yet.
  redeemInvite: { run: redeemInvite, roles: 'anyone' },
  listUsers: { run: listUsers, roles: staffAccess.roles },
  grantRole: { run: grantRole, roles: staffAccess.roles },
  revokeRole: { run: revokeRole, roles: staffAccess.roles },

  // Audit log (审计日志)
  searchAudit: { run: searchAudit, roles: staffAccess.audit },

  // My data (我的数据): any registered person, about themselves.
  myData: { run: async (d, _i, caller) => ok(await readMyData(d, caller)), roles: 'registered' },
  exportMyData: { run: async (d, _i, caller) => await exportMyData(d, caller), roles: 'registered' },
  requestErasure: { run: async (d, _i, caller) => await requestErasure(d, caller), roles: 'registered' },
  listErasures: { run: async (d, input) => await listErasures(d, input.cursor), roles: staffAccess.erasures },
  confirmErasure: {
    run: async (d, input, caller) => await confirmErasure(d, input.userId, caller),
    roles: staffAccess.erasures
  },

  // Ledger exports (台账导出)
  exportKinds: { run: async (d, _i, caller) => await exportKinds(d, caller), roles: staffAccess.exports },
  startExport: { run: async (d, input, caller) => await startExport(d, input, caller), roles: staffAccess.exports },
  exportStep: { run: async (d, input, caller) => await exportStep(d, input.jobId, caller), roles: staffAccess.exports },
  exportPart: {
    run: async (d, input, caller) => await exportPart(d, input.jobId, input.part, caller),
    roles: staffAccess.exports
  },

  // 待办 on the workbench
  todo: { run: todo, roles: staffAccess.todo },

  // Dashboard (数据看板)
  dashboard: { run: dashboard, roles: staffAccess.dashboard },
  streetDashboard: { run: streetDashboard, roles: staffAccess.street },
  streetCommunities: {
    // Across communities on purpose: the street's own list (street-wide `communities`).
    run: async d => ok(await streetCommunities(unscoped(d.db))),
    roles: staffAccess.street
  },

  // Satisfaction survey (满意度调查)
  publishSurvey: { run: publishSurvey, roles: staffAccess.surveys },
  currentSurvey: { run: currentSurvey, roles: 'registered' },
  answerSurvey: { run: answerSurvey, roles: 'registered' },
  surveyResults: { run: surveyResults, roles: staffAccess.surveyResults }
})

export function staffDeps(infra: Infra = serverInfra()): StaffServerDeps {
  const { db, clock, newId } = infra
  const others = new Map<string, StaffServerDeps>()
  return {
    // Writable, whatever the call's own view: only an invite's community, or the street office's own records, is
    // asked for (StaffDeps.inCommunity).
    inCommunity: communityId => {
      let deps = others.get(communityId)
      if (!deps) {
        deps = staffDeps({ ...infra, db: scopeDb(unscoped(db), { communityId }) })
        others.set(communityId, deps)
      }
      return deps
    },
    db,
    clock,
    audit: auditWriter(db, clock),
    photos: infra.photos,
    notify: notifier(db, clock),
    users: staffUsers(db),
    adminSeats: adminSeats(db),
    invites: inviteStore(db),
    grids: staffGrids(db),
    surveys: surveyStore(db),
    queues: workQueues(db),
    dashboardSources: dashboardSources(db),
    streetDashboardSources: streetDashboardSources(db),
    auditLog: auditLog(db),
    names: peopleNames(db),
    randomInts: count => {
      const bytes = randomBytes(count * 4)
      return Array.from({ length: count }, (_, i) => bytes.readUInt32BE(i * 4))
    },
    newId: () => newId()
  }
}
