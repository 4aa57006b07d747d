/**
 * Static half of the deep-link audit: every page link the server code makes (a notice's `link`,
 * a 待办 or staff-menu entry) names a page registered in src/app.config.ts and carries the query
 * parameters that page reads; the load map (page-loads.ts) covers each such page and names only
 * calls its page's code makes. The dynamic half (test/integration/deep-links.test.ts) opens every
 * notice as its recipient.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { pageLoads, parseLink } from './page-loads'

const root = path.resolve(__dirname, '..', '..')

function registeredRoutes(): Set<string> {
  const g = globalThis as unknown as { defineAppConfig?: (c: unknown) => unknown }
  g.defineAppConfig = c => c
  const config = require('../app.config').default as {
    pages: string[]
    subPackages: Array<{ root: string; pages: string[] }>
  }
  return new Set(
    [...config.pages, ...config.subPackages.flatMap(s => s.pages.map(p => `${s.root}/${p}`))].map(p => `/${p}`)
  )
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap(name => {
    const full = path.join(dir, name)
    if (statSync(full).isDirectory()) return sourceFiles(full)
    return /\.ts$/.test(name) && !/\.test\.ts$/.test(name) ? [full] : []
  })
}

/** Every `/pages/...` literal (quoted or in a template) in server-side code, with where it is. */
function serverLinks(): Array<{ link: string; at: string }> {
  const found: Array<{ link: string; at: string }> = []
  for (const file of [...sourceFiles(path.join(root, 'src/core')), ...sourceFiles(path.join(root, 'src/server'))]) {
    const lines = readFileSync(file, 'utf8').split('\n')
    lines.forEach((line, i) => {
      for (const m of line.matchAll(/['`](\/pages\/[\w/-]+(?:\?[^'`]*)?)['`]/g)) {
        found.push({ link: m[1], at: `${path.relative(root, file)}:${i + 1}` })
      }
    })
  }
  return found
}

/** The page component's file for a route: src/pages/<ctx>/<page>.tsx (index pages: index.tsx). */
const pageFile = (route: string): string => path.join(root, 'src', `${route.slice(1)}.tsx`)

/** The page file plus the feature folder it draws from (its views, hooks and gates). */
function pageCode(route: string): string {
  const page = readFileSync(pageFile(route), 'utf8')
  const features = [...page.matchAll(/from '@\/features\/([\w-]+)\//g)].map(m => m[1])
  const shared = ['me', 'home'] // the shell's whoami and the cached home
  return [
    page,
    ...[...new Set([...features, ...shared])].flatMap(f =>
      sourceFiles(path.join(root, 'src/features', f))
        .concat(
          readdirSync(path.join(root, 'src/features', f))
            .filter(n => /\.tsx$/.test(n) && !/\.test\.tsx$/.test(n))
            .map(n => path.join(root, 'src/features', f, n))
        )
        .map(file => readFileSync(file, 'utf8'))
    )
  ].join('\n')
}

describe('links made by the server', () => {
  const routes = registeredRoutes()
  const links = serverLinks()

  it('finds the links (the scan itself works)', () => {
    expect(links.length).toBeGreaterThan(40)
    expect(links.map(l => parseLink(l.link).route)).toContain('/pages/elder-care/sos')
  })

  it('each names a registered page, with the query that page reads', () => {
    const wrong: string[] = []
    for (const { link, at } of links) {
      const { route, query } = parseLink(link.replace(/\$\{[^}]*\}/g, 'x'))
      if (!routes.has(route)) {
        wrong.push(`${at}: ${route} is not a page in src/app.config.ts`)
        continue
      }
      const entry = pageLoads[route]
      if (!entry) {
        wrong.push(`${at}: ${route} has no entry in src/pages/page-loads.ts`)
        continue
      }
      const missing = entry.query.filter(q => !(q in query))
      if (missing.length) wrong.push(`${at}: ${link} lacks ${missing.join(', ')} (the page reads it)`)
      const unread = Object.keys(query).filter(q => !entry.query.includes(q) && !(entry.optional ?? []).includes(q))
      if (unread.length) wrong.push(`${at}: ${link} passes ${unread.join(', ')}, which the page never reads`)
    }
    expect(wrong).toEqual([])
  })
})

describe('the load map (page-loads.ts)', () => {
  const routes = registeredRoutes()

  it.each(Object.keys(pageLoads))('%s is registered, reads its query and makes the calls listed', route => {
    expect(routes.has(route)).toBe(true)
    const page = readFileSync(pageFile(route), 'utf8')
    for (const q of [...pageLoads[route].query, ...(pageLoads[route].optional ?? [])])
      expect(page).toMatch(new RegExp(`params\\.${q}\\b`))
    const code = pageCode(route)
    const entry = pageLoads[route]
    for (const load of [...entry.loads, ...(entry.byRole ?? []).flatMap(r => r.loads)]) {
      // By name ('myChildren'), or through its context's contract (`classes.myChildren`, core/<ctx>/<ctx>.contract.ts).
      const called = new RegExp(`['\`]${load.action}['\`]|\\.${load.action}\\b`).test(code)
      expect({ route, action: load.action, called }).toEqual({ route, action: load.action, called: true })
    }
  })
})
