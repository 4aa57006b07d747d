/**
 * The `notifications` function's actions: the inbox, the subscribe-grant ledger, preferences,
 * and for staff the offline outbox, the phone follow-up list and community notices.
 */
import type { Caller } from '../../core/community/caller'
import { hasAnyRole } from '../../core/community/caller'
import { maskPhone } from '../../core/community/mask-phone'
import type { FollowUpRecord, GrantRecord, InboxItem, OutboxRecord, PrefsRecord } from '../../core/notifications/notification.model'
import * as s from '../../core/notifications/notifications.schemas'
import type { TemplateKey } from '../../core/notifications/notify.port'
import type { TemplateSpec } from '../../core/notifications/template-fields'
import { describeMessage } from '../../core/notifications/template-fields'
import type { Clock } from '../../core/shared/clock'
import { serverClock } from '../clock'
import { fail, ok } from '../../core/shared/wire'
import type { AuditPort } from '../../core/shared/audit'
import { auditWriter } from '../audit'
import type { Db } from '../db/client'
import { countWhere, getById, getDb, insertIfAbsent, updatedOf as updated } from '../db/client'
import { pageNewestFirst } from '../db/page'
import type { ActionTable } from '../router'
import { action } from '../router'
import { templatesFromEnv } from './templates.config'
import { broadcast, broadcastAudience, broadcastView, type BroadcastRecord } from './broadcast'

export interface NotificationsDeps {
  db: Db
  clock: Clock
  audit: AuditPort
  templates: Record<TemplateKey, TemplateSpec>
}

export function notificationsDeps (): NotificationsDeps {
  const db = getDb()
  return { db, clock: serverClock, audit: auditWriter(db, serverClock), templates: templatesFromEnv() }
}

const iso = (d: Date | string): string => new Date(d).toISOString()
const staff = ['staff', 'admin'] as const

export const copy = {
  notFound: '没有找到这条记录',
  notYours: '这条记录不在您负责的网格内'
}

