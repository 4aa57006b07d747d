/**
 * What a page asks the cloud for as it opens, for every page a notice or a server-made link can
 * open (the pages themselves are registered in src/app.config.ts; this adds, per route, the query
 * it reads and its load calls). The deep-link audit (test/integration/deep-links.ts) opens every
 * inbox item's link as its recipient by making these calls: a page its reader may not see fails
 * there (FORBIDDEN, NOT_FOUND, 请先选择身份) as it would on the phone. src/pages/page-loads.test.ts
 * checks this map against the pages' code, so it can't drift from what they really call.
 */

import { policies } from '@/core/community/roles'
import { shanghaiDate } from '@/core/shared/shanghai-time'
import { mealRoundReaders } from '@/core/elder-care/elder-care.model'

/** One call a page makes on load; `payload` builds it from the link's query. */
export interface PageLoad {
  fn: 'community' | 'service-card' | 'classes' | 'elder-care' | 'volunteers' | 'notifications' | 'staff' | 'grid'
  action: string
  payload?: (query: Record<string, string>) => Record<string, unknown>
  /** Made only for links whose query asks for it (a tab named in the link); always when absent. */
  when?: (query: Record<string, string>) => boolean
  /**
   * The page shows this call's answer for one record named in the query: the answer must be
   * that record (its `id` equals the query parameter named here), not merely any answer.
   */
  about?: string
}

export interface PageEntry {
  /** Query parameters the page reads (from `useRouter().params`); a link must carry them all. */
  query: string[]
  /** Query parameters the page reads when present (a tab, the staff side); a link may leave them out. */
  optional?: string[]
  loads: PageLoad[]
  /**
   * Loads made only for some readers (the page asks who is reading first, community.whoami):
   * the roles that make the page call them.
   */
  byRole?: Array<{ roles: readonly string[]; loads: PageLoad[] }>
}

/** Every page's shell asks who is reading (the persona, the 长辈版 switch, the privacy gate). */
const whoami: PageLoad = { fn: 'community', action: 'whoami' }
/** The elder-care pages for an elder or her proxy first find whose care this is. */
const myElders: PageLoad = { fn: 'elder-care', action: 'myElders' }
/** The staff desk's month of figures (careKpis), as the page asks for it. */
const kpiRange = { from: '2020-01-01T00:00:00.000Z', to: '2100-01-01T00:00:00.000Z' }

