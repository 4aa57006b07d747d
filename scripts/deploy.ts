/**
 * `npm run deploy`: everything Linli needs in a CloudBase environment, from this repository.
 *
 *   TCB_ENV=<env id> TCB_SECRET_ID=<id> TCB_SECRET_KEY=<key> npm run deploy
 *   npm run deploy -- --dry-run        print the whole plan; no credentials, no network
 *
 * 1. The database (src/server/db/collections.ts): each collection, its indexes, and its security
 *    rule. Every rule denies all client reads and writes: Linli's data is reached only through its
 *    functions, which the rules do not restrict ("安全规则仅限制 C 端…不影响服务端（云函数）操作",
 *    research/cloudbase.md §6). Set with the management API's ModifySafeRule (tcb 2018-06-08:
 *    EnvId, CollectionName, AclTag "CUSTOM", Rule; https://cloud.tencent.com/document/api/876/128959),
 *    called through @cloudbase/manager-node's commonService
 *    (https://docs.cloudbase.net/api-reference/manager/node/rule). Indexes: the database SDK has no
 *    index API, so this uses manager-node's database.updateCollection, as the console does.
 * 2. The functions (cloudbaserc.json, the CloudBase CLI's format, https://docs.cloudbase.net/cli-v1/functions/configs):
 *    code, runtime, timeout, memory, environment variables, dependency install and the one timer
 *    trigger, with manager-node's functions.createFunction({ force: true }) — create, or update
 *    code + config + triggers of an existing function (lib/function/index.js, createFunction).
 *    Triggers the function has online are deleted first: BatchCreateTrigger only adds, and the
 *    first release's per-job triggers must not keep firing next to `tick`.
 *
 * 2b. Cloud storage's security rule (STORAGE_RULE), with manager-node's storage.setStorageAcl('CUSTOM', rule)
 *    (ModifyStorageSafeRule).
 * 3. The data: migrateToStreet (src/server/community/street-migration.ts), after the collections exist.
 *
 * Safe to re-run: collections, indexes and rules are created or set to the same value; functions
 * are updated in place. A `{{env.NAME}}` value in cloudbaserc.json comes from this shell's
 * environment (the CLI would read it from .env files); an unset one is left out, so the function
 * uses its default — note that a deploy replaces the function's whole online set of variables.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { collections, type CollectionSpec } from '../src/server/db/collections'
import { migrateToStreet, STREET_MIGRATION_ID } from '../src/server/community/street-migration'
import { sdk } from '../src/server/db/sdk'

/** What the deploy does to the data, as the plan prints it. */
export const STREET_MIGRATION_STEP =
  'migrateToStreet: an installation from before the street becomes a street of one community ' +
  `(once: marker timer_runs/${STREET_MIGRATION_ID}; resumed if cut off)`

const ROOT = path.join(__dirname, '..')

/** The rule of every Linli collection: no client reads or writes (functions are not restricted). */
export const DENY_CLIENTS = { read: false, write: false } as const
export type SecurityRule = typeof DENY_CLIENTS

/**
 * Cloud storage's rule for phones (residents' photos): nothing is read from the client (photos are shown through
 * temp URLs a function issues) and a phone writes only files it created. The platform's default is "所有用户可读，
 * 仅创建者可读写"; this is the stricter custom rule. Functions are not restricted ("安全规则仅对前端访问生效").
 * https://developers.weixin.qq.com/miniprogram/dev/wxcloud/guide/storage/security-rules.html
 * The local cloud is stricter still: a phone adds new files only, never overwriting or deleting one
 * (src/local-cloud/storage/storage-http.ts); a rule cannot say "create only", so passing locally implies passing here.
 */
export const STORAGE_RULE = { read: false, write: 'resource.openid == auth.openid' } as const

export interface IndexStep {
  IndexName: string
  MgoKeySchema: { MgoIsUnique: boolean; MgoIndexKeys: Array<{ Name: string; Direction: string }> }
}

export interface CollectionPlan {
  name: string
  indexes: IndexStep[]
  rule: SecurityRule
}

