/**
 * The notifications actions' storage (core/notifications/notifications.ports.ts): inbox, grant
 * ledger, preferences, offline outbox, phone follow-up list and community notices. Guarded writes
 * are single conditional operations; each says which race it closes.
 */
import type { UserRecord } from '../../core/community/community.model'
import type {
  BroadcastRecord,
  FollowUpRecord,
  GrantRecord,
  InboxItem,
  OutboxRecord,
  PrefsRecord
} from '../../core/notifications/notification.model'
import type { BroadcastStore, NotificationsStore } from '../../core/notifications/notifications.ports'
import type { Db } from '../db/client'
import { countWhere, dataOf, getById, insertIfAbsent, updatedOf } from '../db/client'
import { unscoped } from '../db/community-scope'
import { keysetFilter, keysetPage, PAGE_SIZE, pageNewestFirst } from '../db/page'

export function notificationsRepository(db: Db): NotificationsStore {
  const _ = db.command
  const grantId = (openId: string, template: string): string => `${openId}:${template}`
  /**
   * A person's own inbox is theirs in every community of the street (issue 20): a volunteer serving another community
   * is told there, and reads it wherever their app is. Only by `to` (the caller), on the street-wide indexes.
   */
  const own = unscoped(db)
  return {
    async inboxPage(to, cursor) {
      // The page and the unread count of the whole inbox in one request (issue 19: a read ≤ 2,
      // router included), each a sub-pipeline of a `lookup` (CloudBase's aggregate lookup with a
      // pipeline, docs.cloudbase.net/api-reference/server/node-sdk/database/aggregate/stages/lookup).
      // Bounded however big the inbox: the page is 21 rows by the to_createdAt index, the count one
      // number by to_readAt (exact: the app shows it as is). Anchored on one item of the inbox:
      // none there means an empty inbox, which needs no more.
      const $ = db.command.aggregate
      const res = (await own
        .collection('inbox')
        .aggregate()
        .match({ to })
        .limit(1)
        .project({ _id: 1 })
        .lookup({
          from: 'inbox',
          let: {},
          pipeline: $.pipeline()
            .match(keysetFilter(db, { to }, 'createdAt', 'desc', cursor))
            .sort({ createdAt: -1, _id: -1 })
            .limit(PAGE_SIZE + 1)
            .done(),
          as: 'items'
        })
        .lookup({
          from: 'inbox',
          let: {},
          pipeline: $.pipeline().match({ to, readAt: null }).count('n').done(),
          as: 'unread'
        })
        .end()) as { data?: Array<{ items: InboxItem[]; unread: Array<{ n: number }> }> }
      const row = res.data?.[0]
      // No unread item gives no `$count` row: none.
      return { ...keysetPage(row?.items ?? [], 'createdAt'), unread: row?.unread[0]?.n ?? 0 }
    },
    unreadCount: async to => await countWhere(own, 'inbox', { to, readAt: null }),
    async markRead(to, ids, at) {
      // `to` in the filter: nobody can touch another person's items, whatever ids they send.
      const where = ids ? { to, readAt: null, _id: _.in(ids) } : { to, readAt: null }
      return updatedOf(await own.collection('inbox').where(where).update({ readAt: at }))
    },
    async addGrant(openId, template, at) {
      const id = grantId(openId, template)
      // Increment if the ledger row exists, else create it; a concurrent create makes us increment.
      if (
        updatedOf(
          await db
            .collection('grants')
            .doc(id)
            .update({ count: _.inc(1), updatedAt: at })
        ) === 1
      )
        return
      const row: GrantRecord = { _id: id, openId, template, count: 1, updatedAt: at }
      if (!(await insertIfAbsent(db, 'grants', { ...row })))
        await db
          .collection('grants')
          .doc(id)
          .update({ count: _.inc(1), updatedAt: at })
    },
    async clearGrants(openId, template, at) {
      await db
        .collection('grants')
        .where({ _id: grantId(openId, template) })
        .update({ count: 0, updatedAt: at })
    },
    grantsLeft: async (openId, template) =>
      (await getById<GrantRecord>(db, 'grants', grantId(openId, template)))?.count ?? 0,
    prefs: async openId => await getById<PrefsRecord>(db, 'notify_prefs', openId),
    async savePrefs(prefs) {
      await db
        .collection('notify_prefs')
        .doc(prefs._id)
        .set({ mutedTopics: prefs.mutedTopics, updatedAt: prefs.updatedAt })
    },
    outboxPage: async cursor => await pageNewestFirst<OutboxRecord>(db, 'outbox', {}, 'at', cursor),
    async userNames(ids) {
      if (ids.length === 0) return new Map()
      const users = dataOf<Pick<UserRecord, '_id' | 'name'>>(
        await db
          .collection('users')
          .where({ _id: _.in(ids) })
          .field({ name: true })
          .limit(100)
          .get()
      )
      return new Map(users.map(u => [u._id, u.name]))
    },
    followUpPage: async (filter, cursor) =>
      await pageNewestFirst<FollowUpRecord>(db, 'follow_ups', filter, 'dueAt', cursor),
    followUp: async id => await getById<FollowUpRecord>(db, 'follow_ups', id),
    async closeFollowUp(id, { by, at, note }) {
      // Only an open entry: of two staff ticking it at once, one changes it.
      return (
        updatedOf(
          await db
            .collection('follow_ups')
            .where({ _id: id, status: 'open' })
            .update({ status: 'done', doneBy: by, doneAt: at, note })
        ) === 1
      )
    }
  }
}

