/**
 * Writes and staff reads of the community directory (binding, heads, members, duty roster, hall
 * days). Guarded writes are single conditional operations; the repository says which race each
 * one closes.
 */
import type { AuditPort } from '../shared/audit'
import type { Clock } from '../shared/clock'
import type { Page } from '../shared/page'
import type { CommunityDeps } from './community.ports'
import type { StreetDeps } from './street.ports'
import type {
  BuildingRecord,
  DutyRecord,
  GridRecord,
  HallSettings,
  HouseholdRecord,
  MemberRecord,
  UnitRecord
} from './community.model'

export type DirectoryLevel = 'grids' | 'buildings' | 'units' | 'households' | 'members'

export type DirectoryRow = GridRecord | BuildingRecord | UnitRecord | HouseholdRecord | MemberRecord

export interface CommunityRegistry {
  householdByCode: (code: string) => Promise<HouseholdRecord | null>
  /** Set a fresh code whatever the old one was (staff issuing one to hand over). */
  setCode: (householdId: string, code: string) => Promise<boolean>
  /** Replace the code only if it is still `oldCode`: of two people entering it at once, one binds. */
  rotateCode: (householdId: string, oldCode: string, newCode: string) => Promise<boolean>
  /** Point a user at a household, creating the user (a resident) if they have no record yet. */
  /**
   * Binds `openId` to `household`. `self`: the person binds their own home, and their record is theirs wherever it
   * belonged (a move from another community); else staff bind someone of this community.
   */
  bindUser: (openId: string, household: HouseholdRecord, nameIfNew: string, now: Date, self?: boolean) => Promise<void>
  list: (q: {
    level: DirectoryLevel
    parentId?: string
    gridId?: string
    cursor?: string
    limit: number
  }) => Promise<Page<DirectoryRow>>
  updateMember: (id: string, patch: Partial<Pick<MemberRecord, 'name' | 'phone' | 'relation'>>) => Promise<boolean>
  setHead: (level: 'buildings' | 'units', id: string, memberId: string | null) => Promise<boolean>
  duty: (fromDate: string, toDate: string) => Promise<DutyRecord[]>
  saveDuty: (d: DutyRecord) => Promise<void>
  removeDuty: (id: string) => Promise<boolean>
  setHallDay: (date: string, day: HallSettings['exceptions'][number] | null) => Promise<void>
  setHallFields: (fields: Partial<Pick<HallSettings, 'weekly' | 'hotlines'>>) => Promise<void>
}

export interface CommunityAdminDeps extends CommunityDeps, StreetDeps {
  registry: CommunityRegistry
  audit: AuditPort
  clock: Clock
  /** A fresh household bind code (8 characters, no look-alikes). */
  newCode: () => string
  newId: (prefix: string) => string
}
