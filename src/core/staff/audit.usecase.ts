/**
 * The audit log, searched by admins: by who (an account or a name), what (an action or a
 * category), which record, on whose behalf, and Shanghai calendar days; newest first, 20 a page,
 * with names and words instead of ids and codes. Read only: nothing updates or removes an entry.
 */
import type { Page } from '../shared/page'
import { addDays, shanghaiInstant } from '../shared/shanghai-time'
import type { Result } from '../shared/wire'
import { ok } from '../shared/wire'
import { actionsOfCategory, auditActionText, auditTargetText } from './audit-words.rule'
import type { AuditLog, AuditSearch, PeopleNames } from './staff.ports'
import type { SearchAuditInput } from './staff.schemas'
import type { AuditView } from './staff.views'

const USERS = 'users/'

export async function searchAudit(
  deps: { auditLog: AuditLog; names: PeopleNames },
  input: SearchAuditInput
): Promise<Result<Page<AuditView>, never>> {
  const filter: AuditSearch = {
    actor: input.actor,
    action: input.action ?? (input.category ? { in: actionsOfCategory(input.category) } : undefined),
    target: input.target,
    onBehalfOf: input.onBehalfOf,
    from: input.from ? shanghaiInstant(input.from, '00:00') : undefined,
    // Through the whole last day.
    to: input.to ? shanghaiInstant(addDays(input.to, 1), '00:00') : undefined
  }
  if (input.actorName) {
    // By name, as staff know people; several accounts may share one.
    const ids = await deps.names.idsNamed(input.actorName)
    if (ids.length === 0 || (input.actor && !ids.includes(input.actor))) return ok({ items: [], cursor: null })
    if (!input.actor) filter.actor = { in: ids }
  }
  const page = await deps.auditLog.search(filter, input.cursor)
  const behalfOf = (data: Record<string, unknown> | null | undefined): string | null =>
    data && typeof data.onBehalfOf === 'string' ? data.onBehalfOf : null
  return ok({
    items: page.items.map(({ entry: r, names }) => {
      const behalf = behalfOf(r.data)
      return {
        id: r._id,
        at: new Date(r.at).toISOString(),
        actor: r.actor,
        actorName: names.get(r.actor) ?? null,
        action: r.action,
        target: r.target,
        reason: r.reason ?? null,
        onBehalfOf: behalf,
        data: r.data ?? null,
        onBehalfOfName: behalf ? (names.get(behalf) ?? null) : null,
        actionText: auditActionText(r.action),
        targetText: auditTargetText(
          r.target,
          r.target.startsWith(USERS) ? names.get(r.target.slice(USERS.length)) : null
        )
      }
    }),
    cursor: page.cursor
  })
}
