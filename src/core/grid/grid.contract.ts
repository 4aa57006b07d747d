/**
 * The `grid` function's contract (网格): per action, what the app sends, what it answers and the business codes it
 * may refuse with. The function's actions (src/server/grid) and the app's screens (src/features/grid) both use it.
 */
import { defineContract } from '../shared/contract'
import * as s from './grid.schemas'
import * as v from './grid.views'

/** A move of a report (report.machine.ts) by the caller, on the version they read. */
const move = ['NOT_FOUND', 'FORBIDDEN', 'INVALID_TRANSITION', 'CONFLICT'] as const

export const gridContract = defineContract('grid', {
  // ---- reports (随手拍/报事) ------------------------------------------------------------------------------------
  reportOptions: () => ({ input: s.emptyInput, reply: v.reportOptionsView, codes: [] }),
  nearbyReports: () => ({ input: s.nearbyInput, reply: v.nearbyView, codes: ['PLACE_UNKNOWN'] }),
  // PLACE_UNKNOWN: a building or unit that is not this community's; PHOTO_INVALID: see photo-store.ports.ts.
  submitReport: () => ({
    input: s.submitReportInput,
    reply: v.reportView,
    codes: ['PLACE_UNKNOWN', 'PHOTO_INVALID', 'CONTENT_REJECTED', 'NOT_FOUND', 'FORBIDDEN'],
    idempotent: true
  }),
  followReport: () => ({ input: s.followReportInput, reply: v.reportView, codes: move, idempotent: true }),
  myReports: () => ({ input: s.reportListInput, reply: v.reportPage, codes: [] }),
  /** The community's open reports (小事快办 board): not the hidden ones, reporters never named. */
  communityReports: () => ({ input: s.reportListInput, reply: v.reportPage, codes: [] }),
  getReport: () => ({ input: s.reportIdInput, reply: v.reportView, codes: ['NOT_FOUND', 'FORBIDDEN'] }),
  reportQueue: () => ({ input: s.reportQueueInput, reply: v.reportPage, codes: [] }),
  // REPORT_TAKEN: another handler accepted it first (首问负责); the screen says who owns it now.
  acceptReport: () => ({
    input: s.reportIdInput,
    reply: v.reportView,
    codes: [...move, 'REPORT_TAKEN'],
    idempotent: true
  }),
  passReport: () => ({ input: s.passReportInput, reply: v.reportView, codes: move, idempotent: true }),
  noteReport: () => ({
    input: s.noteReportInput,
    reply: v.reportView,
    codes: [...move, 'CONTENT_REJECTED'],
    idempotent: true
  }),
  resolveReport: () => ({
    input: s.resolveReportInput,
    reply: v.reportView,
    codes: [...move, 'PHOTO_INVALID', 'CONTENT_REJECTED'],
    idempotent: true
  }),
  mergeReport: () => ({ input: s.mergeReportInput, reply: v.reportView, codes: move, idempotent: true }),
  confirmReport: () => ({ input: s.confirmReportInput, reply: v.reportView, codes: move, idempotent: true }),
  rateReport: () => ({ input: s.rateReportInput, reply: v.reportView, codes: move, idempotent: true }),
  withdrawReport: () => ({ input: s.withdrawReportInput, reply: v.reportView, codes: move, idempotent: true }),

  // ---- patrols (巡查) -----------------------------------------------------------------------------------------------
  /** 开始巡查: a second start while one is open (a retry, a double tap, two phones) answers the open one. */
  startPatrol: () => ({ input: s.emptyInput, reply: v.patrolView, codes: [], idempotent: true }),
  // NOT_FOUND: not the caller's patrol. A finish of a patrol already closed answers it as it is.
  finishPatrol: () => ({ input: s.finishPatrolInput, reply: v.patrolView, codes: ['NOT_FOUND'], idempotent: true }),
  patrolStatus: () => ({ input: s.emptyInput, reply: v.patrolStatusView, codes: [] }),
  myPatrols: () => ({ input: s.pageInput, reply: v.patrolPage, codes: [] }),
  patrolBoard: () => ({ input: s.patrolBoardInput, reply: v.patrolBoardView, codes: [] }),

  // ---- household visits (走访) --------------------------------------------------------------------------------------
  // NOT_FOUND: not this community's household; FORBIDDEN: another grid's (its own grid worker visits it).
  householdCare: () => ({ input: s.householdIdInput, reply: v.householdCareView, codes: ['NOT_FOUND', 'FORBIDDEN'] }),
  householdVisits: () => ({ input: s.householdVisitsInput, reply: v.visitPage, codes: ['NOT_FOUND', 'FORBIDDEN'] }),
  // DUE_DATE_PAST: a follow-up due before today.
  logVisit: () => ({
    input: s.logVisitInput,
    reply: v.visitView,
    codes: ['NOT_FOUND', 'FORBIDDEN', 'DUE_DATE_PAST', 'CONTENT_REJECTED', 'CONFLICT'],
    idempotent: true
  }),
  gridHouseholds: () => ({ input: s.gridHouseholdsInput, reply: v.householdPage, codes: [] }),
  priorityHouseholds: () => ({ input: s.priorityHouseholdsInput, reply: v.priorityPage, codes: [] }),
  visitFollowUps: () => ({ input: s.followUpsInput, reply: v.visitPage, codes: [] }),
  setFollowUp: () => ({
    input: s.setFollowUpInput,
    reply: v.visitView,
    codes: ['NOT_FOUND', 'FORBIDDEN', 'CONFLICT'],
    idempotent: true
  }),
  setHouseholdTags: () => ({
    input: s.setHouseholdTagsInput,
    reply: v.householdCareView,
    codes: ['NOT_FOUND', 'CONFLICT', 'CONTENT_REJECTED'],
    idempotent: true
  }),

  // ---- inspections (巡检) and figures -------------------------------------------------------------------------------
  checklistOptions: () => ({ input: s.emptyInput, reply: v.checklistOptionsView, codes: [] }),
  // PLACE_UNKNOWN: a building or grid that is not this community's.
  defineChecklist: () => ({
    input: s.defineChecklistInput,
    reply: v.checklistView,
    codes: ['PLACE_UNKNOWN', 'CONTENT_REJECTED'],
    idempotent: true
  }),
  retireChecklist: () => ({
    input: s.retireChecklistInput,
    reply: v.checklistView,
    codes: ['NOT_FOUND', 'CONFLICT'],
    idempotent: true
  }),
  checklists: () => ({ input: s.pageInput, reply: v.checklistPage, codes: [] }),
  /** The caller's checklists (a grid worker's grid, staff all) and where each stands this period. */
  dueInspections: () => ({ input: s.pageInput, reply: v.duePage, codes: [] }),
  inspectionForm: () => ({ input: s.checklistIdInput, reply: v.inspectionFormView, codes: ['NOT_FOUND', 'FORBIDDEN'] }),
  // ALREADY_INSPECTED: this period's inspection is already recorded (one per checklist per period);
  // CHECKLIST_CHANGED: the results don't match the checklist's items (retired or changed since the form opened).
  recordInspection: () => ({
    input: s.recordInspectionInput,
    reply: v.inspectionView,
    codes: ['NOT_FOUND', 'FORBIDDEN', 'ALREADY_INSPECTED', 'CHECKLIST_CHANGED', 'CONTENT_REJECTED'],
    idempotent: true
  }),
  inspections: () => ({ input: s.inspectionListInput, reply: v.inspectionPage, codes: [] }),
  /** The honest figures of a month (staff; the street's roles read them, per community). */
  gridFigures: () => ({ input: s.figuresInput, reply: v.figuresView, codes: [] }),
  /** A month's reports as Open311 GeoReport v2 requests, a chunk at a time. */
  open311Requests: () => ({ input: s.open311Input, reply: v.open311View, codes: [] })
})
