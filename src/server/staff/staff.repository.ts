/** The staff context's storage behind the ports in src/core/staff/staff.ports.ts. */
import type { UserRecord } from '../../core/community/community.model'
import type { Role } from '../../core/community/roles'
import type { Page } from '../../core/shared/page'
import type { AdminSeats, InviteStore, StaffGrids, StaffUsers, SurveyStore } from '../../core/staff/staff.ports'
import type { InviteRecord, SurveyAnswerRecord, SurveyRecord } from '../../core/staff/staff.model'
import type { Db } from '../db/client'
import { countWhere, getById, insertIfAbsent, updatedOf as updated } from '../db/client'
import { pageNewestFirst } from '../db/page'

const asPage = <T>(p: { rows: T[], cursor: string | null }): Page<T> => ({ items: p.rows, cursor: p.cursor })

export function staffUsers (db: Db): StaffUsers {
  const _ = db.command
  const users = db.collection('users')
  return {
    get: async id => await getById<UserRecord>(db, 'users', id),
    create: async user => await insertIfAbsent(db, 'users', user as unknown as { _id: string } & Record<string, unknown>),
    async addRole (openId, role, set) {
      // `roles: _.neq(role)` matches only while no element equals `role`: of two grants at once,
      // one updates and one finds nothing to do, so the grant is audited (and counted) once.
      const res = await users.where({ _id: openId, roles: _.neq(role) }).update({ roles: _.push(role), ...(set ?? {}) })
      if (updated(res) === 1) return true
      if (set && Object.keys(set).length > 0) await users.doc(openId).update(set)
      return false
    },
    async removeRole (openId, role: Role) {
      const res = await users.where({ _id: openId, roles: role }).update({ roles: _.pull(role) })
      return updated(res) === 1
    },
    async list (filter, cursor) {
      return asPage(await pageNewestFirst<UserRecord>(db, 'users', filter.role ? { roles: filter.role } : {}, 'createdAt', cursor))
    }
  }
}

const SEATS_ID = 'admins'

export function adminSeats (db: Db): AdminSeats {
  const _ = db.command
  const counters = db.collection('staff_counters')
  /** The counter starts from the admins the users collection holds, the first time it is needed. */
  async function ensure (): Promise<void> {
    if (await getById(db, 'staff_counters', SEATS_ID)) return
    const count = await countWhere(db, 'users', { roles: 'admin' })
    await insertIfAbsent(db, 'staff_counters', { _id: SEATS_ID, count })
  }
  return {
    ensure,
    async add () {
      await counters.doc(SEATS_ID).update({ count: _.inc(1) })
    },
    async release () {
      // Only while another admin remains; two admins revoking each other at once: one wins.
      const res = await counters.where({ _id: SEATS_ID, count: _.gt(1) }).update({ count: _.inc(-1) })
      return updated(res) === 1
    }
  }
}

export function inviteStore (db: Db): InviteStore {
  const _ = db.command
  return {
    insert: async invite => await insertIfAbsent(db, 'staff_invites', invite as unknown as { _id: string } & Record<string, unknown>),
    get: async code => await getById<InviteRecord>(db, 'staff_invites', code),
    async consume (code, openId, now) {
      // Read-then-write would let two people both see "unused" and both join; this update
      // matches only an unused, unexpired invite, so exactly one of them changes it.
      const res = await db.collection('staff_invites').where({ _id: code, usedBy: null, expiresAt: _.gt(now) }).update({ usedBy: openId, usedAt: now })
      return updated(res) === 1
    },
    async listOpen (now, cursor) {
      return asPage(await pageNewestFirst<InviteRecord>(db, 'staff_invites', { usedBy: null, expiresAt: _.gt(now) }, 'createdAt', cursor))
    }
  }
}

export function staffGrids (db: Db): StaffGrids {
  return {
    async name (gridId) {
      return (await getById<{ name: string }>(db, 'grids', gridId))?.name ?? null
    },
    async list () {
      const res = await db.collection('grids').orderBy('order', 'asc').limit(100).get()
      return (res.data as Array<{ _id: string, name: string }>).map(g => ({ _id: g._id, name: g.name }))
    },
    async setWorker (gridId, openId) {
      await db.collection('grids').doc(gridId).update({ workerUserId: openId })
    }
  }
}

export function surveyStore (db: Db): SurveyStore {
  const _ = db.command
  return {
    async insert (survey) { await db.collection('staff_surveys').add(survey) },
    get: async id => await getById<SurveyRecord>(db, 'staff_surveys', id),
    async openAt (now) {
      const res = await db.collection('staff_surveys').where({ opensAt: _.lte(now), closesAt: _.gt(now) }).orderBy('opensAt', 'desc').limit(1).get()
      return (res.data as SurveyRecord[])[0] ?? null
    },
    async latest () {
      const res = await db.collection('staff_surveys').orderBy('opensAt', 'desc').limit(1).get()
      return (res.data as SurveyRecord[])[0] ?? null
    },
    answer: async a => await insertIfAbsent(db, 'staff_survey_answers', a as unknown as { _id: string } & Record<string, unknown>),
    hasAnswered: async (surveyId, openId) => (await getById(db, 'staff_survey_answers', `${surveyId}:${openId}`)) !== null,
    async answers (surveyId) {
      return await readAll<SurveyAnswerRecord>(db, 'staff_survey_answers', { surveyId })
    }
  }
}

/** Every matching document, 1000 at a time (the SDK's cap), in `_id` order. */
export async function readAll<T extends { _id: string }> (db: Db, collection: string, where: Record<string, unknown>, max = 50_000): Promise<T[]> {
  const _ = db.command
  const out: T[] = []
  let last: string | null = null
  while (out.length < max) {
    const filter: Record<string, unknown> = last ? { ...where, _id: _.gt(last) } : where
    const res = await db.collection(collection).where(filter).orderBy('_id', 'asc').limit(1000).get()
    const page = res.data as T[]
    out.push(...page)
    if (page.length < 1000) break
    last = page[page.length - 1]._id
  }
  return out
}
