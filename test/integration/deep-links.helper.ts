/**
 * The deep-link audit (issue 18: every page a notification opens is one its reader may see):
 * every inbox item in the local cloud is opened as its recipient, by making the calls its page
 * makes on load (src/pages/page-loads.ts) with that person's dev login. A page that would say
 * 没有权限 / 请先选择身份 / 没有找到, or show a record other than the one the notice is about,
 * is a problem. Call it after a test file has driven its flows: `expectEveryLinkOpens(cloud)`.
 */
import { pageLoads, parseLink, type PageLoad } from '../../src/pages/page-loads'
import type { SeededCloud } from './local-cloud.helper'

export interface OpenedLink {
  kind: string
  to: string
  link: string
}
export interface LinkAudit {
  opened: OpenedLink[]
  problems: string[]
}

/** Words a page shows when its reader may not see it, or when it has nothing to show. */
const refusal = /没有权限|请先选择身份|没有找到|FORBIDDEN|NOT_FOUND|UNAUTHENTICATED/

async function rolesOf(cloud: SeededCloud, openId: string): Promise<string[]> {
  const res = await cloud.callOther('community', openId, 'whoami')
  return res?.ok ? (res.data.roles ?? []) : []
}

/** Opens one link as `to`; the problems found (none: the page loads what it is about). */
export async function openAs(cloud: SeededCloud, to: string, link: string, roles?: string[]): Promise<string[]> {
  const { route, query } = parseLink(link)
  const entry = pageLoads[route]
  if (!entry) return [`${link}: no page ${route} in src/pages/page-loads.ts`]
  const problems: string[] = []
  const missing = entry.query.filter(q => !(q in query))
  if (missing.length) problems.push(`${link}: lacks ${missing.join(', ')}, which the page reads`)
  const mine = roles ?? (await rolesOf(cloud, to))
  const loads: PageLoad[] = [
    ...entry.loads,
    ...(entry.byRole ?? []).filter(r => r.roles.some(x => mine.includes(x))).flatMap(r => r.loads)
  ]
  for (const load of loads.filter(l => l.when?.(query) ?? true)) {
    // A link naming a community (another community's task, issue 20) opens a page that acts there.
    const res = await cloud.callOther(load.fn, to, load.action, load.payload?.(query) ?? {}, query.community)
    if (!res?.ok) {
      problems.push(
        `${link} as ${to}: ${load.fn}.${load.action} answered ${res?.error?.code ?? JSON.stringify(res)} ${res?.error?.message ?? ''}`
      )
      continue
    }
    const shown = JSON.stringify(res.data)
    if (refusal.test(shown))
      problems.push(`${link} as ${to}: ${load.fn}.${load.action} shows a refusal: ${shown.slice(0, 200)}`)
    if (load.about && res.data?.id !== query[load.about]) {
      problems.push(
        `${link} as ${to}: ${load.fn}.${load.action} shows ${String(res.data?.id)}, not ${query[load.about]}`
      )
    }
  }
  return problems
}

/**
 * Opens every inbox item's link as its recipient (items without a link open nothing), and every
 * reminder still waiting to be sent (a booking's, an offer's, a task's): it becomes an inbox item
 * with the same link when it falls due.
 */
export async function auditInboxLinks(cloud: SeededCloud): Promise<LinkAudit> {
  const pending = (await cloud.docs('reminders', { status: 'pending' })).map(r => r.notice)
  const items = [...(await cloud.docs('inbox')), ...pending.filter(n => typeof n.to === 'string')]
  const opened: OpenedLink[] = []
  const problems: string[] = []
  const roles = new Map<string, string[]>()
  // One open per recipient and link: many notices share a page (the staff desk).
  const seen = new Set<string>()
  for (const item of items) {
    if (!item.link) continue
    opened.push({ kind: item.kind, to: item.to, link: item.link })
    if (seen.has(`${item.to} ${item.link}`)) continue
    seen.add(`${item.to} ${item.link}`)
    if (!roles.has(item.to)) roles.set(item.to, await rolesOf(cloud, item.to))
    for (const p of await openAs(cloud, item.to, item.link, roles.get(item.to))) problems.push(`${item.kind}: ${p}`)
  }
  return { opened, problems }
}

/** The assertion each integration file ends with: every notice it caused opens for its reader. */
export async function expectEveryLinkOpens(cloud: SeededCloud): Promise<LinkAudit> {
  const audit = await auditInboxLinks(cloud)
  expect(audit.problems).toEqual([])
  return audit
}
