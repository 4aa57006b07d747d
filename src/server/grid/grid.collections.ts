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
      // The month's figures and its Open311 export (figures.repository.ts): the reports made in a month.
      { name: 'createdAt', keys: { createdAt: 1 } }
    ]
  },
  // ---- patrols (巡查)
  // ---- household visits (走访)
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
