/**
 * Storage of inspections (巡检): checklists (`grid_checklists`), inspections (`grid_inspections`, one per checklist and
 * period by `_id`), the community's places and grids as checklists name them, and the reports failed items become.
 * Every read and write goes through the scoped database (db/community-scope.ts): another community's checklist,
 * building or grid is simply not found.
 */
import type { GridRecord, UserRecord } from '../../core/community/community.model'
import type { ChecklistRecord, InspectionRecord, ReportRecord } from '../../core/grid/grid.model'
import type { ChecklistStore, GridPlaces, InspectionReports, InspectionStore } from '../../core/grid/grid.ports'
import type { Db } from '../db/client'
import { dataOf, getById, insertIfAbsent, updatedOf } from '../db/client'
import { pageById, pageNewestFirst } from '../db/page'
import { lookup, readAll } from '../db/read-all'

export function checklistStore(db: Db): ChecklistStore {
  const _ = db.command
  return {
    insert: async c => await insertIfAbsent(db, 'grid_checklists', { ...c }),
    get: async id => await getById<ChecklistRecord>(db, 'grid_checklists', id),
    async retire(id, version, now) {
      // On the version read and only while active: a retire racing an edit (or a second retire) applies once.
      const res = await db
        .collection('grid_checklists')
        .where({ _id: id, version, active: true })
        .update({ active: false, version: _.inc(1), updatedAt: now })
      return updatedOf(res) === 1
    },
    // `_id` order: checklists are few per grid, and ids never move as titles would.
    page: async ({ gridId, activeOnly, cursor }) =>
      await pageById<ChecklistRecord>(
        db,
        'grid_checklists',
        {
          ...(gridId === null ? {} : { gridId }),
          ...(activeOnly ? { active: true } : {})
        },
        cursor ?? undefined
      ),
    allActive: async () => await readAll<ChecklistRecord>(db, 'grid_checklists', { active: true }, 5000)
  }
}

export function inspectionStore(db: Db): InspectionStore {
  const _ = db.command
  const inspections = db.collection('grid_inspections')
  return {
    insert: async i => await insertIfAbsent(db, 'grid_inspections', { ...i }),
    get: async id => await getById<InspectionRecord>(db, 'grid_inspections', id),
    async some(ids) {
      if (ids.length === 0) return []
      return [...(await lookup<InspectionRecord>(db, 'grid_inspections', ids)).values()]
    },
    async finish(id, now) {
      // reporting → done, conditional: the call, its retry and the tick finishing it together mark it once.
      const res = await inspections.where({ _id: id, state: 'reporting' }).update({ state: 'done', updatedAt: now })
      return updatedOf(res) === 1
    },
    halfDone: async before =>
      dataOf<InspectionRecord>(
        await inspections
          .where({ state: 'reporting', updatedAt: _.lt(before) })
          .orderBy('updatedAt', 'asc')
          .limit(100)
          .get()
      ),
    page: async ({ checklistId, gridId, cursor }) =>
      await pageNewestFirst<InspectionRecord>(
        db,
        'grid_inspections',
        { ...(checklistId ? { checklistId } : {}), ...(gridId === null ? {} : { gridId }) },
        'inspectedAt',
        cursor ?? undefined
      )
  }
}

interface BuildingRow {
  _id: string
  name: string
  gridId: string
  order?: number
}

export function gridPlaces(db: Db): GridPlaces {
  const buildingFields = { _id: true, name: true, gridId: true, order: true }
  return {
    async building(id) {
      const b = await getById<BuildingRow>(db, 'buildings', id)
      return b ? { _id: b._id, name: b.name, gridId: b.gridId } : null
    },
    grid: async id => await getById<GridRecord>(db, 'grids', id),
    // A community has 8 grids and a few dozen buildings (research/seeds-catalog.md): one read each.
    grids: async () => dataOf<GridRecord>(await db.collection('grids').orderBy('order', 'asc').limit(1000).get()),
    buildings: async () =>
      dataOf<BuildingRow>(
        await db.collection('buildings').field(buildingFields).orderBy('order', 'asc').limit(1000).get()
      ).map(b => ({ _id: b._id, name: b.name, gridId: b.gridId })),
    async people(ids) {
      const users = await lookup<UserRecord>(db, 'users', ids)
      return new Map([...users].map(([id, u]) => [id, { name: u.name ?? '', roles: [...(u.roles ?? [])] }]))
    }
  }
}

/** The report a failed item becomes, stored under its deterministic `_id` (see InspectionReports). */
export function inspectionReports(db: Db): InspectionReports {
  return {
    open: async (r: ReportRecord) => await insertIfAbsent(db, 'grid_reports', { ...r })
  }
}
