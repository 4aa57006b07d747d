/**
 * The audit log, searched by admins: by who, what, which record, on whose behalf, and Shanghai
 * calendar days; newest first, 20 a page. Read only: nothing in the staff context (nor any other)
 * updates or removes an audit entry.
 */
import type { Result } from '../../core/shared/wire'
import { ok } from '../../core/shared/wire'
import { shanghaiInstant } from '../../core/shared/shanghai-time'
import type { Page } from '../../core/staff/staff.ports'
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
  data: Record<string, unknown> | null
}

export async function searchAudit (db: Db, input: SearchAuditInput): Promise<Result<Page<AuditView>, never>> {
  const _ = db.command
  const where: Record<string, unknown> = {}
  if (input.actor) where.actor = input.actor
  if (input.action) where.action = input.action
  if (input.target) where.target = input.target
  if (input.onBehalfOf) where['data.onBehalfOf'] = input.onBehalfOf
  const range = []
  if (input.from) range.push(_.gte(shanghaiInstant(input.from, '00:00')))
  if (input.to) range.push(_.lt(new Date(shanghaiInstant(input.to, '00:00').getTime() + DAY_MS)))
  if (range.length === 1) where.at = range[0]
  if (range.length === 2) where.at = range[0].and(range[1])
  const page = await pageNewestFirst<AuditRecord & { _id: string }>(db, 'audit', where, 'at', input.cursor)
  const actors = [...new Set(page.rows.map(r => r.actor).filter(a => !a.startsWith('system:')))]
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
        action: r.action, target: r.target, reason: r.reason ?? null, onBehalfOf: behalf, data
      }
    }),
    cursor: page.cursor
  })
}
