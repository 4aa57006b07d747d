/** Roles (design.md, "Who uses it"). Held in the database, granted by admins. */
export const roles = [
  'resident',
  'guardian',
  'elder',
  'volunteer',
  'tutor',
  'grid_worker',
  'staff',
  'admin',
  'street_staff',
  'street_admin'
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
  admin: '管理员',
  street_staff: '街道社工',
  street_admin: '街道管理员'
}

/**
 * Roles of the street office (街道), held in every community of the street, read-only there (issue 20): they read
 * each community's dashboard, open SOS calls and ledgers, and change nothing (db/community-scope.ts `readOnly`).
 */
export const streetRoles = ['street_staff', 'street_admin'] as const satisfies readonly Role[]

/** Roles a volunteer carries into every community of the street: they may serve in any of them. */
export const roamingRoles = ['volunteer'] as const satisfies readonly Role[]

/**
 * Named role policies: who may call an action or see a screen. One definition each; actions and
 * screens name the policy, never a list of roles. A context's own policy that no other uses lives
 * beside its actions, built from these.
 */
export const policies = {
  /** 社工 and admins: run the community's services. */
  staff: ['staff', 'admin'],
  /** The workbench: 网格员 too (grid-scoped reads and first response). */
  workbench: ['grid_worker', 'staff', 'admin'],
  /** 四点半课堂 tutors, and staff who stand in for them. */
  tutors: ['tutor', 'staff', 'admin'],
  guardians: ['guardian'],
  /** Parent-school lectures are for any resident adult; enrolling a child needs the guardian role. */
  families: ['guardian', 'resident'],
  residents: ['resident'],
  /** The short home (一键呼叫 first) and the elder's own care screens. */
  elders: ['elder'],
  gridWorkers: ['grid_worker'],
  admins: ['admin'],
  /** The street office: read every community, change none. */
  street: ['street_staff', 'street_admin'],
  /** Read a community's running as its staff do: its staff, or the street's. */
  staffOrStreet: ['staff', 'admin', 'street_staff', 'street_admin'],
  /** Add a community to the street (issue 20). */
  streetAdmins: ['street_admin']
} as const satisfies Record<string, readonly Role[]>
