#!/usr/bin/env node
// `npm test`: everything. Builds what the tests load (the bundled cloud functions, the weapp
// output for the miniprogram-simulate smoke test, the H5 app for the browser test) when
// missing or stale, then runs jest with TZ=UTC. Extra arguments go to jest:
//   npm test -- src/core/community        one folder
//   npm test -- -t "masks phone"          one test by name
// A run whose every selected path is a plain path under src/ builds nothing: the tests beside
// the code run in process (use cases over the local cloud's database engine in memory, see
// test/support/in-memory-db.ts) and load no built bundle. Tests under test/ (integration,
// weapp, e2e) and a run of everything build first (scripts/lib/test-selection.mjs).
import { spawn } from 'node:child_process'
import { existsSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { ensureBuilt, root } from './lib/builds.mjs'
import { inProcessOnly } from './lib/test-selection.mjs'

const args = process.argv.slice(2)
const progress = text => process.stdout.write(`[test] ${text}\n`)
const inProcess = inProcessOnly(args)

// Browser tests need Chromium. Locally a missing browser skips only them, said plainly;
// CI sets LINLI_REQUIRE_BROWSER=1, under which a missing browser fails the run.
const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium'
const haveBrowser = existsSync(chromium)
if (!haveBrowser && !inProcess) {
  if (process.env.LINLI_REQUIRE_BROWSER === '1') {
    process.stderr.write(`Chromium not found at ${chromium} and LINLI_REQUIRE_BROWSER=1: failing.\n`)
    process.exit(1)
  }
  progress(
    `Chromium not found at ${chromium} (set CHROMIUM_PATH or apt-get install chromium): browser tests will be SKIPPED.`
  )
}

try {
  if (inProcess) {
    progress('only tests under src/ selected: they run in process, nothing to build')
  } else {
    await ensureBuilt('functions', progress)
    await ensureBuilt('weapp', progress)
    if (haveBrowser) await ensureBuilt('h5', progress)
  }
} catch (err) {
  process.stderr.write(`${err.message}\n`)
  process.exit(1)
}

const report = path.join(tmpdir(), `linli-jest-${process.pid}.json`)
// In CI a leaked handle must not hang the run until CI's own time limit: --forceExit.
// Locally jest reports such a handle instead, so it gets fixed.
const jestArgs = [
  path.join(root, 'node_modules/jest/bin/jest.js'),
  ...(process.env.CI ? ['--ci', '--forceExit'] : []),
  '--json',
  `--outputFile=${report}`,
  ...args
]
const child = spawn(process.execPath, jestArgs, {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, TZ: 'UTC', TENCENTCLOUD: 'true', CHROMIUM_PATH: haveBrowser ? chromium : '' }
})
child.on('exit', (code, signal) => {
  if (existsSync(report)) {
    const r = JSON.parse(readFileSync(report, 'utf8'))
    const skipped = r.numPendingTests + r.numTodoTests
    process.stdout.write(`\ntests: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${skipped} skipped\n`)
    rmSync(report, { force: true })
  }
  process.exit(signal ? 1 : (code ?? 1))
})
