import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { spawnSync } from 'node:child_process'
import { collections } from '../src/server/db/collections'
import { HALF_DONE_AFTER_MS } from '../src/core/shared/half-done'
import { TAKEOVER_MARGIN_MS } from '../src/server/router'
import { DENY_CLIENTS, describePlan, planDeploy, STREET_MIGRATION_STEP } from './deploy'

const ROOT = path.join(__dirname, '..')
const FUNCTIONS = path.join(ROOT, 'cloudfunctions')
const plan = planDeploy({
  rcFile: path.join(ROOT, 'cloudbaserc.json'),
  functionsRoot: FUNCTIONS,
  specs: collections,
  env: {}
})
const folders = readdirSync(FUNCTIONS, { withFileTypes: true })
  .filter(d => d.isDirectory())
  .map(d => d.name)
  .sort()

test('every declared collection gets the rule that denies all client reads and writes', () => {
  expect(plan.collections.map(c => c.name)).toEqual(collections.map(c => c.name))
  for (const c of collections) {
    const step = plan.collections.find(p => p.name === c.name)
    expect({ name: c.name, rule: step?.rule }).toEqual({ name: c.name, rule: { read: false, write: false } })
  }
  expect(DENY_CLIENTS).toEqual({ read: false, write: false })
})

test('every index is planned, unique ones as unique', () => {
  for (const c of collections) {
    const step = plan.collections.find(p => p.name === c.name)
    for (const i of c.indexes) {
      const index = step?.indexes.find(s => s.IndexName === i.name)
      expect(index?.MgoKeySchema.MgoIsUnique).toBe(i.unique === true)
      expect(index?.MgoKeySchema.MgoIndexKeys.map(k => k.Name)).toEqual(Object.keys(i.keys))
    }
  }
})

test('cloudbaserc.json declares every folder under cloudfunctions/, and nothing else', () => {
  expect(plan.problems).toEqual([])
  expect(plan.functions.map(f => f.name).sort()).toEqual(folders)
})

test('each function has a timeout CloudBase accepts, at most one trigger, and the same trigger config.json uploads', () => {
  for (const f of plan.functions) {
    expect(f.timeout).toBeGreaterThanOrEqual(1)
    expect(f.timeout).toBeLessThanOrEqual(60)
    expect(f.triggers.length).toBeLessThanOrEqual(1)
    const config = require(path.join(FUNCTIONS, f.name, 'config.json')) as { triggers?: unknown[] }
    expect({ name: f.name, triggers: f.triggers }).toEqual({ name: f.name, triggers: config.triggers ?? [] })
  }
  // Only volunteers has a package the cloud installs (pdfkit); the rest are self-contained bundles.
  expect(plan.functions.filter(f => f.installDependency).map(f => f.name)).toEqual(['volunteers'])
})

test('a half-done write is swept only once the function that wrote it has surely stopped', () => {
  // The sweeps finish or undo records these functions leave half-done (README, "Concurrency and faults").
  const sweeping = plan.functions.filter(f =>
    ['classes', 'service-card', 'volunteers', 'elder-care', 'staff'].includes(f.name)
  )
  expect(sweeping).toHaveLength(5)
  const tooSoon = sweeping.filter(f => f.timeout * 1000 + TAKEOVER_MARGIN_MS >= HALF_DONE_AFTER_MS).map(f => f.name)
  expect(tooSoon).toEqual([])
})

test('a folder nobody declared, or a declared function with no folder, is a problem of the plan', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'deploy-'))
  mkdirSync(path.join(dir, 'cloudfunctions', 'orphan'), { recursive: true })
  writeFileSync(path.join(dir, 'cloudbaserc.json'), JSON.stringify({ functions: [{ name: 'ghost', timeout: 5 }] }))
  const p = planDeploy({
    rcFile: path.join(dir, 'cloudbaserc.json'),
    functionsRoot: path.join(dir, 'cloudfunctions'),
    specs: [],
    env: {}
  })
  expect(p.problems).toEqual([
    'cloudfunctions/orphan is not declared in cloudbaserc.json',
    'cloudbaserc.json declares ghost, but there is no cloudfunctions/ghost'
  ])
})

test('environment variables come from the shell by name, and their values are never printed', () => {
  const withSecret = planDeploy({
    rcFile: path.join(ROOT, 'cloudbaserc.json'),
    functionsRoot: FUNCTIONS,
    specs: collections,
    env: { LINLI_VOLUNTEERS_QR_SECRET: 's3cret-value', TCB_ENV: 'env-1' }
  })
  const volunteers = withSecret.functions.find(f => f.name === 'volunteers')
  expect(volunteers?.envVariables).toContainEqual({
    name: 'LINLI_VOLUNTEERS_QR_SECRET',
    from: 'LINLI_VOLUNTEERS_QR_SECRET',
    value: 's3cret-value'
  })
  expect(volunteers?.envVariables).toContainEqual({
    name: 'LINLI_VOLUNTEERS_ROUNDING',
    from: 'LINLI_VOLUNTEERS_ROUNDING',
    value: undefined
  })
  const text = describePlan(withSecret).join('\n')
  expect(text).not.toContain('s3cret-value')
  expect(text).toContain('environment: env-1')
})

test('npm run deploy -- --dry-run prints every collection with its rule and every function with its settings, offline', () => {
  const env = { ...process.env, TCB_ENV: '', TCB_SECRET_ID: '', TCB_SECRET_KEY: '' }
  const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(__dirname, 'deploy.ts'), '--dry-run'], {
    cwd: ROOT,
    env,
    encoding: 'utf8'
  })
  expect(run.stderr).toBe('')
  expect(run.status).toBe(0)
  for (const c of collections) expect(run.stdout).toContain(`collection ${c.name}  rule {"read":false,"write":false}`)
  for (const f of folders)
    expect(run.stdout).toMatch(new RegExp(`function ${f}  Nodejs18\\.15 index\\.main  timeout \\d+ s`))
  expect(run.stdout).toContain('trigger: tick (timer "0 * * * * * *")')
  expect(run.stdout).toContain('storage: rule {"read":false,"write":"resource.openid == auth.openid"}')
}, 30_000)

describe('the street migration (issue 20)', () => {
  test('the plan says the data is migrated to a street after the collections, before the functions', () => {
    const text = describePlan(plan).join('\n')
    expect(text).toContain(`data: ${STREET_MIGRATION_STEP}`)
  })
})
