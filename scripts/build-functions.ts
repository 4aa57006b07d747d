/**
 * `npm run build:functions`: bundles each `cloudfunctions/<name>/index.ts` for the CloudBase Node
 * runtime (16/18) as CommonJS with every dependency inside, so the folder deploys as is, with no
 * `npm install` in the cloud. Each function folder gets three generated files:
 *   index.js     our code and zod: what the runtime requires
 *   sdk.js       @cloudbase/node-sdk, required on the first call that needs it (src/server/db/sdk.ts)
 *   deferred.js  libraries only some SDK features use, required when such a feature is first used
 *
 * Why split: a cold require is mostly V8 parsing the file, so what a call may never need should
 * not be in index.js. node-sdk's top-level module requires every feature it has (AI, data models,
 * storage, …): modules we never call are replaced by a stub that throws if ever used (`stubbed`);
 * modules that only some features call go to deferred.js (`deferred`). zod bundles all of its ~60
 * locales through one barrel; only zh-CN (used by the router) and en (zod's default) are kept.
 * Large libraries that only one action path uses (`lazyLibs`: WeChat's open API, PDF, xlsx) are
 * bundled to `lib/<name>.js` beside index.js when our code requires them, and loaded on first use.
 * Data files a function reads at run time are copied beside it from the function's package.json
 * `"linli": { "copy": { "<dest>": "<package path>" } }` (e.g. one font file, not its 70 MB package).
 */
import { build, type Metafile, type Plugin } from 'esbuild'
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'

const root = path.resolve(__dirname, '..')
const fnRoot = path.join(root, 'cloudfunctions')
const sdkDir = path.dirname(createRequire(path.join(root, 'package.json')).resolve('@cloudbase/node-sdk/package.json'))
const sdkRequire = createRequire(path.join(sdkDir, 'package.json'))

/** Never used by Linli: `app.ai()` and `app.models`/`app.rdb()`. node-sdk's init touches the
 * latter inside a try/catch, so a throwing stub is safe there. */
const stubbed = ['@cloudbase/ai', '@cloudbase/app', '@cloudbase/wx-cloud-client-sdk', 'web-streams-polyfill']

/** Used only by features we don't call yet (storage: xml2js; multipart open-API calls: form-data;
 * custom login tickets: jsonwebtoken; the off-cloud metadata probe: axios; an HTTP proxy set in
 * the SDK config: the proxy agents): kept in deferred.js. */
const deferred = ['axios', 'xml2js', 'form-data', 'jsonwebtoken', 'https-proxy-agent', 'http-proxy-agent']

/** Bundled apart, to lib/<name>.js, when a function's code requires them (inside the code path
 * that needs them, never at the top of a module). Add a library here when it is large. */
export const lazyLibs = [
  'wx-server-sdk',
  // Only the timer path reads a cron (src/server/cron.ts).
  'croner',
  'pdfkit',
  'pdf-lib',
  '@pdf-lib/fontkit',
  'write-excel-file',
  'write-excel-file/node',
  'exceljs'
]

const libFile = (name: string): string => `./lib/${name.replace(/[@/]/g, c => (c === '@' ? '' : '__'))}.js`

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
const exactly = (names: string[]): RegExp => new RegExp(`^(${names.map(escape).join('|')})$`)
const fromSdk = (importer: string): boolean => importer.startsWith(sdkDir + path.sep)

/**
 * A stand-in object: property reads, calls and `new` go to the real module (deferred) or throw
 * (stubbed). `__esModule` is answered from build time, so the `__importDefault` interop helper
 * that runs at the SDK's load does not trigger loading.
 */
function proxyModule(name: string, load: string): string {
  const esModule = !!(sdkRequire(name) as { __esModule?: boolean }).__esModule
  return `var m;
function load () { return m || (m = ${load}) }
module.exports = new Proxy(function () {}, {
  get: function (_, k) { return k === '__esModule' ? ${esModule} : load()[k] },
  has: function (_, k) { return k in load() },
  apply: function (_, self, args) { return load().apply(self, args) },
  construct: function (_, args) { var C = load(); return new C(...args) }
})`
}

const shapeSdk: Plugin = {
  name: 'shape-node-sdk',
  setup(b) {
    b.onResolve({ filter: /^\.\/(deferred|sdk)\.js$/ }, args => ({ path: args.path, external: true }))
    // Our code's lazy require of the SDK (src/server/db/sdk.ts) loads the sibling sdk.js.
    b.onResolve({ filter: /^@cloudbase\/node-sdk$/ }, args =>
      args.importer.startsWith(path.join(root, 'src') + path.sep) ? { path: './sdk.js', external: true } : undefined
    )
    b.onResolve({ filter: exactly([...stubbed, ...deferred]) }, args => {
      if (!fromSdk(args.importer)) return undefined
      const kind = stubbed.includes(args.path) ? 'stubbed' : 'deferred'
      return { path: args.path, namespace: kind }
    })
    b.onLoad({ filter: /.*/, namespace: 'stubbed' }, args => ({
      contents: proxyModule(
        args.path,
        `(function () { throw new Error(${JSON.stringify(`${args.path} is not bundled into Linli functions (see scripts/build-functions.ts)`)}) })()`
      ),
      loader: 'js'
    }))
    b.onLoad({ filter: /.*/, namespace: 'deferred' }, args => ({
      // Resolved at run time next to index.js (marked external above).
      contents: proxyModule(args.path, `require('./deferred.js')[${JSON.stringify(args.path)}]()`),
      resolveDir: fnRoot,
      loader: 'js'
    }))
  }
}