export interface Trigger {
  name: string
  type: 'timer'
  config: string
}

export interface FunctionPlan {
  name: string
  runtime: string
  handler: string
  timeout: number
  memorySize: number
  installDependency: boolean
  ignore: string[]
  triggers: Trigger[]
  /** Each variable and where its value comes from; `value` is undefined when that is unset. */
  envVariables: Array<{ name: string; from: string | null; value: string | undefined }>
  /** config.json's cloud-call permissions (applied on upload; see the README). */
  openapi: string[]
}

export interface DeployPlan {
  envId: string
  collections: CollectionPlan[]
  storageRule: typeof STORAGE_RULE
  functions: FunctionPlan[]
  /** What makes this plan undeployable (a function folder not declared, a build missing...). */
  problems: string[]
}

export function planDatabase(specs: CollectionSpec[]): CollectionPlan[] {
  return specs.map(c => ({
    name: c.name,
    indexes: c.indexes.map(i => ({
      IndexName: i.name,
      MgoKeySchema: {
        MgoIsUnique: i.unique === true,
        MgoIndexKeys: Object.entries(i.keys).map(([Name, dir]) => ({ Name, Direction: String(dir) }))
      }
    })),
    rule: DENY_CLIENTS
  }))
}

interface RcFunction {
  name: string
  runtime?: string
  handler?: string
  timeout?: number
  memorySize?: number
  installDependency?: boolean
  ignore?: string[]
  triggers?: Trigger[]
  envVariables?: Record<string, string>
}

