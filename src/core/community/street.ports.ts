/** What the street's use cases (street.usecase.ts, whoami) need from storage (issue 20). */
import type { AuditPort } from '../shared/audit'
import type { Clock } from '../shared/clock'
import type { Page } from '../shared/page'
import type { InviteRecord } from '../staff/staff.model'
import type { BuildingRecord, CommunityRecord, GridRecord, HallSettings, UnitRecord } from './community.model'

/** `communities`, street-wide. */
export interface StreetDirectory {
  /** One page (20) of the communities anyone may pick, in the street's order (unfinished ones left out). */
  page: (cursor: string | undefined) => Promise<Page<CommunityRecord>>
  /** Every community anyone may pick, in order (a street has 5–15): whoami's own read, when not joined. */
  all: () => Promise<CommunityRecord[]>
  get: (id: string) => Promise<CommunityRecord | null>
  /** How many communities are recorded: the new one's place in the street's order. */
  count: () => Promise<number>
  /** Records `record` under its `_id` unless one is there (of two at once, one); true when this call did. */
  begin: (record: CommunityRecord) => Promise<boolean>
  /** Marks the community finished, once (a conditional update): true for the call that did it. */
  finish: (id: string) => Promise<boolean>
}

/**
 * The new community's own records, written through its view of the database. Every write is safe to repeat: a
 * retry of `addCommunity` after a failure between two of them writes the same documents again or skips them.
 */
export interface CommunitySetup {
  setHall: (hall: Omit<HallSettings, '_id'>) => Promise<void>
  /** Adds those of the records not there yet (by `_id`). */
  addMissing: (
    collection: 'grids' | 'buildings' | 'units',
    docs: Array<GridRecord | BuildingRecord | UnitRecord>
  ) => Promise<void>
  /** The first admin's invite (staff_invites, the staff context's record): false when that code is there already. */
  invite: (invite: InviteRecord) => Promise<boolean>
  audit: AuditPort
}

export interface StreetDeps {
  street: StreetDirectory
  /** The community `communityId`'s own records (a street admin adding it writes them). */
  setupOf: (communityId: string) => CommunitySetup
  clock: Clock
  /** Crypto-random 32-bit integers, for the invite code (as the staff context draws them). */
  randomInts: (count: number) => number[]
}
