/** The volunteers context's collections and indexes (spread into src/server/db/collections.ts). */
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
      { name: 'status_end', keys: { status: 1, endAt: 1 } }
    ]
  },
  // `_id` = volunteerId: the time ranges a person holds, changed by conditional update on `version`
  { name: 'vol_ledgers', indexes: [] },
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
      { name: 'status_start', keys: { status: 1, startAt: 1 } }
    ]
  },
  { name: 'vol_posts', indexes: [] },
  // `_id` = `${postId}:${volunteerId}`
  { name: 'vol_post_claims', indexes: [{ name: 'volunteer', keys: { volunteerId: 1, active: 1 } }] },
  // `_id` = serial number (CH-2026-000001)
  { name: 'vol_certificates', indexes: [{ name: 'volunteer', keys: { volunteerId: 1 } }] },
  // certificate sequences per year; the check-in HMAC secret
  { name: 'vol_counters', indexes: [] },
  { name: 'vol_secrets', indexes: [] }
]