/** Our code's require of a lazy library points at lib/<name>.js; `used` collects which ones. */
function lazyLibsPlugin(used: Set<string>): Plugin {
  return {
    name: 'lazy-libs',
    setup(b) {
      b.onResolve({ filter: exactly(lazyLibs) }, args => {
        if (!args.importer.startsWith(path.join(root, 'src') + path.sep)) return undefined
        used.add(args.path)
        return { path: libFile(args.path), external: true }
      })
    }
  }
}

const zodLocales: Plugin = {
  name: 'zod-locales',
  setup(b) {
    b.onResolve({ filter: /locales\/index\.js$/ }, args => {
      if (!/node_modules[\\/]zod[\\/]/.test(args.importer)) return undefined
      return { path: path.join(args.resolveDir, args.path), namespace: 'zod-locales' }
    })
    b.onLoad({ filter: /.*/, namespace: 'zod-locales' }, args => ({
      contents: 'export { default as zhCN } from "./zh-CN.js"; export { default as en } from "./en.js";',
      resolveDir: path.dirname(args.path),
      loader: 'js'
    }))
  }
}

function copyAssets(name: string): void {
  const pkg = JSON.parse(readFileSync(path.join(fnRoot, name, 'package.json'), 'utf8')) as {
    linli?: { copy?: Record<string, string> }
  }
  const req = createRequire(path.join(root, 'package.json'))
  for (const [dest, from] of Object.entries(pkg.linli?.copy ?? {})) {
    const target = path.join(fnRoot, name, dest)
    mkdirSync(path.dirname(target), { recursive: true })
    copyFileSync(req.resolve(from), target)
  }
}

function functionNames(): string[] {
  return readdirSync(fnRoot, { withFileTypes: true })
    .filter(d => d.isDirectory() && existsSync(path.join(fnRoot, d.name, 'index.ts')))
    .map(d => d.name)
    .sort()
}

/** Largest packages in a bundle, to see what a size change came from. */
function topInputs(meta: Metafile, count: number): string {
  const sizes = new Map<string, number>()
  for (const output of Object.values(meta.outputs)) {
    for (const [file, { bytesInOutput }] of Object.entries(output.inputs)) {
      const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file)?.[1] ?? 'linli'
      sizes.set(pkg, (sizes.get(pkg) ?? 0) + bytesInOutput)
    }
  }
  return [...sizes]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([pkg, bytes]) => `${pkg} ${(bytes / 1024).toFixed(0)}K`)
    .join(', ')
}

/** `--analyze`: the 30 largest input files, to decide what to stub or defer. */
function analyze(meta: Metafile): string {
  const rows = Object.values(meta.outputs).flatMap(o => Object.entries(o.inputs))
  return rows
    .sort((a, b) => b[1].bytesInOutput - a[1].bytesInOutput)
    .slice(0, 30)
    .map(
      ([file, { bytesInOutput }]) =>
        `  ${(bytesInOutput / 1024).toFixed(1).padStart(6)}K ${file.replace(/^.*node_modules\//, '')}`
    )
    .join('\n')
}

const common = {
  bundle: true,
  platform: 'node',
  target: 'node16',
  format: 'cjs',
  minify: true,
  legalComments: 'none',
  metafile: true,
  logLevel: 'warning',
  absWorkingDir: root
} as const

/** The deferred modules, each behind a function so requiring this file runs none of them. */
async function buildDeferred(outfile: string): Promise<void> {
  const contents = deferred.map(name => `${JSON.stringify(name)}: () => require(${JSON.stringify(name)})`).join(',\n')
  await build({
    ...common,
    stdin: { contents: `module.exports = {\n${contents}\n}`, resolveDir: sdkDir, loader: 'js' },
    outfile
  })
}

async function buildSdk(outfile: string): Promise<void> {
  await build({
    ...common,
    stdin: { contents: 'module.exports = require("@cloudbase/node-sdk")', resolveDir: root, loader: 'js' },
    outfile,
    plugins: [shapeSdk]
  })
}

async function main(): Promise<void> {
  const names = functionNames()
  if (names.length === 0) throw new Error('no cloudfunctions/<name>/index.ts found')
  for (const name of names) {
    const started = Date.now()
    const outfile = path.join(fnRoot, name, 'index.js')
    const sdkFile = path.join(fnRoot, name, 'sdk.js')
    const deferredFile = path.join(fnRoot, name, 'deferred.js')
    await Promise.all([buildSdk(sdkFile), buildDeferred(deferredFile)])
    const used = new Set<string>()
    const result = await build({
      ...common,
      entryPoints: [path.join(fnRoot, name, 'index.ts')],
      outfile,
      tsconfig: path.join(root, 'tsconfig.json'),
      plugins: [shapeSdk, lazyLibsPlugin(used), zodLocales]
    })
    for (const lib of used) {
      await build({
        ...common,
        stdin: { contents: `module.exports = require(${JSON.stringify(lib)})`, resolveDir: root, loader: 'js' },
        outfile: path.join(fnRoot, name, libFile(lib))
      })
    }
    copyAssets(name)
    const kb = (file: string): string => `${(statSync(file).size / 1024).toFixed(0)} KB`
    console.log(
      `${name.padEnd(14)} index.js ${kb(outfile).padStart(7)}  sdk.js ${kb(sdkFile).padStart(7)}  deferred.js ${kb(deferredFile).padStart(7)}  ${Date.now() - started} ms   index.js: ${topInputs(result.metafile, 4)}`
    )
    if (process.argv.includes('--analyze')) console.log(analyze(result.metafile))
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err)
  process.exit(1)
})