export function broadcastRepository(db: Db): BroadcastStore {
  const _ = db.command
  const recipients = (): Record<string, unknown> => ({ householdId: _.neq(null) })
  return {
    create: async record => await insertIfAbsent(db, 'broadcasts', { ...record }),
    get: async id => await getById<BroadcastRecord>(db, 'broadcasts', id),
    async setTotal(id, total) {
      await db.collection('broadcasts').doc(id).update({ total })
    },
    recipientCount: async () => await countWhere(db, 'users', recipients()),
    async audience() {
      // The preview's two figures in one aggregation (issue 19: a read ≤ 2, router included): the
      // recipients grouped by household, so a family of four counts once, then the groups summed.
      // docs.cloudbase.net/api-reference/server/node-sdk/database/aggregate/stages/group
      const $ = db.command.aggregate
      const res = (await db
        .collection('users')
        .aggregate()
        .match(recipients())
        .group({ _id: '$householdId', people: $.sum(1) })
        .group({ _id: null, people: $.sum('$people'), households: $.sum(1) })
        .limit(1) // one row; set, as every aggregate here, rather than rely on the platform's default page
        .end()) as { data?: Array<{ people: number; households: number }> }
      // Nobody to reach gives no group at all.
      const row = res.data?.[0]
      return { people: row?.people ?? 0, households: row?.households ?? 0 }
    },
    async recipientsAfter(after, limit) {
      const users = dataOf<Pick<UserRecord, '_id'>>(
        await db
          .collection('users')
          .where({ ...recipients(), _id: _.gt(after) })
          .orderBy('_id', 'asc')
          .field({ _id: true })
          .limit(limit)
          .get()
      )
      return users.map(u => u._id)
    },
    async mutedOf(topic) {
      return new Set(
        dataOf<PrefsRecord>(await db.collection('notify_prefs').where({ mutedTopics: topic }).limit(1000).get()).map(
          p => p._id
        )
      )
    },
    async writeInbox(items) {
      // One batch insert; if some items exist (a run died after writing them), item by item.
      try {
        const res = (await db.collection('inbox').add(items)) as { code?: string }
        if (!res?.code) return
      } catch {
        /* a duplicate fails the whole batch: fall through */
      }
      for (const item of items) await insertIfAbsent(db, 'inbox', { ...item })
    },
    advance: async (id, fromCursor, to) =>
      updatedOf(
        await db
          .collection('broadcasts')
          .where({ _id: id, cursor: fromCursor })
          .update({ done: to.done, cursor: to.cursor, updatedAt: to.at })
      ) === 1,
    finish: async (id, done, at) =>
      updatedOf(
        await db
          .collection('broadcasts')
          .where({ _id: id, finished: false })
          .update({ done, total: done, finished: true, updatedAt: at })
      ) === 1,
    stale: async (before, limit) =>
      dataOf<BroadcastRecord>(
        await db
          .collection('broadcasts')
          .where({ finished: false, updatedAt: _.lte(before) })
          .limit(limit)
          .get()
      ),
    claim: async (b, at) =>
      updatedOf(
        await db
          .collection('broadcasts')
          .where({ _id: b._id, finished: false, updatedAt: b.updatedAt })
          .update({ updatedAt: at })
      ) === 1
  }
}

// Read by staff (dashboard, exports, erasure)
// The staff context reads the phone follow-up list only through this (the workbench's 待办).

import { countJoin as countJoinForStaff, type Join as JoinForStaff } from '../db/join'

/** Follow-ups (电话回访) still open, of one grid or all (joined). */
export function openFollowUpsCountForStaff(db: Db, gridId: string | null, as: string): JoinForStaff {
  return countJoinForStaff(db, 'follow_ups', { status: 'open', ...(gridId ? { gridId } : {}) }, as)
}