export const notificationsActions: ActionTable<NotificationsDeps> = {
  inboxList: action({
    schema: s.inboxListInput,
    roles: 'anyone',
    async run ({ db }, input, caller) {
      const page = await pageNewestFirst<InboxItem>(db, 'inbox', { to: caller.openId }, 'createdAt', input.cursor)
      return ok({
        items: page.rows.map(i => ({ id: i._id, kind: i.kind, title: i.title, body: i.body, link: i.link, urgent: i.urgent, createdAt: iso(i.createdAt), read: i.readAt !== null })),
        cursor: page.cursor,
        unread: await unreadOf(db, caller.openId)
      })
    }
  }),

  unreadCount: action({
    schema: s.unreadInput,
    roles: 'anyone',
    async run ({ db }, _input, caller) {
      return ok({ count: await unreadOf(db, caller.openId) })
    }
  }),

  markRead: action({
    schema: s.markReadInput,
    roles: 'anyone',
    async run ({ db, clock }, input, caller) {
      const _ = db.command
      // `to: caller` in the filter: nobody can touch another person's items, whatever ids they send.
      const where = 'ids' in input ? { to: caller.openId, readAt: null, _id: _.in(input.ids) } : { to: caller.openId, readAt: null }
      const res = await db.collection('inbox').where(where).update({ readAt: clock.now() })
      return ok({ marked: updated(res), unread: await unreadOf(db, caller.openId) })
    }
  }),

  templateIds: action({
    schema: s.templateIdsInput,
    roles: 'anyone',
    async run ({ templates }, input) {
      return ok({ templateIds: Object.fromEntries(input.keys.map(k => [k, templates[k].id])) })
    }
  }),

  reportGrants: action({
    schema: s.reportGrantsInput,
    roles: 'anyone',
    // A retried report must not count the same taps twice.
    idempotent: true,
    async run ({ db, clock }, input, caller) {
      const _ = db.command
      const now = clock.now()
      const counts: Record<string, number> = {}
      for (const { template, result } of input.results) {
        const id = `${caller.openId}:${template}`
        if (result === 'accept') {
          // Increment if the ledger row exists, else create it; a concurrent create makes us increment.
          if (updated(await db.collection('grants').doc(id).update({ count: _.inc(1), updatedAt: now })) !== 1) {
            const row: GrantRecord = { _id: id, openId: caller.openId, template, count: 1, updatedAt: now }
            if (!(await insertIfAbsent(db, 'grants', { ...row }))) await db.collection('grants').doc(id).update({ count: _.inc(1), updatedAt: now })
          }
        } else if (result === 'ban') {
          // The user switched this template off in WeChat's settings: nothing we hold is usable.
          await db.collection('grants').where({ _id: id }).update({ count: 0, updatedAt: now })
        }
        counts[template] = (await getById<GrantRecord>(db, 'grants', id))?.count ?? 0
      }
      return ok({ grants: counts })
    }
  }),

  getPrefs: action({
    schema: s.prefsInput,
    roles: 'anyone',
    async run ({ db }, _input, caller) {
      const prefs = await getById<PrefsRecord>(db, 'notify_prefs', caller.openId)
      return ok({ mutedTopics: prefs?.mutedTopics ?? [], topics: s.mutableTopics.map(t => ({ key: t, label: s.topicLabels[t] })) })
    }
  }),

  setPrefs: action({
    schema: s.setPrefsInput,
    roles: 'anyone',
    async run ({ db, clock, audit }, input, caller) {
      const mutedTopics = [...new Set(input.mutedTopics)]
      const record: PrefsRecord = { _id: caller.openId, mutedTopics, updatedAt: clock.now() }
      await db.collection('notify_prefs').doc(caller.openId).set({ mutedTopics, updatedAt: record.updatedAt })
      await audit.record({ actor: caller.openId, action: 'notifications.set-prefs', target: `notify_prefs/${caller.openId}`, data: { mutedTopics } })
      return ok({ mutedTopics })
    }
  }),

  outboxList: action({
    schema: s.outboxListInput,
    roles: staff,
    async run ({ db, templates }, input) {
      const page = await pageNewestFirst<OutboxRecord>(db, 'outbox', {}, 'at', input.cursor)
      // Recipients by name: staff read "王秀兰", not an OPENID.
      const ids = [...new Set(page.rows.map(o => o.to))]
      const users = ids.length === 0 ? [] : (await db.collection('users').where({ _id: db.command.in(ids) }).field({ name: true }).limit(100).get()).data as Array<{ _id: string, name: string }>
      const names = new Map(users.map(u => [u._id, u.name]))
      return ok({
        items: page.rows.map(o => ({
          id: o._id, to: o.to, toName: names.get(o.to) ?? null, kind: o.kind, templateId: o.templateId, page: o.page, at: iso(o.at),
          ...describeMessage(templates, o.templateId, o.data)
        })),
        cursor: page.cursor
      })
    }
  }),

  followUps: action({
    schema: s.followUpListInput,
    roles: ['grid_worker', 'staff', 'admin'],
    async run ({ db }, input, caller) {
      const where: Record<string, unknown> = { status: input.status }
      if (!hasAnyRole(caller, staff)) where.gridId = caller.gridId
      const page = await pageNewestFirst<FollowUpRecord>(db, 'follow_ups', where, 'dueAt', input.cursor)
      // The people on this list have to be phoned: the number is shown in full, to these roles only.
      return ok({
        items: page.rows.map(f => ({ id: f._id, name: f.name, phone: f.phone, say: f.say, urgent: f.urgent, reason: f.reason, dueAt: iso(f.dueAt), status: f.status, note: f.note })),
        cursor: page.cursor
      })
    }
  }),

  followUpDone: action({
    schema: s.followUpDoneInput,
    roles: ['grid_worker', 'staff', 'admin'],
    async run ({ db, clock, audit }, input, caller) {
      const entry = await getById<FollowUpRecord>(db, 'follow_ups', input.id)
      if (!entry) return fail('NOT_FOUND', copy.notFound)
      if (!mayHandle(caller, entry)) return fail('FORBIDDEN', copy.notYours)
      const now = clock.now()
      // Only an open entry is ticked off; a second tick (two staff at once) changes nothing.
      const res = await db.collection('follow_ups').where({ _id: input.id, status: 'open' }).update({ status: 'done', doneBy: caller.openId, doneAt: now, note: input.note || null })
      if (updated(res) === 1) {
        await audit.record({ actor: caller.openId, action: 'notifications.follow-up-done', target: `follow_ups/${input.id}`, reason: input.note || undefined, data: { phone: entry.phone ? maskPhone(entry.phone) : null } })
      }
      return ok({ id: input.id, status: 'done' as const })
    }
  }),

  broadcast: action({
    schema: s.broadcastInput,
    roles: staff,
    async run (deps, input, caller) {
      return ok(await broadcast(deps, input, caller))
    }
  }),

  /** The preview's figures: how many households (and people) a notice would reach now. */
  broadcastAudience: action({
    schema: s.broadcastAudienceInput,
    roles: staff,
    async run ({ db }) {
      return ok(await broadcastAudience(db))
    }
  }),

  broadcastProgress: action({
    schema: s.broadcastProgressInput,
    roles: staff,
    async run ({ db }, input) {
      const b = await getById<BroadcastRecord>(db, 'broadcasts', input.id)
      if (!b) return fail('NOT_FOUND', copy.notFound)
      return ok(broadcastView(b))
    }
  })
}

async function unreadOf (db: Db, openId: string): Promise<number> {
  return await countWhere(db, 'inbox', { to: openId, readAt: null })
}

function mayHandle (caller: Caller, entry: FollowUpRecord): boolean {
  return hasAnyRole(caller, staff) || (entry.gridId !== null && entry.gridId === caller.gridId)
}


