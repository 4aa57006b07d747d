/**
 * Household visits (走访) and the grid's record of each household (priority tags, last visit) over the CloudBase
 * SDK. A household's record changes by one conditional update on the version read, so a visit and a tag edit at once
 * both land; a visit's `_id` comes from its requestId, so a retried visit is one visit.
 */
import type { GridRecord, HouseholdRecord } from '../../core/community/community.model'
import type { HouseholdCareRecord, VisitRecord } from '../../core/grid/grid.model'
import type { HouseholdDirectory, VisitStore } from '../../core/grid/grid.ports'
import { dataOf, getById, insertIfAbsent, updatedOf, type Db } from '../db/client'
import { pageByKey, pageNewestFirst } from '../db/page'

const VISITS = 'grid_visits'
const CARE = 'grid_households'

/** `set`/`update` take the document without its `_id`. */
const body = <T extends { _id: string }>({ _id, ...rest }: T): Omit<T, '_id'> => rest

export function visitStore(db: Db): VisitStore {
  const _ = db.command
  return {
    add: async visit => await insertIfAbsent(db, VISITS, visit as VisitRecord & Record<string, unknown>),
    byId: async id => await getById<VisitRecord>(db, VISITS, id),
    ofHousehold: async (householdId, cursor) =>
      await pageNewestFirst<VisitRecord>(db, VISITS, { householdId }, 'at', cursor ?? undefined),
    followUps: async (gridId, open, cursor) =>
      await pageByKey<VisitRecord>(
        db,
        VISITS,
        { followUpOpen: open, followUpDueAt: _.neq(null), ...(gridId === null ? {} : { gridId }) },
        open ? 'followUpDueAt' : 'updatedAt',
        open ? 'asc' : 'desc',
        cursor ?? undefined
      ),
    // On the version read: marking done and undone at once (two phones) settle as one of them, never both halves.
    setFollowUp: async (id, version, followUp, open, at) =>
      updatedOf(
        await db
          .collection(VISITS)
          .where({ _id: id, version })
          .update({ followUp, followUpOpen: open, updatedAt: at, version: _.inc(1) })
      ) === 1,
    care: async householdId => await getById<HouseholdCareRecord>(db, CARE, householdId),
    cares: async ids =>
      ids.length === 0
        ? []
        : dataOf<HouseholdCareRecord>(
            await db
              .collection(CARE)
              .where({ _id: _.in(ids) })
              .limit(1000)
              .get()
          ),
    // First write of a household's record: one insert wins; the loser reads it and updates on its version.
    createCare: async care => await insertIfAbsent(db, CARE, care as HouseholdCareRecord & Record<string, unknown>),
    // The version read is the condition: a visit and a tag edit at once never overwrite each other's fields.
    updateCare: async care =>
      updatedOf(
        await db
          .collection(CARE)
          .where({ _id: care._id, version: care.version })
          .update({ ...body(care), version: _.inc(1) })
      ) === 1,
    priority: async (gridId, cursor) =>
      await pageByKey<HouseholdCareRecord>(
        db,
        CARE,
        gridId === null ? { dueAt: _.neq(null) } : { gridId, dueAt: _.neq(null) },
        'dueAt',
        'asc',
        cursor ?? undefined
      )
  }
}

export function householdDirectory(db: Db): HouseholdDirectory {
  const _ = db.command
  return {
    household: async id => await getById<HouseholdRecord>(db, 'households', id),
    grid: async id => await getById<GridRecord>(db, 'grids', id),
    async households(gridId, after, limit) {
      const where: Record<string, unknown> = gridId === null ? {} : { gridId }
      if (after) where._id = _.gt(after)
      return dataOf<HouseholdRecord>(
        await db.collection('households').where(where).orderBy('_id', 'asc').limit(limit).get()
      )
    },
    byIds: async ids =>
      ids.length === 0
        ? []
        : dataOf<HouseholdRecord>(
            await db
              .collection('households')
              .where({ _id: _.in(ids) })
              .limit(1000)
              .get()
          )
  }
}
