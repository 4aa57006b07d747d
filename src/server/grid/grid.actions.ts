/** The `grid` function's actions: the contract's actions, who may call each and the use case that answers. */
import { policies } from '../../core/community/roles'
import { gridContract } from '../../core/grid/grid.contract'
import type { GridDeps } from '../../core/grid/grid.ports'
import type { PhotoStore } from '../../core/shared/photo-store.ports'
import { auditWriter } from '../audit'
import { serverInfra, type Infra } from '../infra'
import { notifier } from '../notifications/notifier'
import { implement } from '../router'
import * as patrol from '../../core/grid/patrol.usecase'
import * as visit from '../../core/grid/visit.usecase'
import { gridRoster, patrolStore } from './patrol.repository'
import { householdDirectory, visitStore } from './visit.repository'

// Skeleton: each slice's helper replaces its placeholders with the use cases.
const notYet = async (): Promise<never> => {
  throw new Error('grid: not built yet')
}

export const gridActions = implement<GridDeps, typeof gridContract>(gridContract, {
  // ---- reports (随手拍/报事) ------------------------------------------------------------------------------------
  reportOptions: { roles: 'registered', run: notYet },
  nearbyReports: { roles: 'registered', run: notYet },
  submitReport: { roles: 'registered', run: notYet },
  followReport: { roles: 'registered', run: notYet },
  myReports: { roles: 'registered', run: notYet },
  communityReports: { roles: 'registered', run: notYet },
  getReport: { roles: 'registered', run: notYet },
  reportQueue: { roles: policies.workbench, run: notYet },
  acceptReport: { roles: policies.workbench, run: notYet },
  passReport: { roles: policies.workbench, run: notYet },
  noteReport: { roles: policies.workbench, run: notYet },
  resolveReport: { roles: policies.workbench, run: notYet },
  mergeReport: { roles: policies.workbench, run: notYet },
  confirmReport: { roles: 'registered', run: notYet },
  rateReport: { roles: 'registered', run: notYet },
  withdrawReport: { roles: 'registered', run: notYet },

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
  setHouseholdTags: { roles: policies.staff, run: visit.setHouseholdTags }

  // ---- inspections (巡检) and figures -------------------------------------------------------------------------------
})

/** Until the storage helper's serverInfra().photos lands: no photo is accepted. */
const noPhotos: PhotoStore = {
  check: async () => ({ code: 'PHOTO_INVALID', message: '暂时不能上传照片' }),
  urls: async ids => ids.map(() => null),
  remove: async () => {}
}

export function gridDeps({ db, clock, newId, contentCheck }: Infra = serverInfra()): GridDeps {
  return {
    // ---- reports
    photos: noPhotos,
    // ---- patrols
    patrols: patrolStore(db),
    roster: gridRoster(db),
    // ---- visits
    visits: visitStore(db),
    households: householdDirectory(db),
    // ---- inspections and figures
    notify: notifier(db, clock),
    contentCheck,
    audit: auditWriter(db, clock),
    clock,
    newId
  }
}
