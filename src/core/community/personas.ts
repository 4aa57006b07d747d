/**
 * Demo personas of the seeded community. Their OPENIDs are fixed so the H5 persona picker
 * (dev login, local cloud only) and tests can act as them.
 */
import type { Role } from './roles'

export interface Persona {
  openId: string
  /** Shown in the picker. */
  label: string
  name: string
  roles: Role[]
}

export const personas: Persona[] = [
  { openId: 'demo-resident', label: '居民', name: '王秀兰', roles: ['resident'] },
  { openId: 'demo-guardian', label: '家长', name: '李建国', roles: ['resident', 'guardian'] },
  { openId: 'demo-elder', label: '独居老人', name: '张桂芳', roles: ['resident', 'elder'] },
  { openId: 'demo-volunteer', label: '志愿者（党员）', name: '陈志强', roles: ['resident', 'volunteer', 'tutor'] },
  { openId: 'demo-grid-worker', label: '网格员', name: '刘海燕', roles: ['grid_worker'] },
  { openId: 'demo-staff', label: '社工', name: '赵丽', roles: ['staff'] },
  { openId: 'demo-admin', label: '书记（管理员）', name: '孙卫东', roles: ['admin', 'staff'] },
  // demo-elder's son, living elsewhere: her consented proxy (家属代办) in elder care
  { openId: 'demo-family', label: '老人家属', name: '张伟', roles: ['resident'] }
]
