/** Roles (design.md, "Who uses it"). Held in the database, granted by admins. */
export const roles = [
  'resident',
  'guardian',
  'elder',
  'volunteer',
  'tutor',
  'grid_worker',
  'staff',
  'admin'
] as const
export type Role = (typeof roles)[number]

export const roleLabels: Record<Role, string> = {
  resident: '居民',
  guardian: '家长',
  elder: '老人',
  volunteer: '志愿者',
  tutor: '辅导老师',
  grid_worker: '网格员',
  staff: '社工',
  admin: '管理员'
}

/** Staff-side roles: see the workbench. */
export const staffRoles: readonly Role[] = ['grid_worker', 'staff', 'admin']
