/**
 * The `elder-care` function's contract (居家养老): per action, what the app sends, what it answers
 * and the business codes it may refuse with. The function's actions (src/server/elder-care) and the
 * app's screens (src/features/elder-care, the home page's SOS banner) both use it.
 */
import * as z from 'zod'
import { defineContract } from '../shared/contract'
import * as s from './elder-care.schemas'
import * as v from './elder-care.views'

/** Who acts for which elder (acting.rule.ts): no such elder, or not theirs to act for. */
const acting = ['NOT_FOUND', 'FORBIDDEN'] as const
/** A move of a care request (care-request.machine.ts) by the caller, on the version they read. */
const move = ['NOT_FOUND', 'FORBIDDEN', 'INVALID_TRANSITION', 'CONFLICT'] as const
/** An order for a day (meals.usecase.ts). */
const order = [...acting, 'NO_MENU', 'ORDER_CLOSED', 'NO_DELIVERY'] as const

export const elderCareContract = defineContract('elder-care', {
  myElders: () => ({ input: s.emptyInput, reply: v.myEldersView, codes: [] }),
  getElder: () => ({ input: s.forElderInput, reply: v.elderView, codes: acting }),
  listElders: () => ({ input: s.pageInput, reply: v.elderPage, codes: [] }),
  updateElder: () => ({ input: s.updateElderInput, reply: v.elderView, codes: ['NOT_FOUND'] }),
  createElder: () => ({ input: s.createElderInput, reply: v.elderView, codes: acting, idempotent: true }),
  unlinkProxy: () => ({ input: s.unlinkProxyInput, reply: v.proxyUnlinkView, codes: acting }),
  linkProxy: () => ({ input: s.linkProxyInput, reply: v.proxyLinkView, codes: [...acting, 'INVALID_INPUT'] }),
  serviceTypes: () => ({ input: s.emptyInput, reply: z.array(v.serviceTypeView), codes: [] }),
  saveServiceType: () => ({ input: s.saveServiceTypeInput, reply: v.serviceTypeView, codes: [] }),
  helpers: () => ({ input: s.emptyInput, reply: z.array(v.helperView), codes: [] }),

  submitCareRequest: () => ({
    input: s.submitCareRequestInput,
    reply: v.careRequestView,
    codes: [...acting, 'INVALID_INPUT', 'CONTENT_REJECTED'],
    idempotent: true
  }),
  getCareRequest: () => ({ input: s.byIdInput, reply: v.careRequestView, codes: acting }),
  myCareRequests: () => ({ input: s.elderPageInput, reply: v.careRequestPage, codes: acting }),
  careQueue: () => ({ input: s.pageInput, reply: v.careRequestPage, codes: [] }),
  // Moves: a retry with the tap's requestId finishes and answers that move (care-request.usecase.ts).
  triage: () => ({ input: s.byIdInput, reply: v.careRequestView, codes: move, idempotent: true }),
  assign: () => ({
    input: s.assignInput,
    reply: v.careRequestView,
    codes: [...move, 'NOT_A_VOLUNTEER', 'NOT_STAFF', 'NOT_A_PROVIDER'],
    idempotent: true
  }),
  accept: () => ({ input: s.byIdInput, reply: v.careRequestView, codes: move, idempotent: true }),
  decline: () => ({ input: s.byIdInput, reply: v.careRequestView, codes: move, idempotent: true }),
  checkIn: () => ({ input: s.checkInput, reply: v.careRequestView, codes: move, idempotent: true }),
  checkOut: () => ({ input: s.checkInput, reply: v.careRequestView, codes: move, idempotent: true }),
  rate: () => ({ input: s.rateInput, reply: v.careRequestView, codes: move, idempotent: true }),
  followUp: () => ({ input: s.followUpInput, reply: v.careRequestView, codes: move, idempotent: true }),
  cancelCareRequest: () => ({ input: s.cancelInput, reply: v.careRequestView, codes: move, idempotent: true }),
  myVisits: () => ({ input: s.pageInput, reply: v.careRequestPage, codes: [] }),
  careKpis: () => ({ input: s.kpiInput, reply: v.careKpisView, codes: [] }),

  sosPress: () => ({ input: s.sosPressInput, reply: v.sosView, codes: [...acting, 'CONFLICT'], idempotent: true }),
  sosCancel: () => ({ input: s.byIdInput, reply: v.sosView, codes: [...acting, 'SOS_CANCEL_TOO_LATE', 'CONFLICT'] }),
  sosAck: () => ({ input: s.byIdInput, reply: v.sosView, codes: ['NOT_FOUND', 'CONFLICT'] }),
  sosResolve: () => ({ input: s.sosResolveInput, reply: v.sosView, codes: ['NOT_FOUND', 'CONFLICT'] }),
  openSos: () => ({ input: s.pageInput, reply: v.sosPage, codes: [] }),
  sosSummary: () => ({ input: s.emptyInput, reply: v.sosSummaryView, codes: [] }),
  /** Street roles: every open SOS call of the street's communities, newest first (read-only). */
  streetSos: () => ({ input: s.pageInput, reply: v.streetSosPage, codes: [] }),
  /** The elder's (or proxy's) latest call, null when she never pressed. */
  mySos: () => ({ input: s.forElderInput, reply: v.sosView.nullable(), codes: acting }),
  sosCall: () => ({ input: s.byIdInput, reply: v.sosView, codes: acting }),

  setPatrolPlan: () => ({ input: s.patrolPlanInput, reply: v.patrolView, codes: ['NOT_FOUND'] }),
  recordPatrol: () => ({ input: s.recordPatrolInput, reply: v.patrolView, codes: acting }),
  patrolList: () => ({ input: s.pageInput, reply: v.patrolPage, codes: [] }),

  saveMenu: () => ({ input: s.saveMenuInput, reply: v.menuView, codes: [] }),
  myMeals: () => ({ input: s.myMealsInput, reply: v.myMealsView, codes: acting }),
  orderMeal: () => ({ input: s.orderMealInput, reply: v.myMealsView, codes: order }),
  cancelMeal: () => ({ input: s.cancelMealInput, reply: v.myMealsView, codes: order }),
  standingOrder: () => ({ input: s.standingOrderInput, reply: v.myMealsView, codes: acting }),
  dayMeals: () => ({ input: s.dayInput, reply: v.dayMealsView, codes: [] })
})