export const pageLoads: Record<string, PageEntry> = {
  '/pages/elder-care/index': { query: [], loads: [whoami, myElders, { fn: 'elder-care', action: 'mySos' }] },
  '/pages/elder-care/sos': {
    query: ['id'],
    loads: [whoami, { fn: 'elder-care', action: 'sosCall', payload: q => ({ id: q.id }), about: 'id' }]
  },
  '/pages/elder-care/staff': {
    query: [],
    loads: [
      whoami,
      { fn: 'elder-care', action: 'openSos' },
      { fn: 'elder-care', action: 'dayMeals' },
      { fn: 'elder-care', action: 'patrolList' }
    ],
    byRole: [
      {
        roles: policies.workbench,
        loads: [
          { fn: 'elder-care', action: 'careQueue' },
          { fn: 'elder-care', action: 'helpers' }
        ]
      },
      {
        roles: policies.staff,
        loads: [
          { fn: 'elder-care', action: 'serviceTypes' },
          { fn: 'elder-care', action: 'careKpis', payload: () => kpiRange }
        ]
      }
    ]
  },
  '/pages/elder-care/helper': {
    query: [],
    loads: [whoami, { fn: 'elder-care', action: 'myVisits' }],
    byRole: [{ roles: [...mealRoundReaders], loads: [{ fn: 'elder-care', action: 'dayMeals' }] }]
  },
  '/pages/service-card/index': {
    query: [],
    loads: [whoami, { fn: 'service-card', action: 'categories' }, { fn: 'service-card', action: 'listItems' }]
  },
  '/pages/service-card/request': {
    query: ['id'],
    loads: [whoami, { fn: 'service-card', action: 'getRequest', payload: q => ({ requestId: q.id }), about: 'id' }]
  },
  '/pages/service-card/requests': {
    query: [],
    optional: ['staff', 'scope'],
    loads: [
      whoami,
      { fn: 'service-card', action: 'listRequests', payload: q => (q.staff === '1' ? { scope: 'unassigned' } : {}) },
      { fn: 'service-card', action: 'eligibilityQueue', when: q => q.staff === '1' && q.scope === 'eligibility' }
    ]
  },
  '/pages/service-card/bookings': { query: [], loads: [whoami, { fn: 'service-card', action: 'myBookings' }] },
  '/pages/service-card/hall': { query: [], loads: [whoami, { fn: 'service-card', action: 'listSlots' }] },
  '/pages/service-card/item': {
    query: ['id'],
    loads: [whoami, { fn: 'service-card', action: 'getItem', payload: q => ({ itemId: q.id }), about: 'id' }]
  },
  '/pages/staff/roles': {
    query: [],
    loads: [
      whoami,
      { fn: 'staff', action: 'grids' },
      { fn: 'staff', action: 'listInvites' },
      { fn: 'staff', action: 'listUsers' }
    ]
  },
  '/pages/classes/index': {
    query: [],
    loads: [
      whoami,
      { fn: 'classes', action: 'myChildren' },
      { fn: 'classes', action: 'listTerms' },
      { fn: 'classes', action: 'myEnrolments' }
    ]
  },
  '/pages/classes/tutor': {
    query: [],
    loads: [whoami, { fn: 'classes', action: 'todaySessions' }, { fn: 'classes', action: 'upcomingSessions' }]
  },
  '/pages/classes/staff': { query: [], loads: [whoami, { fn: 'classes', action: 'listTerms' }] },
  '/pages/volunteers/index': {
    query: [],
    loads: [
      whoami,
      { fn: 'volunteers', action: 'me' },
      { fn: 'volunteers', action: 'teams' },
      { fn: 'volunteers', action: 'tasks' }
    ]
  },
  '/pages/volunteers/task': {
    query: ['id'],
    // Another community's task (issue 20): the page acts there.
    optional: ['community'],
    loads: [whoami, { fn: 'volunteers', action: 'task', payload: q => ({ taskId: q.id }), about: 'id' }]
  },
  '/pages/volunteers/staff': {
    query: [],
    loads: [
      whoami,
      { fn: 'volunteers', action: 'applications' },
      { fn: 'volunteers', action: 'quarterCheck' },
      { fn: 'volunteers', action: 'marks' }
    ]
  },
  '/pages/notifications/follow-ups': {
    query: [],
    loads: [whoami, { fn: 'notifications', action: 'followUps', payload: () => ({ status: 'open' }) }]
  },
  '/pages/staff/erasures': { query: [], loads: [whoami, { fn: 'staff', action: 'listErasures' }] },
  '/pages/staff/dashboard': {
    query: [],
    // The street workbench names the community it opens (read-only there).
    optional: ['community'],
    loads: [
      whoami,
      { fn: 'staff', action: 'grids' },
      { fn: 'staff', action: 'dashboard', payload: () => ({ period: 'week' }) }
    ],
    // The whole community's view (staff, the street) shows each grid worker's patrol time this month.
    byRole: [
      {
        roles: policies.staffOrStreet,
        loads: [{ fn: 'grid', action: 'patrolBoard', payload: () => ({ month: null }) }]
      }
    ]
  },
  '/pages/staff/exports': { query: [], loads: [whoami, { fn: 'staff', action: 'exportKinds' }] },
  '/pages/staff/street': {
    query: [],
    loads: [
      whoami,
      { fn: 'staff', action: 'streetDashboard', payload: () => ({ period: 'week' }) },
      { fn: 'elder-care', action: 'streetSos' }
    ]
  },
  '/pages/staff/street-exports': {
    query: [],
    loads: [whoami, { fn: 'staff', action: 'streetCommunities' }, { fn: 'staff', action: 'exportKinds' }]
  },
  '/pages/staff/survey-results': {
    query: [],
    loads: [whoami, { fn: 'staff', action: 'surveyResults' }, { fn: 'staff', action: 'menu' }]
  },
  '/pages/staff/audit': { query: [], loads: [whoami, { fn: 'staff', action: 'searchAudit' }] },
  '/pages/staff/survey': { query: [], loads: [whoami, { fn: 'staff', action: 'currentSurvey' }] },
  '/pages/staff/my-data': { query: [], loads: [whoami, { fn: 'staff', action: 'myData' }] },
  // ---- grid: reports (随手拍/报事) ----
  '/pages/grid/index': {
    query: [],
    loads: [whoami, { fn: 'grid', action: 'myReports' }, { fn: 'grid', action: 'communityReports' }]
  },
  '/pages/grid/report': { query: [], loads: [whoami, { fn: 'grid', action: 'reportOptions' }] },
  // A notice about a report opens it for its reporter, a follower (我也遇到) and those who handle it.
  '/pages/grid/report-detail': {
    query: ['id'],
    loads: [whoami, { fn: 'grid', action: 'getReport', payload: q => ({ reportId: q.id }), about: 'id' }]
  },
  // An overdue notice or the 待办 opens a tab (view=mine|overdue|done).
  '/pages/grid/report-queue': {
    query: [],
    optional: ['view'],
    loads: [whoami, { fn: 'grid', action: 'reportQueue', payload: q => ({ view: q.view ?? 'new' }) }]
  },
  // ---- grid: patrols (巡查) and household visits (走访) ----
  // A grid worker's patrol (a capped patrol's notice opens it); staff read each grid's month.
  '/pages/grid/patrol': {
    query: [],
    loads: [whoami],
    byRole: [
      {
        roles: policies.gridWorkers,
        loads: [
          { fn: 'grid', action: 'patrolStatus' },
          { fn: 'grid', action: 'myPatrols' }
        ]
      },
      {
        roles: policies.staffOrStreet,
        loads: [{ fn: 'grid', action: 'patrolBoard', payload: () => ({ month: null }) }]
      }
    ]
  },
  // The 待办's 走访跟进事项 opens the follow-ups (tab=tasks); else the priority households.
  '/pages/grid/visits': {
    query: [],
    optional: ['tab'],
    loads: [
      whoami,
      { fn: 'grid', action: 'priorityHouseholds', when: q => q.tab !== 'tasks' },
      { fn: 'grid', action: 'visitFollowUps', payload: () => ({ done: false }), when: q => q.tab === 'tasks' }
    ]
  },
  '/pages/grid/visit': {
    query: ['householdId'],
    loads: [
      whoami,
      { fn: 'grid', action: 'householdCare', payload: q => ({ householdId: q.householdId }) },
      { fn: 'grid', action: 'householdVisits', payload: q => ({ householdId: q.householdId }) }
    ]
  },
  // ---- grid: inspections (巡检) ----
  // The workbench's 巡检: what is due; staff also manage the checklists.
  '/pages/grid/inspections': {
    query: [],
    loads: [whoami, { fn: 'grid', action: 'dueInspections' }],
    byRole: [{ roles: policies.staff, loads: [{ fn: 'grid', action: 'checklists' }] }]
  },
  // The workbench's 报事数据: this month's figures (staff, and the street reading the community).
  '/pages/grid/figures': {
    query: [],
    loads: [
      whoami,
      { fn: 'grid', action: 'gridFigures', payload: () => ({ month: shanghaiDate(new Date()).slice(0, 7) }) }
    ]
  },
  // The reminder of a checklist due soon opens its form, for the grid's worker.
  '/pages/grid/inspection': {
    query: ['checklistId'],
    loads: [
      whoami,
      { fn: 'grid', action: 'inspectionForm', payload: q => ({ checklistId: q.checklistId }) },
      { fn: 'grid', action: 'inspections', payload: q => ({ checklistId: q.checklistId }) }
    ]
  }
}

/** A link split into its registered route and its query (`/pages/x/y?id=1` → route, `{ id: '1' }`). */
export function parseLink(link: string): { route: string; query: Record<string, string> } {
  const [route, search = ''] = link.split('?')
  const query: Record<string, string> = {}
  for (const pair of search.split('&').filter(Boolean)) {
    const [k, v = ''] = pair.split('=')
    query[decodeURIComponent(k)] = decodeURIComponent(v)
  }
  return { route, query }
}
