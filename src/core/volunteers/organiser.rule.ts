/** Who runs an activity: staff (社工, admins) for every one, and the volunteer who published it. */
import type { Caller } from '../community/caller'
import { hasAnyRole } from '../community/caller'
import { policies } from '../community/roles'
import type { TaskRecord } from './volunteers.model'

/** 社工 and admins (policies.staff): not 网格员, who see the workbench but don't run volunteering. */
export const isStaff = (caller: Pick<Caller, 'roles'>): boolean => hasAnyRole(caller, policies.staff)

/** The caller may show the task's check-in code, verify its hours and call it off. */
export const isOrganiser = (
  t: Pick<TaskRecord, 'organiserUserId'>,
  caller: Pick<Caller, 'roles' | 'openId'>
): boolean => isStaff(caller) || t.organiserUserId === caller.openId
