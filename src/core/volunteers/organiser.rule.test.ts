import type { Role } from '../community/roles'
import { isOrganiser, isStaff } from './organiser.rule'

const caller = (openId: string, ...roles: Role[]) => ({ openId, roles })

describe('who runs an activity', () => {
  it('staff and admins run every activity; a 网格员 (workbench, not volunteering) runs none they did not publish', () => {
    expect(isStaff(caller('s', 'staff'))).toBe(true)
    expect(isStaff(caller('a', 'admin'))).toBe(true)
    expect(isStaff(caller('g', 'grid_worker', 'resident'))).toBe(false)
    expect(isOrganiser({ organiserUserId: 'someone' }, caller('g', 'grid_worker'))).toBe(false)
    expect(isOrganiser({ organiserUserId: 'someone' }, caller('s', 'staff'))).toBe(true)
  })

  it('a volunteer organises the activities they published, and only those', () => {
    expect(isOrganiser({ organiserUserId: 'v1' }, caller('v1', 'volunteer'))).toBe(true)
    expect(isOrganiser({ organiserUserId: 'v2' }, caller('v1', 'volunteer'))).toBe(false)
  })
})
