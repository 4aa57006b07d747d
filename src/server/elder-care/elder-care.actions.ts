/** The `elder-care` function's actions: schema, use case and who may call each. */
import { randomBytes } from 'node:crypto'
import { serverClock } from '../clock'
import type { ElderCareDeps } from '../../core/elder-care/elder-care.ports'
import * as s from '../../core/elder-care/elder-care.schemas'
import * as care from '../../core/elder-care/care-request.usecases'
import * as profile from '../../core/elder-care/elder-profile.usecases'
import * as sos from '../../core/elder-care/sos.usecases'
import * as patrol from '../../core/elder-care/patrol.usecases'
import * as meals from '../../core/elder-care/meals.usecases'
import type { Role } from '../../core/community/roles'
import { mealRoundReaders } from '../../core/elder-care/elder-care.model'
import { auditWriter } from '../audit'
import { getDb } from '../db/client'
import { notifier } from '../notifications/notifier'
import { contentCheckFor } from '../notifications/content-check'
import type { ActionTable } from '../router'
import { action } from '../router'
import { careRequestStore, elderStore, mealStore, patrolStore, peopleDirectory, sosStore } from './elder-care.repository'

const staff: readonly Role[] = ['staff', 'admin']
const responders: readonly Role[] = ['grid_worker', 'staff', 'admin']

// 'registered' where the use case decides by relation to the elder or the request (the elder,
// a consented proxy, the assigned helper, staff): roles alone can't say who that is.
export const elderCareActions: ActionTable<ElderCareDeps> = {
  myElders: action({ schema: s.emptyInput, run: profile.myElders, roles: 'registered' }),
  getElder: action({ schema: s.forElderInput, run: profile.getElder, roles: 'registered' }),
  listElders: action({ schema: s.pageInput, run: profile.listElders, roles: responders }),
  updateElder: action({ schema: s.updateElderInput, run: profile.updateElder, roles: staff }),
  createElder: action({ schema: s.createElderInput, run: profile.createElderProfile, roles: ['elder', 'staff', 'admin'], idempotent: true }),
  unlinkProxy: action({ schema: s.unlinkProxyInput, run: profile.unlinkProxy, roles: ['elder', 'staff', 'admin'] }),
  linkProxy: action({ schema: s.linkProxyInput, run: profile.linkProxy, roles: ['elder', 'staff', 'admin'] }),
  serviceTypes: action({ schema: s.emptyInput, run: profile.serviceTypes, roles: 'registered' }),
  saveServiceType: action({ schema: s.saveServiceTypeInput, run: profile.saveServiceType, roles: staff }),
  helpers: action({ schema: s.emptyInput, run: profile.helpers, roles: responders }),

  submitCareRequest: action({ schema: s.submitCareRequestInput, run: care.submitCareRequest, roles: 'registered', idempotent: true }),
  getCareRequest: action({ schema: s.byIdInput, run: care.getCareRequest, roles: 'registered' }),
  myCareRequests: action({ schema: s.elderPageInput, run: care.myCareRequests, roles: 'registered' }),
  // Grid workers: their grid's queue; the use case checks the grid of each request they move.
  careQueue: action({ schema: s.pageInput, run: care.careQueue, roles: responders }),
  // Moves: a retry with the tap's requestId finishes and answers that move (care-request.usecases.ts).
  triage: action({ schema: s.byIdInput, run: care.triage, roles: responders, idempotent: true }),
  assign: action({ schema: s.assignInput, run: care.assign, roles: responders, idempotent: true }),
  accept: action({ schema: s.byIdInput, run: care.accept, roles: 'registered', idempotent: true }),
  decline: action({ schema: s.byIdInput, run: care.decline, roles: 'registered', idempotent: true }),
  checkIn: action({ schema: s.checkInput, run: care.checkIn, roles: 'registered', idempotent: true }),
  checkOut: action({ schema: s.checkInput, run: care.checkOut, roles: 'registered', idempotent: true }),
  rate: action({ schema: s.rateInput, run: care.rate, roles: 'registered', idempotent: true }),
  followUp: action({ schema: s.followUpInput, run: care.followUp, roles: 'registered', idempotent: true }),
  cancelCareRequest: action({ schema: s.cancelInput, run: care.cancel, roles: 'registered', idempotent: true }),
  myVisits: action({ schema: s.pageInput, run: care.myVisits, roles: 'registered' }),
  careKpis: action({ schema: s.kpiInput, run: care.careKpiReport, roles: staff }),

  sosPress: action({ schema: s.sosPressInput, run: sos.pressSos, roles: 'registered', idempotent: true }),
  sosCancel: action({ schema: s.byIdInput, run: sos.cancelSos, roles: 'registered' }),
  sosAck: action({ schema: s.byIdInput, run: sos.ackSos, roles: responders }),
  sosResolve: action({ schema: s.sosResolveInput, run: sos.resolveSos, roles: responders }),
  openSos: action({ schema: s.pageInput, run: sos.openSos, roles: responders }),
  sosSummary: action({ schema: s.emptyInput, run: async (deps) => await sos.sosSummary(deps), roles: responders }),
  mySos: action({ schema: s.forElderInput, run: sos.mySos, roles: 'registered' }),
  // Who may read it (the elder, the family, staff) is decided per call in the use case.
  sosCall: action({ schema: s.byIdInput, run: sos.sosCall, roles: 'registered' }),

  setPatrolPlan: action({ schema: s.patrolPlanInput, run: patrol.setPatrolPlan, roles: staff }),
  recordPatrol: action({ schema: s.recordPatrolInput, run: patrol.recordPatrol, roles: ['grid_worker', 'volunteer', 'staff', 'admin'] }),
  patrolList: action({ schema: s.pageInput, run: patrol.patrolList, roles: responders }),

  saveMenu: action({ schema: s.saveMenuInput, run: meals.saveMenu, roles: staff }),
  myMeals: action({ schema: s.menuInput.extend({ elderId: s.forElderInput.shape.elderId }), run: meals.myMeals, roles: 'registered' }),
  orderMeal: action({ schema: s.orderMealInput, run: meals.orderMeal, roles: 'registered' }),
  cancelMeal: action({ schema: s.cancelMealInput, run: meals.cancelMeal, roles: 'registered' }),
  standingOrder: action({ schema: s.standingOrderInput, run: meals.setStandingOrder, roles: 'registered' }),
  dayMeals: action({ schema: s.dayInput, run: meals.dayMeals, roles: mealRoundReaders })
}

export function elderCareDeps (): ElderCareDeps {
  const db = getDb()
  return {
    people: peopleDirectory(db),
    elders: elderStore(db),
    requests: careRequestStore(db),
    sos: sosStore(db),
    patrols: patrolStore(db),
    meals: mealStore(db),
    notify: notifier(db, serverClock),
    contentCheck: contentCheckFor(),
    audit: auditWriter(db, serverClock),
    clock: serverClock,
    newId: () => randomBytes(8).toString('hex')
  }
}