/** `{{env.NAME}}` → this shell's NAME; any other text is taken as written. */
function resolveValue(
  raw: string,
  env: Record<string, string | undefined>
): { from: string | null; value: string | undefined } {
  const m = /^\{\{\s*env\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}$/.exec(raw)
  if (!m) return { from: null, value: raw }
  const value = env[m[1]]
  return { from: m[1], value: value === undefined || value === '' ? undefined : value }
}

export interface PlanInputs {
  rcFile: string
  functionsRoot: string
  specs: CollectionSpec[]
  env: Record<string, string | undefined>
}

export function planDeploy(inputs: PlanInputs): DeployPlan {
  const problems: string[] = []
  const rc = JSON.parse(readFileSync(inputs.rcFile, 'utf8')) as { envId?: string; functions?: RcFunction[] }
  const declared = rc.functions ?? []
  const folders = existsSync(inputs.functionsRoot)
    ? readdirSync(inputs.functionsRoot, { withFileTypes: true })
        .filter(d => d.isDirectory())
        .map(d => d.name)
        .sort()
    : []
  for (const f of folders) {
    if (!declared.some(d => d.name === f)) problems.push(`cloudfunctions/${f} is not declared in cloudbaserc.json`)
  }
  const functions = declared.map((f): FunctionPlan => {
    const dir = path.join(inputs.functionsRoot, f.name)
    if (!folders.includes(f.name))
      problems.push(`cloudbaserc.json declares ${f.name}, but there is no cloudfunctions/${f.name}`)
    const configFile = path.join(dir, 'config.json')
    const config = existsSync(configFile)
      ? (JSON.parse(readFileSync(configFile, 'utf8')) as { permissions?: { openapi?: string[] } })
      : {}
    return {
      name: f.name,
      runtime: f.runtime ?? 'Nodejs18.15',
      handler: f.handler ?? 'index.main',
      // What the platform applies when a setting is absent: the console's 3 s, 256 MB, no install.
      timeout: f.timeout ?? 3,
      memorySize: f.memorySize ?? 256,
      installDependency: f.installDependency === true,
      ignore: f.ignore ?? [],
      triggers: f.triggers ?? [],
      envVariables: Object.entries(f.envVariables ?? {}).map(([name, raw]) => ({
        name,
        ...resolveValue(raw, inputs.env)
      })),
      openapi: config.permissions?.openapi ?? []
    }
  })
  const envId = resolveValue(rc.envId ?? '', inputs.env).value ?? ''
  return { envId, collections: planDatabase(inputs.specs), storageRule: STORAGE_RULE, functions, problems }
}

/** The plan as a person reads it: every collection with its rule and indexes, every function with its settings. */
export function describePlan(plan: DeployPlan): string[] {
  const lines: string[] = [
    `environment: ${plan.envId === '' ? '(TCB_ENV not set)' : plan.envId}`,
    '',
    `database: ${plan.collections.length} collections`
  ]
  for (const c of plan.collections) {
    lines.push(`  collection ${c.name}  rule ${JSON.stringify(c.rule)}`)
    for (const i of c.indexes) {
      const keys = i.MgoKeySchema.MgoIndexKeys.map(k => `${k.Name}:${k.Direction}`).join(',')
      lines.push(`    index ${i.IndexName} {${keys}}${i.MgoKeySchema.MgoIsUnique ? ' unique' : ''}`)
    }
  }
  lines.push('', `storage: rule ${JSON.stringify(plan.storageRule)}`)
  lines.push('', `functions: ${plan.functions.length}`)
  for (const f of plan.functions) {
    lines.push(
      `  function ${f.name}  ${f.runtime} ${f.handler}  timeout ${f.timeout} s  memory ${f.memorySize} MB` +
        `  install dependencies: ${f.installDependency ? 'yes' : 'no'}`
    )
    lines.push(
      `    trigger: ${f.triggers.length === 0 ? 'none' : f.triggers.map(t => `${t.name} (${t.type} "${t.config}")`).join(', ')}`
    )
    if (f.openapi.length > 0) lines.push(`    cloud calls (config.json permissions.openapi): ${f.openapi.join(', ')}`)
    for (const v of f.envVariables) {
      // Values are never printed: some are secrets.
      const state =
        v.from === null
          ? 'fixed in cloudbaserc.json'
          : v.value === undefined
            ? `unset (${v.from} not in this shell: the function's default)`
            : `from ${v.from}`
      lines.push(`    env ${v.name}: ${state}`)
    }
  }
  lines.push('', `data: ${STREET_MIGRATION_STEP} (after the collections, before the functions)`)
  if (plan.problems.length > 0) lines.push('', 'problems:', ...plan.problems.map(p => `  ${p}`))
  lines.push(
    '',
    'not done by this command (README, "Deploying to CloudBase"): the AppID in project.config.json, ' +
      'subscribe-message template ids (LINLI_TEMPLATES), and uploading the mini-program from WeChat DevTools'
  )
  return lines
}

const built = (root: string, name: string): boolean => existsSync(path.join(root, name, 'index.js'))

/**
 * Management calls can fail for a moment (rate limits of 20/s, a function still updating): a few tries before the
 * deploy stops.
 */
async function withRetry<T>(label: string, work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work()
    } catch (err) {
      if (attempt >= 3) throw err
      console.log(`${label}: ${String((err as Error)?.message ?? err)}; retrying in ${attempt * 2} s`)
      await new Promise(resolve => setTimeout(resolve, attempt * 2000))
    }
  }
}

