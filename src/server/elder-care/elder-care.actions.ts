/** The `elder-care` function's actions: the contract's use cases and who may call each. */
import type { ElderCareDeps } from '../../core/elder-care/elder-care.ports'
import { elderCareContract } from '../../core/elder-care/elder-care.contract'
import * as care from '../../core/elder-care/care-request.usecase'
import * as profile from '../../core/elder-care/elder-profile.usecase'
import * as sos from '../../core/elder-care/sos.usecase'
import * as patrol from '../../core/elder-care/patrol.usecase'
import * as meals from '../../core/elder-care/meals.usecase'
import { policies, type Role } from '../../core/community/roles'
import { mealRoundReaders } from '../../core/elder-care/elder-care.model'
import { auditWriter } from '../audit'
import { notifier } from '../notifications/notifier'
import { implement } from '../router'
import { serverInfra, type Infra } from '../infra'
import {
  careRequestStore,
  elderStore,
  mealStore,
  patrolStore,
  peopleDirectory,
  sosStore
} from './elder-care.repository'
import { streetSosStore } from './street-sos.repository'
import { streetSos } from '../../core/elder-care/street-sos.usecase'

/** The elder herself or the office: register her profile, grant or end a family proxy (家属代办). */
const elderOrStaff: readonly Role[] = ['elder', ...policies.staff]
/** Who records a 关爱巡访 visit: those who call on elders (the use case checks a grid worker's grid). */
const visitors = mealRoundReaders

// 'registered' where the use case decides by relation to the elder or the request (the elder,
// a consented proxy, the assigned helper, staff): roles alone can't say who that is.
export const elderCareActions = implement<ElderCareDeps, typeof elderCareContract>(elderCareContract, {
  myElders: { run: profile.myElders, roles: 'registered' },
  getElder: { run: profile.getElder, roles: 'registered' },
  listElders: { run: profile.listElders, roles: policies.workbench },
  updateElder: { run: profile.updateElder, roles: policies.staff },
  createElder: { run: profile.createElderProfile, roles: elderOrStaff },
  unlinkProxy: { run: profile.unlinkProxy, roles: elderOrStaff },
  linkProxy: { run: profile.linkProxy, roles: elderOrStaff },
  serviceTypes: { run: profile.serviceTypes, roles: 'registered' },
  saveServiceType: { run: profile.saveServiceType, roles: policies.staff },
  helpers: { run: profile.helpers, roles: policies.workbench },

  submitCareRequest: { run: care.submitCareRequest, roles: 'registered' },
  getCareRequest: { run: care.getCareRequest, roles: 'registered' },
  myCareRequests: { run: care.myCareRequests, roles: 'registered' },
  // Grid workers: their grid's queue; the use case checks the grid of each request they move.
  careQueue: { run: care.careQueue, roles: policies.workbench },
  triage: { run: care.triage, roles: policies.workbench },
  assign: { run: care.assign, roles: policies.workbench },
  accept: { run: care.accept, roles: 'registered' },
  decline: { run: care.decline, roles: 'registered' },
  checkIn: { run: care.checkIn, roles: 'registered' },
  checkOut: { run: care.checkOut, roles: 'registered' },
  rate: { run: care.rate, roles: 'registered' },
  followUp: { run: care.followUp, roles: 'registered' },
  cancelCareRequest: { run: care.cancel, roles: 'registered' },
  myVisits: { run: care.myVisits, roles: 'registered' },
  careKpis: { run: care.careKpiReport, roles: policies.staff },

  sosPress: { run: sos.pressSos, roles: 'registered' },
  sosCancel: { run: sos.cancelSos, roles: 'registered' },
  sosAck: { run: sos.ackSos, roles: policies.workbench },
  sosResolve: { run: sos.resolveSos, roles: policies.workbench },
  openSos: { run: sos.openSos, roles: policies.workbench },
  sosSummary: { run: sos.sosSummary, roles: policies.workbench },
  // The street office's view across communities: read-only, names masked, no contacts (street-sos.usecase.ts).
  streetSos: { run: streetSos, roles: policies.street },
  mySos: { run: sos.mySos, roles: 'registered' },
  // Who may read it (the elder, the family, staff) is decided per call in the use case.
  sosCall: { run: sos.sosCall, roles: 'registered' },

  setPatrolPlan: { run: patrol.setPatrolPlan, roles: policies.staff },
  recordPatrol: { run: patrol.recordPatrol, roles: visitors },
  patrolList: { run: patrol.patrolList, roles: policies.workbench },

  saveMenu: { run: meals.saveMenu, roles: policies.staff },
  myMeals: { run: meals.myMeals, roles: 'registered' },
  orderMeal: { run: meals.orderMeal, roles: 'registered' },
  cancelMeal: { run: meals.cancelMeal, roles: 'registered' },
  standingOrder: { run: meals.setStandingOrder, roles: 'registered' },
  dayMeals: { run: meals.dayMeals, roles: mealRoundReaders }
})

export function elderCareDeps({ db, clock, newId, contentCheck }: Infra = serverInfra()): ElderCareDeps {
  return {
    streetSos: streetSosStore(db, clock),
    people: peopleDirectory(db),
    elders: elderStore(db),
    requests: careRequestStore(db),
    sos: sosStore(db),
    patrols: patrolStore(db),
    meals: mealStore(db),
    notify: notifier(db, clock),
    contentCheck,
    audit: auditWriter(db, clock),
    clock,
    newId
  }
}
