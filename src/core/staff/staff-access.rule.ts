/**
 * Who may use which part of the staff workbench (工作台). The menu and the server's action table
 * both read this one table, so a menu item is shown exactly when its actions would be allowed.
 */
import { isStreetOnly } from '../community/caller'
import type { Role } from '../community/roles'
import { policies } from '../community/roles'

/**
 * A community's running as its staff read it, and the street office (街道) beside them, read-only (issue 20): what
 * these areas do in a community is read (and audit the reading), so a street role alone there may use them.
 */
const readByStreet = <R extends readonly Role[]>(roles: R) => [...roles, ...policies.street] as const

export const staffAccess = {
  /** Invite codes, granting and revoking roles; a street admin's invites are for the street roles. */
  roles: [...policies.admins, ...policies.streetAdmins],
  /** The audit log (审计日志): the community's admins, and the street's. */
  audit: [...policies.admins, ...policies.streetAdmins],
  dashboard: readByStreet(policies.workbench),
  /** The workbench's 待办 (everything waiting for me; a grid worker's, her grid's): a worker's own, not the street's. */
  todo: policies.workbench,
  /** Ledger exports (台账导出): a street role's jobs are the street's own artefacts (export.service.ts). */
  exports: readByStreet(policies.workbench),
  /** Publishing satisfaction surveys and reading their results. */
  surveys: policies.staff,
  surveyResults: readByStreet(policies.workbench),
  /** The street's workbench (街道工作台): every community side by side, open SOS calls, the street's ledgers. */
  street: policies.street,
  /** Handling residents' reports (报事处理): the grid function's handler actions allow the same (grid.actions.ts). */
  reports: policies.workbench,
  /** Patrols (巡查): a grid worker's own, and staff's board of each grid's month (grid.actions.ts). */
  patrols: policies.workbench,
  /** Household visits (走访) and priority households (重点户): grid workers' and staff's only (grid.actions.ts). */
  visits: policies.workbench,
  /** Inspections (巡检): grid workers record their grid's, staff define checklists and record any (grid.actions.ts). */
  inspections: policies.workbench,
  /** The reports' honest figures and the Open311 export (报事数据): staff, and the street reading a community. */
  gridFigures: readByStreet(policies.staff),
  /** Confirming residents' deletion requests (PIPL). */
  erasures: policies.staff
} as const satisfies Record<string, readonly Role[]>

export type StaffArea = keyof typeof staffAccess

export interface MenuItem {
  key: string
  label: string
  hint: string
  /** Page inside the staff subpackage. */
  page: string
}

interface MenuRule {
  item: MenuItem
  /** null: any registered user (a resident's own data and the survey). */
  area: StaffArea | null
  /** For the community's own people: not shown to a street role reading it (they answer no survey there). */
  residents?: true
}

const rules: MenuRule[] = [
  {
    item: { key: 'street', label: '街道工作台', hint: '各社区数据 · 紧急呼叫 · 台账', page: '/pages/staff/street' },
    area: 'street'
  },
  // A grid worker's daily work first: the residents' reports waiting for her.
  {
    item: { key: 'grid-reports', label: '报事处理', hint: '居民随手拍 · 首问负责', page: '/pages/grid/report-queue' },
    area: 'reports'
  },
  {
    item: {
      key: 'grid-patrol',
      label: '网格巡查',
      hint: '每天巡查一小时 · 发现问题随手报',
      page: '/pages/grid/patrol'
    },
    area: 'patrols'
  },
  {
    item: { key: 'grid-visits', label: '入户走访', hint: '本季未走访 · 重点户 · 跟进事项', page: '/pages/grid/visits' },
    area: 'visits'
  },
  {
    item: {
      key: 'grid-inspections',
      label: '巡检',
      hint: '每周卫生 · 每月环境 · 每季度安全',
      page: '/pages/grid/inspections'
    },
    area: 'inspections'
  },
  {
    item: { key: 'dashboard', label: '数据看板', hint: '诉求 · 课堂 · 志愿 · 呼叫', page: '/pages/staff/dashboard' },
    area: 'dashboard'
  },
  {
    item: {
      key: 'grid-figures',
      label: '报事数据',
      hint: '受理率 · 解决率 · 满意度 · Open311',
      page: '/pages/grid/figures'
    },
    area: 'gridFigures'
  },
  {
    item: { key: 'exports', label: '台账导出', hint: '导出 Excel 表格', page: '/pages/staff/exports' },
    area: 'exports'
  },
  {
    item: { key: 'survey-results', label: '满意度结果', hint: '按网格查看评分', page: '/pages/staff/survey-results' },
    area: 'surveyResults'
  },
  {
    item: { key: 'erasures', label: '删除申请', hint: '居民个人信息删除', page: '/pages/staff/erasures' },
    area: 'erasures'
  },
  { item: { key: 'roles', label: '人员与权限', hint: '邀请码 · 分配角色', page: '/pages/staff/roles' }, area: 'roles' },
  { item: { key: 'audit', label: '审计日志', hint: '谁在何时做了什么', page: '/pages/staff/audit' }, area: 'audit' },
  {
    item: { key: 'survey', label: '满意度调查', hint: '为社区服务打分', page: '/pages/staff/survey' },
    area: null,
    residents: true
  },
  {
    item: { key: 'my-data', label: '我的数据', hint: '查看 · 导出 · 申请删除', page: '/pages/staff/my-data' },
    area: null
  }
]

export function mayUse(roles: readonly Role[], area: StaffArea): boolean {
  return (staffAccess[area] as readonly Role[]).some(r => roles.includes(r))
}

/** The workbench menu for these roles, in display order; unregistered callers get nothing. */
export function menuFor(roles: readonly Role[], registered: boolean): MenuItem[] {
  if (!registered) return []
  const streetOnly = isStreetOnly({ roles: [...roles] })
  return rules
    .filter(r => (r.area === null ? !(r.residents && streetOnly) : mayUse(roles, r.area)))
    .map(r => ({ ...r.item }))
}
