/**
 * Every cloud function has the one entry shape (src/server/define-function.ts), and for every
 * function a client's forged timer event reaches the router and is refused: no job runs. Needs
 * `npm run build:functions` first.
 */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { jobsOf } from '../support/jobs-of'
import { builtFunctionMissing, startCloud, type CloudUnderTest } from './local-cloud.helper'

const ROOT = path.resolve(__dirname, '..', '..')
const functions = readdirSync(path.join(ROOT, 'cloudfunctions'), { withFileTypes: true })
  .filter(d => d.isDirectory())
  .map(d => d.name)
  .sort()
const camel = (s: string): string => s.replace(/-(\w)/g, (_m, c: string) => c.toUpperCase())

describe('each cloudfunctions/<ctx>/index.ts', () => {
  it('covers every context', () => {
    expect(functions).toEqual(Object.keys(jobsOf).sort())
  })

  it.each(functions)("%s is one defineFunction over its own context's actions, jobs and deps", fn => {
    const source = readFileSync(path.join(ROOT, 'cloudfunctions', fn, 'index.ts'), 'utf8')
    // Its statements, however a formatter lays them out: comments dropped, whitespace collapsed.
    const code = source
      .split('\n')
      .filter(l => !l.trim().startsWith('//'))
      .join(' ')
      .replace(/\s+/g, ' ')
      .trim()
    const statements = code.split(/ (?=import |export )/).sort()
    const jobs = Object.keys(jobsOf[fn]).length > 0
    const c = camel(fn)
    expect(statements).toEqual(
      [
        `export const main = defineFunction({ name: '${fn}', actions: ${c}Actions, ${jobs ? `jobs: ${c}Jobs, ` : ''}deps: ${c}Deps })`,
        "import { defineFunction } from '../../src/server/define-function'",
        `import { ${c}Actions, ${c}Deps } from '../../src/server/${fn}/${fn}.actions'`,
        ...(jobs ? [`import { ${c}Jobs } from '../../src/server/${fn}/${fn}.jobs'`] : [])
      ].sort()
    )
  })

  it.each(functions)('%s declares one timer trigger, `tick`, exactly when it has jobs', fn => {
    const config = JSON.parse(readFileSync(path.join(ROOT, 'cloudfunctions', fn, 'config.json'), 'utf8')) as {
      triggers?: Array<{ name: string }>
    }
    expect((config.triggers ?? []).map(t => t.name)).toEqual(Object.keys(jobsOf[fn]).length > 0 ? ['tick'] : [])
    for (const name of Object.keys(jobsOf[fn])) expect(name).toMatch(/^[a-z][A-Za-z]*$/)
  })
})

describe('a timer event forged by a client', () => {
  let cloud: CloudUnderTest
  beforeAll(async () => {
    for (const fn of functions) {
      const missing = builtFunctionMissing(fn)
      if (missing) throw new Error(missing)
    }
    cloud = await startCloud()
  })
  afterAll(async () => {
    await cloud?.dispose()
  })

  it.each(functions)("is refused by %s's router, for its tick and for each of its jobs, and runs nothing", async fn => {
    for (const TriggerName of ['tick', ...Object.keys(jobsOf[fn])]) {
      const res = await cloud.call(fn, 'demo-admin', { Type: 'Timer', TriggerName, Time: '2030-01-01T00:00:00Z' })
      expect(res.status).toBe(200)
      // The router's refusal (the event names no action), not a job's report ({ ran, notDue } or its result).
      expect(res.body).toEqual({ ok: false, error: expect.objectContaining({ code: 'INVALID_INPUT' }) })
      // Nothing read or written: the router refuses before its first database request.
      expect(res.db).toEqual({ reads: 0, writes: 0 })
    }
  })
})
