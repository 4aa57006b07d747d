/**
 * The volunteers context's collections and indexes (spread into src/server/db/collections.ts).
 *
 * A volunteer may serve in any community of the street, and their hours and certificate are one record (issue 20).
 * So what belongs to the PERSON is street-wide (`street: true`, read and written as it is), and what belongs to a
 * community's running stays per community (db/community-scope.ts scopes every read and write of it):
 * - street-wide: `volunteers` (the one record; `communityId` in it is the home community, as data: its staff approve
 *   the registration, and its 双报到 posts and quarterly quota apply; declared in collections.ts), `vol_ledgers`
 *   (the time ranges a person holds, so they are never booked at the same time in two communities; each hold names
 *   its claim's community), `vol_certificates` (a certificate lists services in every community; its serial is its
 *   `_id`, so one sequence for the street) with `vol_counters` (that sequence), and `vol_secrets` (one check-in key:
 *   codes are per task id anyway).
 * - per community: teams, tasks, weekly rosters, claims, attendance (the verified hours, stamped with the community
 *   of the task), marks, posts and post claims. The hours of the one record are the person's attendance in every
 *   community, read by volunteerId through `unscoped(db)` and the indexes marked `street` below.
 * A community's staff read the street-wide `volunteers` only with their community named or through their own tasks'
 * claims (a roster): a 社工 of 春晖 sees a 东圣 volunteer only as serving a 春晖 task. `volunteers` is one of the
 * street's people (db/community-scope.ts): read by identity (`_id`, `userId`) anywhere, listed per community (home);
 * a read by id for staff, and a join from another aggregate, name the home community (homeVolunteers).
 */
import type { CollectionSpec } from '../db/collection-spec'

export const volunteersCollections: CollectionSpec[] = [
  { name: 'vol_teams', indexes: [{ name: 'leaderUserId', keys: { leaderUserId: 1 } }] },
  {
    name: 'vol_tasks',
    indexes: [
      { name: 'status_start', keys: { status: 1, startAt: 1 } },
      { name: 'team_start', keys: { teamId: 1, startAt: 1 } }
    ]
  },
  { name: 'vol_series', indexes: [{ name: 'active', keys: { active: 1 } }] },
  // `_id` = `${taskId}:${volunteerId}`: one claim per person and task
  {
    name: 'vol_claims',
    indexes: [
      { name: 'task', keys: { taskId: 1 } },
      { name: 'volunteer_end', keys: { volunteerId: 1, endAt: 1 } },
      // the person's shifts in every community (their own list)
      { name: 'volunteer_end_street', keys: { volunteerId: 1, endAt: 1 }, street: true },
      { name: 'status_end', keys: { status: 1, endAt: 1 } }
    ]
  },
  // `_id` = volunteerId: the time ranges a person holds in every community, changed by conditional update on `version`
  { name: 'vol_ledgers', street: true, indexes: [] },
  // late withdrawals and no-shows, staff only, removed after 6 months
  {
    name: 'vol_marks',
    indexes: [
      { name: 'at', keys: { at: -1 } },
      { name: 'volunteer', keys: { volunteerId: 1 } }
    ]
  },
  // `_id` = claimId: one attendance record per claim, the only source of hours
  {
    name: 'vol_attendance',
    indexes: [
      { name: 'task', keys: { taskId: 1 } },
      { name: 'volunteer_status', keys: { volunteerId: 1, status: 1, startAt: 1 } },
      // the person's verified hours in every community (the one record: totals, certificate, 双报到 quota)
      { name: 'volunteer_status_street', keys: { volunteerId: 1, status: 1, startAt: 1 }, street: true },
      { name: 'status_start', keys: { status: 1, startAt: 1 } }
    ]
  },
  { name: 'vol_posts', indexes: [] },
  // `_id` = `${postId}:${volunteerId}`
  { name: 'vol_post_claims', indexes: [{ name: 'volunteer', keys: { volunteerId: 1, active: 1 } }] },
  // `_id` = serial number (CH-2026-000001), one sequence for the street
  { name: 'vol_certificates', street: true, indexes: [{ name: 'volunteer', keys: { volunteerId: 1 } }] },
  // certificate sequences per year
  { name: 'vol_counters', street: true, indexes: [] },
  // the check-in HMAC secret
  { name: 'vol_secrets', street: true, indexes: [] }
]
