/** Collections of the grid context (网格). Indexes lead with communityId (added by db/collections.ts). */
import type { CollectionSpec } from '../db/collection-spec'

export const gridCollections: CollectionSpec[] = [
  // ---- reports (随手拍/报事)
  {
    name: 'grid_reports',
    indexes: [
      { name: 'reporter_createdAt', keys: { reporterUserId: 1, createdAt: -1 } },
      { name: 'state_createdAt', keys: { state: 1, createdAt: -1 } },
      { name: 'grid_state_createdAt', keys: { gridId: 1, state: 1, createdAt: -1 } },
      { name: 'owner_updatedAt', keys: { ownerUserId: 1, updatedAt: -1 } },
      { name: 'building_category', keys: { 'place.buildingId': 1, category: 1, createdAt: -1 } },
      // 我也遇到: the reports one follows (myReports reads reporter or follower)
      { name: 'followers_createdAt', keys: { followerUserIds: 1, createdAt: -1 } },
      // the community's board (not hidden)
      { name: 'hidden_createdAt', keys: { hidden: 1, createdAt: -1 } },
      // the jobs: overdue to accept, overdue to solve, resolved and unanswered, moves not followed through
      { name: 'state_acceptBy', keys: { state: 1, acceptBy: 1 } },
      { name: 'state_solveBy', keys: { state: 1, solveBy: 1 } },
      { name: 'state_resolvedAt', keys: { state: 1, resolvedAt: 1 } },
      { name: 'untold_at', keys: { 'untold.at': 1 } },
      // The month's figures and its Open311 export (figures.repository.ts): the reports made in a month.
      { name: 'createdAt', keys: { createdAt: 1 } }
    ]
  },
  // ---- patrols (巡查)
  {
    name: 'grid_patrols',
    indexes: [
      // One open patrol per worker (patrol.repository.ts): openKey is the worker while open, the patrol once closed.
      { name: 'openKey', keys: { openKey: 1 }, unique: true },
      { name: 'worker_startedAt', keys: { workerUserId: 1, startedAt: -1 } },
      { name: 'endedAt_startedAt', keys: { endedAt: 1, startedAt: 1 } }
    ]
  },
  // ---- household visits (走访)
  {
    name: 'grid_visits',
    indexes: [
      { name: 'household_at', keys: { householdId: 1, at: -1 } },
      { name: 'followUp_grid_due', keys: { followUpOpen: 1, gridId: 1, followUpDueAt: 1 } },
      { name: 'at', keys: { at: -1 } }
    ]
  },
  // priority tags and last visit per household, _id = householdId
  { name: 'grid_households', indexes: [{ name: 'grid_dueAt', keys: { gridId: 1, dueAt: 1 } }] },
  // ---- inspections (巡检)
  {
    name: 'grid_checklists',
    indexes: [{ name: 'grid_active', keys: { gridId: 1, active: 1 } }]
  },
  {
    // `_id` is `${checklistId}:${periodKey}`: one inspection per checklist per period.
    name: 'grid_inspections',
    indexes: [
      { name: 'checklist_inspectedAt', keys: { checklistId: 1, inspectedAt: -1 } },
      { name: 'grid_inspectedAt', keys: { gridId: 1, inspectedAt: -1 } },
      { name: 'state_updatedAt', keys: { state: 1, updatedAt: 1 } }
    ]
  }
]
