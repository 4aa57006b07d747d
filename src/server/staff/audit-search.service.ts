/**
 * The audit log, searched by admins: by who, what, which record, on whose behalf, and Shanghai
 * calendar days; newest first, 20 a page. Read only: nothing in the staff context (nor any other)
 * updates or removes an audit entry.
 */
import type { Result } from '../../core/shared/wire'
import { ok } from '../../core/shared/wire'
import { actionsOfCategory, auditActionText, auditTargetText } from '../../core/staff/audit-words.rule'
import { shanghaiInstant } from '../../core/shared/shanghai-time'
import type { Page } from '../../core/shared/page'
import type { SearchAuditInput } from '../../core/staff/staff.schemas'
import type { AuditRecord } from '../audit'
import type { Db } from '../db/client'
import { pageNewestFirst } from '../db/page'

const DAY_MS = 24 * 60 * 60 * 1000

export interface AuditView {
  id: string
  at: string
  actor: string
  actorName: string | null
  action: string
  target: string
  reason: string | null
  onBehalfOf: string | null
  onBehalfOfName: string | null
  data: Record<string, unknown> | null
  /** The action and its target in words (audit-words.rule.ts): what the page shows. */
  actionText: string
  targetText: string
}

export async function searchAudit (db: Db, input: SearchAuditInput): Promise<Result<Page<AuditView>, never>> {
  const _ = db.command
  const where: Record<string, unknown> = {}
  if (input.actor) where.actor = input.actor
  if (input.action) where.action = input.action
  else if (input.category) where.action = _.in(actionsOfCategory(input.category))
  if (input.actorName) {
    // By name, as staff know people; several accounts may share one name.
    const named = await db.collection('users').where({ name: input.actorName }).field({ _id: true }).limit(100).get()
    const ids = (named.data as Array<{ _id: string }>).map(u => u._id)
    if (ids.length === 0 || (input.actor && !ids.includes(input.actor))) return ok({ items: [], cursor: null })
    if (!input.actor) where.actor = _.in(ids)
  }
  if (input.target) where.target = input.target
  if (input.onBehalfOf) where['data.onBehalfOf'] = input.onBehalfOf
  const range = []
  if (input.from) range.push(_.gte(shanghaiInstant(input.from, '00:00')))
  if (input.to) range.push(_.lt(new Date(shanghaiInstant(input.to, '00:00').getTime() + DAY_MS)))
  if (range.length === 1) where.at = range[0]
  if (range.length === 2) where.at = range[0].and(range[1])
  const page = await pageNewestFirst<AuditRecord & { _id: string }>(db, 'audit', where, 'at', input.cursor)
  // Names for the actors and for targets that are accounts (users/<openid>), read in one query.
  const targetUsers = page.rows.map(r => r.target).filter(t => t.startsWith('users/')).map(t => t.slice('users/'.length))
  const behalfs = page.rows.map(r => r.data?.onBehalfOf).filter((b): b is string => typeof b === 'string')
  const actors = [...new Set([...page.rows.map(r => r.actor), ...targetUsers, ...behalfs].filter(a => !a.startsWith('system:')))]
  const names = new Map<string, string>()
  if (actors.length > 0) {
    const res = await db.collection('users').where({ _id: _.in(actors) }).field({ name: true }).limit(100).get()
    for (const u of res.data as Array<{ _id: string, name: string }>) names.set(u._id, u.name)
  }
  return ok({
    items: page.rows.map(r => {
      const data = r.data ?? null
      const behalf = data && typeof data.onBehalfOf === 'string' ? data.onBehalfOf : null
      return {
        id: r._id, at: new Date(r.at).toISOString(), actor: r.actor, actorName: names.get(r.actor) ?? null,
        action: r.action, target: r.target, reason: r.reason ?? null, onBehalfOf: behalf, data,
        onBehalfOfName: behalf ? names.get(behalf) ?? null : null,
        actionText: auditActionText(r.action),
        targetText: auditTargetText(r.target, r.target.startsWith('users/') ? names.get(r.target.slice('users/'.length)) : null)
      }
    }),
    cursor: page.cursor
  })
}
