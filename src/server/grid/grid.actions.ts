/** The `grid` function's actions: the contract's actions, who may call each and the use case that answers. */
import { policies } from '../../core/community/roles'
import { gridContract } from '../../core/grid/grid.contract'
import type { GridDeps } from '../../core/grid/grid.ports'
import type { PhotoStore } from '../../core/shared/photo-store.ports'
import { auditWriter } from '../audit'
import { serverInfra, type Infra } from '../infra'
import { notifier } from '../notifications/notifier'
import { implement } from '../router'
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
import { checklistStore, gridPlaces, inspectionReports, inspectionStore } from './inspection.repository'

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

  // ---- household visits (走访) --------------------------------------------------------------------------------------

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
    // ---- visits
    // ---- inspections and figures
    checklists: checklistStore(db),
    inspections: inspectionStore(db),
    places: gridPlaces(db),
    inspectionReports: inspectionReports(db),
    figures: figuresSource(db),
    notify: notifier(db, clock),
    contentCheck,
    audit: auditWriter(db, clock),
    clock,
    newId
  }
}
