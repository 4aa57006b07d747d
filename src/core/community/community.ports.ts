/**
 * What the community use cases need from storage. Reads only: every method is one query, so the
 * use case decides what to fetch in parallel.
 */
import type { Clock } from '../shared/clock'
import type {
  BuildingRecord, CommunityProfile, CountedCollection, DutyRecord, GridRecord, HallSettings, HouseholdRecord, MemberRecord,
  UnitRecord, UserRecord
} from './community.model'

export interface CommunityDirectory {
  profile: () => Promise<CommunityProfile | null>
  user: (openId: string) => Promise<UserRecord | null>
  member: (id: string) => Promise<MemberRecord | null>
  /** These members (at most 100), in one query; a missing id has none. */
  members: (ids: readonly string[]) => Promise<MemberRecord[]>
  household: (id: string) => Promise<HouseholdRecord | null>
  grid: (id: string) => Promise<GridRecord | null>
  building: (id: string) => Promise<BuildingRecord | null>
  unit: (id: string) => Promise<UnitRecord | null>
  count: (collection: CountedCollection, scope?: { gridId?: string }) => Promise<number>
  /** The hall's hours, exceptions and hotlines (`settings/hall`). */
  hall: () => Promise<HallSettings | null>
  /** The community profile and the hall's settings together: both are `settings` documents, one query. */
  homeSettings: () => Promise<{ profile: CommunityProfile | null, hall: HallSettings | null }>
  /** Duty shifts of one Shanghai date (YYYY-MM-DD). */
  dutyOn: (date: string) => Promise<DutyRecord[]>
}

export interface CommunityDeps {
  directory: CommunityDirectory
  /** "Open now" and "on duty now" are read on this clock. */
  clock: Clock
}
