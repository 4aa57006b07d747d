/** The `grid` function's actions: the contract's actions, who may call each and the use case that answers. */
import { policies } from '../../core/community/roles'
import { gridContract } from '../../core/grid/grid.contract'
import type { GridDeps } from '../../core/grid/grid.ports'
import * as reports from '../../core/grid/report.usecase'
import { auditWriter } from '../audit'
import { serverInfra, type Infra } from '../infra'
import { notifier } from '../notifications/notifier'
import { implement } from '../router'
import * as patrol from '../../core/grid/patrol.usecase'
import * as visit from '../../core/grid/visit.usecase'
import { gridRoster, patrolStore } from './patrol.repository'
import { householdDirectory, visitStore } from './visit.repository'
import {
  checklistOptions,
  defineChecklist,
  dueInspections,
  inspectionForm,
  listChecklists,
  listInspections,
  recordInspection,
  retireChecklist
} from '../../core/grid/inspection.usecase'
import { gridFigures, open311Requests } from '../../core/grid/figures.usecase'
import { figuresSource } from './figures.repository'
import { checklistStore, gridPlaces, inspectionStore } from './inspection.repository'

import { gridDirectory, reportStore } from './report.repository'

export const gridActions = implement<GridDeps, typeof gridContract>(gridContract, {
  // ---- reports (随手拍/报事) ------------------------------------------------------------------------------------
  reportOptions: { roles: 'registered', run: reports.reportOptions },
  nearbyReports: { roles: 'registered', run: reports.nearbyReports },
  submitReport: { roles: 'registered', run: reports.submitReport },
  followReport: { roles: 'registered', run: reports.followReport },
  myReports: { roles: 'registered', run: reports.myReports },
  communityReports: { roles: 'registered', run: reports.communityReports },
  getReport: { roles: 'registered', run: reports.getReport },
  reportQueue: { roles: policies.workbench, run: reports.reportQueue },
  acceptReport: { roles: policies.workbench, run: reports.acceptReport },
  passReport: { roles: policies.workbench, run: reports.passReport },
  noteReport: { roles: policies.workbench, run: reports.noteReport },
  resolveReport: { roles: policies.workbench, run: reports.resolveReport },
  mergeReport: { roles: policies.workbench, run: reports.mergeReport },
  confirmReport: { roles: 'registered', run: reports.confirmReport },
  rateReport: { roles: 'registered', run: reports.rateReport },
  withdrawReport: { roles: 'registered', run: reports.withdrawReport },

  // ---- patrols (巡查) -----------------------------------------------------------------------------------------------
  startPatrol: { roles: policies.gridWorkers, run: patrol.startPatrol },
  finishPatrol: { roles: policies.gridWorkers, run: patrol.finishPatrol },
  patrolStatus: { roles: policies.gridWorkers, run: patrol.patrolStatus },
  myPatrols: { roles: policies.gridWorkers, run: patrol.myPatrols },
  patrolBoard: { roles: policies.staffOrStreet, run: patrol.patrolBoard },

  // ---- household visits (走访) --------------------------------------------------------------------------------------
  // Grid workers: their grid's households (the use case checks each household's grid); staff: every grid.
  householdCare: { roles: policies.workbench, run: visit.householdCare },
  householdVisits: { roles: policies.workbench, run: visit.householdVisits },
  logVisit: { roles: policies.workbench, run: visit.logVisit },
  gridHouseholds: { roles: policies.workbench, run: visit.gridHouseholds },
  priorityHouseholds: { roles: policies.workbench, run: visit.priorityHouseholds },
  visitFollowUps: { roles: policies.workbench, run: visit.visitFollowUps },
  setFollowUp: { roles: policies.workbench, run: visit.setFollowUp },
  // Priority tags (重点户) are staff's to set; residents never read them (no resident action does).
  setHouseholdTags: { roles: policies.staff, run: visit.setHouseholdTags },

  // ---- inspections (巡检) and figures -------------------------------------------------------------------------------
  checklistOptions: { roles: policies.staff, run: checklistOptions },
  defineChecklist: { roles: policies.staff, run: defineChecklist },
  retireChecklist: { roles: policies.staff, run: retireChecklist },
  checklists: { roles: policies.workbench, run: listChecklists },
  dueInspections: { roles: policies.workbench, run: dueInspections },
  inspectionForm: { roles: policies.workbench, run: inspectionForm },
  recordInspection: { roles: policies.workbench, run: recordInspection },
  inspections: { roles: policies.workbench, run: listInspections },
  // As the other dashboards: the community's staff, and the street's roles reading it (read-only, issue 20).
  gridFigures: { roles: policies.staffOrStreet, run: gridFigures },
  open311Requests: { roles: policies.staffOrStreet, run: open311Requests }
})

export function gridDeps({ db, clock, newId, contentCheck, photos }: Infra = serverInfra()): GridDeps {
  return {
    // ---- reports
    photos,
    reports: reportStore(db),
    directory: gridDirectory(db),
    // ---- patrols
    patrols: patrolStore(db),
    roster: gridRoster(db),
    // ---- visits
    visits: visitStore(db),
    households: householdDirectory(db),
    // ---- inspections and figures
    checklists: checklistStore(db),
    inspections: inspectionStore(db),
    places: gridPlaces(db),
    figures: figuresSource(db),
    notify: notifier(db, clock),
    contentCheck,
    audit: auditWriter(db, clock),
    clock,
    newId
  }
}
