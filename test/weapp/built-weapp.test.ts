/**
 * The built weapp (miniprogram/) as WeChat's runtime on a phone sees it: no browser-only global,
 * syntax at the weapp's level (weapp-js-check.ts), and the privacy declarations WeChat requires in
 * app.json. Builds the weapp first when it is missing or older than its sources, never skips.
 */
import { execFileSync } from 'child_process'
import fs from 'fs'
import path from 'path'
import { BROWSER_ONLY, checkWeappSource, WEAPP_ES_LEVEL } from './weapp-js-check'

const root = path.resolve(__dirname, '../..')
const outDir = path.join(root, 'miniprogram')

function jsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => {
    const p = path.join(dir, e.name)
    return e.isDirectory() ? jsFiles(p) : p.endsWith('.js') ? [p] : []
  })
}
const rel = (p: string): string => path.relative(outDir, p).split(path.sep).join('/')

beforeAll(() => {
  // The same staleness rule and lock as `npm test`/`npm start` (scripts/lib/builds.mjs).
  execFileSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      "const { ensureBuilt } = await import('./scripts/lib/builds.mjs'); await ensureBuilt('weapp', t => console.log(t))"
    ],
    { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } }
  )
}, 600_000)

test(`every built JS file parses as ES${WEAPP_ES_LEVEL} and uses no browser-only global`, () => {
  const files = jsFiles(outDir)
  expect(files.length).toBeGreaterThan(40)
  const problems = files.flatMap(f => checkWeappSource(rel(f), fs.readFileSync(f, 'utf8')))
  expect(problems).toEqual([])
})

test('the check fails on a planted btoa, atob or ?. in a real built file, and passes a typeof-guarded use', () => {
  const file = path.join(outDir, 'pages/volunteers/task.js')
  const built = fs.readFileSync(file, 'utf8')
  expect(checkWeappSource('pages/volunteers/task.js', built)).toEqual([])

  const planted = (code: string) => checkWeappSource('pages/volunteers/task.js', `${built};\n${code}`)
  expect(planted('function qr(s){return "data:image/svg+xml;base64,"+btoa(s)}')).toEqual([
    expect.objectContaining({ kind: 'global', message: expect.stringContaining('`btoa`') })
  ])
  expect(planted('var bytes = atob(x)')).toEqual([
    expect.objectContaining({ kind: 'global', message: expect.stringContaining('`atob`') })
  ])
  expect(planted('var w = window.innerWidth')).toHaveLength(1)
  expect(planted('var c = globalThis.crypto')).toEqual([
    expect.objectContaining({ message: expect.stringContaining('older phones lack `globalThis`') })
  ])
  expect(planted('var o = a?.b ?? c')).toEqual([expect.objectContaining({ kind: 'syntax' })])
  // A local of the same name is not the global; a guarded use is Taro's and webpack's runtime pattern.
  expect(planted('(function(btoa){return btoa(1)})(String)')).toEqual([])
  expect(planted('var g = "object"==typeof window ? window : {}')).toEqual([])
  expect(planted('if (typeof fetch !== "undefined") fetch("/x")')).toEqual([])
  // zod's atob stays allowed only beside its base64 check, nowhere else in vendors.js.
  expect(checkWeappSource('vendors.js', 'function f(e){try{return atob(e),!0}catch(x){return!1}}')).toHaveLength(1)
})

test("zod's checks that reach for atob (z.base64, z.jwt) are used nowhere in the app", () => {
  const sources = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => {
      const p = path.join(dir, e.name)
      return e.isDirectory() ? sources(p) : /\.tsx?$/.test(p) ? [p] : []
    })
  const users = sources(path.join(root, 'src')).filter(f =>
    /\.(base64|base64url|jwt)\(/.test(fs.readFileSync(f, 'utf8'))
  )
  expect(users).toEqual([])
})

test('BROWSER_ONLY covers the globals issue 17 names', () => {
  for (const g of [
    'btoa',
    'atob',
    'document',
    'window',
    'localStorage',
    'fetch',
    'TextEncoder',
    'TextDecoder',
    'URL',
    'Blob',
    'structuredClone'
  ]) {
    expect(BROWSER_ONLY).toContain(g)
  }
})

test('app.json declares what WeChat requires before getLocation and the privacy popup', () => {
  const app = JSON.parse(fs.readFileSync(path.join(outDir, 'app.json'), 'utf8'))
  // https://developers.weixin.qq.com/miniprogram/dev/reference/configuration/app.html#requiredPrivateInfos
  expect(app.requiredPrivateInfos).toContain('getLocation')
  expect(app.permission['scope.userLocation'].desc).toMatch(/签到/)
  expect(app.permission['scope.userLocation'].desc.length).toBeLessThanOrEqual(30) // WeChat's limit
  expect(app.__usePrivacyCheck__).toBe(true)
  const project = JSON.parse(fs.readFileSync(path.join(root, 'project.config.json'), 'utf8'))
  expect(project.miniprogramRoot).toBe('miniprogram/')
  // Taro compiles to the weapp's level itself; DevTools' second ES5 pass stays off (babel.config.js).
  expect(project.setting).toMatchObject({ es6: false, enhance: false })
})
