/**
 * Storage of inspections (巡检): checklists (`grid_checklists`), inspections (`grid_inspections`, one per checklist and
 * period by `_id`), and the community's grids and people as they name them.
 * Every read and write goes through the scoped database (db/community-scope.ts): another community's checklist,
 * building or grid is simply not found.
 */
import type { GridRecord, UserRecord } from '../../core/community/community.model'
import type { ChecklistRecord, InspectionRecord } from '../../core/grid/grid.model'
import type { ChecklistStore, GridPlaces, InspectionStore } from '../../core/grid/grid.ports'
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
    async finish(id, results, now) {
      // reporting → done, conditional: the call, its retry and the tick finishing it together mark it once (each
      // names the same reports: openReport's ids are made from the inspection and the item).
      const res = await inspections
        .where({ _id: id, state: 'reporting' })
        .update({ state: 'done', results, updatedAt: now })
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

export function gridPlaces(db: Db): GridPlaces {
  return {
    // A community has 8 grids or so (research/seeds-catalog.md): one read.
    grids: async () => dataOf<GridRecord>(await db.collection('grids').orderBy('order', 'asc').limit(1000).get()),
    async people(ids) {
      const users = await lookup<UserRecord>(db, 'users', ids)
      return new Map([...users].map(([id, u]) => [id, { name: u.name ?? '', roles: [...(u.roles ?? [])] }]))
    }
  }
}
