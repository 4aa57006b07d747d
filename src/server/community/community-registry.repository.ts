/** Directory writes and staff reads (CommunityRegistry) over the CloudBase SDK. */
import type { DutyRecord, HallSettings, HouseholdRecord, UserRecord } from '../../core/community/community.model'
import { DEFAULT_COMMUNITY_ID } from '../../core/community/community.model'
import { communityOf } from './street.repository'
import type { CommunityRegistry, DirectoryLevel, DirectoryRow } from '../../core/community/directory.ports'
import type { Db } from '../db/client'
import { dataOf, getById, insertIfAbsent } from '../db/client'
import { keyIn, unscoped } from '../db/community-scope'

/** Roles held per community (issue 20): they stay with the community that granted them. */
const STAFF_ROLES = ['grid_worker', 'staff', 'admin', 'tutor'] as const

const changed = (res: unknown): number =>
  Number((res as { updated?: number; deleted?: number }).updated ?? (res as { deleted?: number }).deleted ?? 0)

/** Which field links each level to its parent. */
const parentField: Record<DirectoryLevel, string | null> = {
  grids: null,
  buildings: 'gridId',
  units: 'buildingId',
  households: 'unitId',
  members: 'householdId'
}

export function communityRegistry(db: Db): CommunityRegistry {
  const _ = db.command
  // One `settings/hall` per community, unique across the street (keyIn).
  const hallId = keyIn(db, 'hall')
  const ensureHall = async (): Promise<void> => {
    if (await getById<HallSettings>(db, 'settings', hallId)) return
    // Two staff saving the first settings at once: one insert wins, the other's update follows it.
    await insertIfAbsent(db, 'settings', {
      _id: hallId,
      weekly: [[], [], [], [], [], [], []],
      exceptions: [],
      hotlines: []
    })
  }
  return {
    async householdByCode(code) {
      return (
        dataOf<HouseholdRecord>(await db.collection('households').where({ bindCode: code }).limit(1).get())[0] ?? null
      )
    },
    async setCode(householdId, code) {
      const res = await db.collection('households').where({ _id: householdId }).update({ bindCode: code })
      return changed(res) === 1
    },
    async rotateCode(householdId, oldCode, newCode) {
      // Conditional on the old code: two residents entering the same code at once both find the
      // household, but only one update matches `bindCode: oldCode`; the other binds nothing.
      const res = await db
        .collection('households')
        .where({ _id: householdId, bindCode: oldCode })
        .update({ bindCode: newCode })
      return changed(res) === 1
    },
    async bindUser(openId, household, nameIfNew, now, self = false) {
      // One's own record is one's own in any community: binding a home here may move it from another community,
      // where this community could neither find nor change it (db/community-scope.ts, the street's people).
      const people = self ? unscoped(db) : db
      const existing = await getById<UserRecord>(people, 'users', openId)
      // A resident belongs to the community of their household (issue 20): the one this call acts in.
      const here = communityOf(db)
      const place = { householdId: household._id, gridId: household.gridId, communityId: here }
      if (existing) {
        const home = existing.communityId === undefined ? DEFAULT_COMMUNITY_ID : existing.communityId
        const held = Array.isArray(existing.roles) ? existing.roles : []
        // Moving one's home to another community: the staff roles held at the old home stay there (rolesIn), as
        // staff roles are held per community; the rest (resident, family, volunteer, street roles) come along.
        const moving = home !== null && home !== here
        const left = moving ? held.filter(r => (STAFF_ROLES as readonly string[]).includes(r)) : []
        const kept = held.filter(r => !left.includes(r))
        const roles = kept.includes('resident') ? kept : [...kept, 'resident']
        const rolesIn = left.length > 0 && home ? { rolesIn: { ...(existing.rolesIn ?? {}), [home]: left } } : {}
        // A grid worker's gridId is the grid she looks after (set by her invite), not where she
        // lives: binding her own home must not move her work to her home's grid.
        const keepsGrid = kept.includes('grid_worker')
        await people
          .collection('users')
          .doc(openId)
          .update({ ...(keepsGrid ? { householdId: household._id, communityId: here } : place), roles, ...rolesIn })
        return
      }
      const user: UserRecord = {
        _id: openId,
        name: nameIfNew,
        roles: ['resident'],
        phone: null,
        memberId: null,
        ...place,
        createdAt: now
      }
      await db.collection('users').add(user)
    },
    async list(q) {
      const where: Record<string, unknown> = {}
      const parent = parentField[q.level]
      if (parent && q.parentId) where[parent] = q.parentId
      if (q.gridId) where[q.level === 'grids' ? '_id' : 'gridId'] = q.gridId
      const skip = q.cursor ? Math.max(0, Number.parseInt(q.cursor, 10) || 0) : 0
      const order = q.level === 'households' || q.level === 'members' ? '_id' : 'order'
      const rows = dataOf<DirectoryRow>(
        await db
          .collection(q.level)
          .where(where)
          .orderBy(order, 'asc')
          .orderBy('_id', 'asc')
          .skip(skip)
          .limit(q.limit + 1)
          .get()
      )
      return { items: rows.slice(0, q.limit), cursor: rows.length > q.limit ? String(skip + q.limit) : null }
    },
    async updateMember(id, patch) {
      const res = await db.collection('members').where({ _id: id }).update(patch)
      return changed(res) === 1 || (await getById(db, 'members', id)) !== null
    },
    async setHead(level, id, memberId) {
      const res = await db.collection(level).where({ _id: id }).update({ headMemberId: memberId })
      return changed(res) === 1 || (await getById(db, level, id)) !== null
    },
    duty: async (fromDate, toDate) =>
      dataOf<DutyRecord>(
        await db
          .collection('duty_roster')
          .where({ date: _.gte(fromDate).and(_.lte(toDate)) })
          .limit(1000)
          .get()
      ),
    async saveDuty(d) {
      const { _id, ...rest } = d
      await db.collection('duty_roster').doc(_id).set(rest)
    },
    async removeDuty(id) {
      const res = await db.collection('duty_roster').where({ _id: id }).remove()
      return changed(res) === 1
    },
    async setHallFields(fields) {
      await ensureHall()
      await db.collection('settings').doc(hallId).update(fields)
    },
    async setHallDay(date, day) {
      await ensureHall()
      // Pull then push, each one atomic update: two staff editing different dates at once both
      // keep their change (a read-modify-write of the whole list would drop one).
      await db
        .collection('settings')
        .doc(hallId)
        .update({ exceptions: _.pull({ date }) })
      if (day)
        await db
          .collection('settings')
          .doc(hallId)
          .update({ exceptions: _.push([day]) })
    }
  }
}
