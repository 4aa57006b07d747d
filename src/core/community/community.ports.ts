/**
 * What the community use cases need from storage. Reads only: every method is one query, so the
 * use case decides what to fetch in parallel.
 */
import type { Clock } from '../shared/clock'
import type {
  CommunityProfile,
  CountedCollection,
  DutyRecord,
  HallSettings,
  HouseholdRecord,
  MemberRecord,
  UserRecord
} from './community.model'

export interface CommunityDirectory {
  profile: () => Promise<CommunityProfile | null>
  user: (openId: string) => Promise<UserRecord | null>
  member: (id: string) => Promise<MemberRecord | null>
  household: (id: string) => Promise<HouseholdRecord | null>
  /**
   * The caller's own part of the home page, in one query: where `householdId` is and who looks after
   * it (null without one, or when it is gone), and how many records each of `counted` holds (in one
   * grid when scoped). Read beside `userId`'s own `users` record: an aggregate needs a document to
   * start from, and a caller's own record is there whenever the router found their household or roles.
   */
  callerHome: <C extends CountedCollection>(query: {
    userId: string
    householdId: string | null
    counted: readonly C[]
    scope: { gridId?: string }
  }) => Promise<{ residence: Residence | null; counts: Record<C, number> }>
  /** The hall's hours, exceptions and hotlines (`settings/hall`). */
  hall: () => Promise<HallSettings | null>
  /**
   * The community's profile (`communities`), its hall's settings and how many communities the street has (a visitor
   * of a street of several is asked to choose theirs), in one query.
   */
  homeSettings: () => Promise<{ profile: CommunityProfile | null; hall: HallSettings | null; streetSize?: number }>
  /** Duty shifts of one Shanghai date (YYYY-MM-DD). */
  dutyOn: (date: string) => Promise<DutyRecord[]>
}

/**
 * A person to call about one's home: the phone leaves the server masked (home.usecase), or whole
 * on a tap (callContact, which audits whose number it gave: `id`, in `users` for the grid worker,
 * in `members` for a head).
 */
export interface ContactPerson {
  id: string
  name: string
  phone: string | null
}

/** A household's grid, building and unit by name, and its grid worker and the two heads. */
export interface Residence {
  grid: string
  building: string
  unit: string
  worker: ContactPerson | null
  buildingHead: ContactPerson | null
  unitHead: ContactPerson | null
}

export interface CommunityDeps {
  directory: CommunityDirectory
  /** "Open now" and "on duty now" are read on this clock. */
  clock: Clock
}
