/** The community's reads (grids, buildings, units, households, members) behind CommunityDirectory. */
import type {
  BuildingRecord, CommunityProfile, CountedCollection, DutyRecord, GridRecord, HallSettings, HouseholdRecord, MemberRecord, UnitRecord, UserRecord
} from '../../core/community/community.model'
import type { CommunityDirectory } from '../../core/community/community.ports'
import type { Db } from '../db/client'
import { countWhere, getById } from '../db/client'

export function communityRepository (db: Db): CommunityDirectory {
  return {
    profile: async () => await getById<CommunityProfile>(db, 'settings', 'community'),
    user: async id => await getById<UserRecord>(db, 'users', id),
    member: async id => await getById<MemberRecord>(db, 'members', id),
    household: async id => await getById<HouseholdRecord>(db, 'households', id),
    grid: async id => await getById<GridRecord>(db, 'grids', id),
    building: async id => await getById<BuildingRecord>(db, 'buildings', id),
    unit: async id => await getById<UnitRecord>(db, 'units', id),
    count: async (collection: CountedCollection, scope) =>
      await countWhere(db, collection, scope?.gridId ? { gridId: scope.gridId } : undefined),
    hall: async () => await getById<HallSettings>(db, 'settings', 'hall'),
    dutyOn: async date => ((await db.collection('duty_roster').where({ date }).limit(100).get()) as { data?: DutyRecord[] }).data ?? []
  }
}