async function deploy(): Promise<void> {
  const functionsRoot = path.join(ROOT, 'cloudfunctions')
  const plan = planDeploy({
    rcFile: path.join(ROOT, 'cloudbaserc.json'),
    functionsRoot,
    specs: collections,
    env: process.env
  })
  if (process.argv.includes('--dry-run')) {
    for (const line of describePlan(plan)) console.log(line)
    process.exitCode = plan.problems.length > 0 ? 1 : 0
    return
  }
  if (plan.problems.length > 0) throw new Error(`the plan has problems:\n${plan.problems.join('\n')}`)
  const { TCB_ENV, TCB_SECRET_ID, TCB_SECRET_KEY } = process.env
  if (!TCB_ENV || !TCB_SECRET_ID || !TCB_SECRET_KEY) {
    console.error('Set TCB_ENV, TCB_SECRET_ID and TCB_SECRET_KEY (a CAM key with CloudBase access), or pass --dry-run.')
    process.exit(2)
  }
  const unbuilt = plan.functions.filter(f => !built(functionsRoot, f.name)).map(f => f.name)
  if (unbuilt.length > 0) throw new Error(`not built: ${unbuilt.join(', ')}; run npm run build:functions first`)

  // Loaded lazily: only a real deploy needs the management SDK.
  const CloudBase = require('@cloudbase/manager-node')
  const manager = new CloudBase({ envId: TCB_ENV, secretId: TCB_SECRET_ID, secretKey: TCB_SECRET_KEY })

  const db = manager.database
  for (const [n, c] of plan.collections.entries()) {
    const label = `[db ${n + 1}/${plan.collections.length}] ${c.name}`
    const created = (await withRetry(label, async () => await db.createCollectionIfNotExists(c.name))) as {
      IsCreated?: boolean
    }
    for (const i of c.indexes) {
      const exists = (await withRetry(label, async () => await db.checkIndexExists(c.name, i.IndexName))) as {
        Exists?: boolean
      }
      if (!exists.Exists) await withRetry(label, async () => await db.updateCollection(c.name, { CreateIndexes: [i] }))
    }
    await withRetry(
      label,
      async () =>
        await manager.commonService().call({
          Action: 'ModifySafeRule',
          Param: { EnvId: TCB_ENV, CollectionName: c.name, AclTag: 'CUSTOM', Rule: JSON.stringify(c.rule) }
        })
    )
    console.log(
      `${label}: ${created.IsCreated === true ? 'created' : 'exists'}, ${c.indexes.length} indexes, rule ${JSON.stringify(c.rule)}`
    )
  }

  await withRetry('[storage]', async () => await manager.storage.setStorageAcl('CUSTOM', plan.storageRule))
  console.log(`[storage] rule ${JSON.stringify(plan.storageRule)}`)

  // The data (issue 20): an installation from before the street becomes a street of one community, once (its
  // marker), resumed if a deploy was cut off; through the database SDK, as the functions read it. After the
  // collections exist, before the new functions (which read `communities`) replace the old.
  const tcb = sdk()
  const data = tcb.init({ env: TCB_ENV, secretId: TCB_SECRET_ID, secretKey: TCB_SECRET_KEY }).database()
  const migrated = await withRetry('[data] street migration', async () => await migrateToStreet(data))
  console.log(
    `[data] street migration: ${migrated.ran ? `done, ${JSON.stringify(migrated.stamped)}` : 'done before, nothing to do'}`
  )

  const fns = manager.functions
  for (const [n, f] of plan.functions.entries()) {
    const label = `[fn ${n + 1}/${plan.functions.length}] ${f.name}`
    let online: Array<{ TriggerName: string }> = []
    try {
      online = ((await fns.getFunctionDetail(f.name)) as { Triggers?: Array<{ TriggerName: string }> }).Triggers ?? []
    } catch {
      online = [] // not deployed yet
    }
    for (const t of online) await withRetry(label, async () => await fns.deleteFunctionTrigger(f.name, t.TriggerName))
    const envVariables = Object.fromEntries(
      f.envVariables.filter(v => v.value !== undefined).map(v => [v.name, v.value as string])
    )
    await withRetry(
      label,
      async () =>
        await fns.createFunction({
          func: {
            name: f.name,
            runtime: f.runtime,
            handler: f.handler,
            timeout: f.timeout,
            memorySize: f.memorySize,
            installDependency: f.installDependency,
            ignore: f.ignore,
            envVariables,
            triggers: f.triggers,
            isWaitInstall: f.installDependency
          },
          functionRootPath: functionsRoot,
          force: true
        })
    )
    console.log(
      `${label}: deployed (timeout ${f.timeout} s, trigger ${f.triggers.map(t => t.name).join(', ') || 'none'})`
    )
  }
  console.log(
    'done. Cloud calls may answer -604101 for some minutes while the new permissions propagate; messages wait and retry.'
  )
}

// Run only as a script, not when the test imports the planner.
if (/deploy\.ts$/.test(process.argv[1] ?? '')) {
  deploy().catch((err: unknown) => {
    console.error(`deploy failed: ${String((err as Error)?.message ?? err)}`)
    process.exit(1)
  })
}
