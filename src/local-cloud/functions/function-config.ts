/**
 * What a function is allowed to be, read the way the platform reads it, so that what the upload
 * would refuse does not start here either.
 *
 * Two files, two owners (research/cloudbase.md §4 and "Platform rules the first release missed"):
 * - `cloudfunctions/<name>/config.json`, read by WeChat DevTools on upload, holds only
 *   `permissions.openapi` and `triggers`, and `triggers` takes ONE trigger: "triggers 字段是触发器数组，
 *   目前仅支持一个触发器，即数组只能填写一个，不可添加多个"
 *   (https://developers.weixin.qq.com/miniprogram/dev/wxcloud/guide/functions/triggers.html).
 *   Trigger names: up to 60 of `a-z A-Z 0-9 - _`, starting with a letter (same page).
 * - `cloudbaserc.json` at the repository root, the CloudBase CLI's file, holds the function's own
 *   settings: `functions[]` with `name`, `timeout` (seconds, 1–60, the CLI's default 5), `runtime`,
 *   `memorySize` (128/256/512/1024/2048), `envVariables`, `installDependency`, `handler`, `triggers`
 *   (https://docs.cloudbase.net/cli-v1/functions/configs). A function uploaded from DevTools keeps
 *   the console's setting, 3 s by default, so a function this file does not name gets 3 s here.
 */
import { existsSync, readFileSync } from 'node:fs'
import type { TimerTrigger } from '../contracts'

/** CloudBase's timeout for a function nobody configured (WeChat console default). */
export const DEFAULT_TIMEOUT_MS = 3_000
/** CloudBase's default memory (cloudbaserc.json `memorySize` default). */
export const DEFAULT_MEMORY_MB = 256
export const TIMEOUT_RANGE_S = { min: 1, max: 60 } as const
export const MEMORY_SIZES_MB = [128, 256, 512, 1024, 2048] as const

/** The keys WeChat DevTools accepts in config.json. */
const CONFIG_JSON_KEYS = ['permissions', 'triggers']
/** The keys cloudbaserc.json's `functions[]` entries use in this project (a subset of the CLI's). */
const RC_FUNCTION_KEYS = [
  'name',
  'dir',
  'handler',
  'runtime',
  'timeout',
  'memorySize',
  'envVariables',
  'installDependency',
  'ignore',
  'triggers'
]
const TRIGGER_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,59}$/

export interface FunctionConfig {
  triggers: TimerTrigger[]
  /** Why the upload would refuse this config.json; a non-empty list means the function does not start. */
  problems: string[]
}

export interface FunctionSettings {
  name: string
  timeoutMs: number
  memoryMb: number
  triggers: TimerTrigger[]
  /** Why the CLI would refuse this entry; a non-empty list means the function does not start. */
  problems: string[]
}

export interface CloudbaseRc {
  /** null: no cloudbaserc.json at all. */
  file: string | null
  functions: Map<string, FunctionSettings>
  /** Problems of the file as a whole (not valid JSON, no functions array). */
  problems: string[]
}

function parseTriggers(where: string, triggers: unknown, problems: string[]): TimerTrigger[] {
  if (triggers === undefined) return []
  if (!Array.isArray(triggers)) {
    problems.push(`${where}: "triggers" must be an array`)
    return []
  }
  if (triggers.length > 1) {
    problems.push(
      `${where}: ${triggers.length} triggers, but WeChat takes exactly one ("目前仅支持一个触发器"); ` +
        'run every job from one tick (src/server/timers.ts)'
    )
  }
  const out: TimerTrigger[] = []
  for (const t of triggers) {
    const { name, type, config } = (t ?? {}) as Record<string, unknown>
    if (type !== 'timer' || typeof name !== 'string' || typeof config !== 'string') {
      problems.push(
        `${where}: trigger ${JSON.stringify(t)} must be { "name", "type": "timer", "config": "<7-field cron>" }`
      )
      continue
    }
    if (!TRIGGER_NAME.test(name)) {
      problems.push(`${where}: trigger name "${name}" must be up to 60 letters, digits, - or _, starting with a letter`)
      continue
    }
    out.push({ name, type: 'timer', config })
  }
  return out
}

function readJson(file: string, problems: string[]): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'))
  } catch (err) {
    problems.push(`${file} is not valid JSON (${(err as Error).message})`)
    return undefined
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** A function's config.json; a missing file is an empty one (no triggers, no cloud calls). */
export function readFunctionConfig(file: string): FunctionConfig {
  const config: FunctionConfig = { triggers: [], problems: [] }
  if (!existsSync(file)) return config
  const raw = readJson(file, config.problems)
  if (raw === undefined) return config
  if (!isObject(raw)) {
    config.problems.push('config.json must be a JSON object')
    return config
  }
  for (const key of Object.keys(raw)) {
    if (!CONFIG_JSON_KEYS.includes(key)) {
      const hint = key === 'timeout' ? " (a function's timeout is its own setting: put it in cloudbaserc.json)" : ''
      config.problems.push(
        `config.json: "${key}" is not a key WeChat accepts (only ${CONFIG_JSON_KEYS.join(', ')})${hint}`
      )
    }
  }
  const permissions = raw.permissions
  if (permissions !== undefined) {
    const openapi = isObject(permissions) ? permissions.openapi : undefined
    if (
      !isObject(permissions) ||
      Object.keys(permissions).some(k => k !== 'openapi') ||
      (openapi !== undefined && !(Array.isArray(openapi) && openapi.every(a => typeof a === 'string')))
    ) {
      config.problems.push('config.json: "permissions" must be { "openapi": ["<api>", ...] }')
    }
  }
  config.triggers = parseTriggers('config.json', raw.triggers, config.problems)
  return config
}

function readRcFunction(entry: unknown): FunctionSettings | null {
  if (!isObject(entry) || typeof entry.name !== 'string' || entry.name === '') return null
  const where = `cloudbaserc.json functions "${entry.name}"`
  const problems: string[] = []
  for (const key of Object.keys(entry)) {
    if (!RC_FUNCTION_KEYS.includes(key)) problems.push(`${where}: unknown key "${key}"`)
  }
  let timeoutMs = DEFAULT_TIMEOUT_MS
  if (entry.timeout !== undefined) {
    const t = entry.timeout
    if (typeof t === 'number' && Number.isInteger(t) && t >= TIMEOUT_RANGE_S.min && t <= TIMEOUT_RANGE_S.max)
      timeoutMs = t * 1000
    else
      problems.push(
        `${where}: timeout ${JSON.stringify(t)} must be whole seconds from ${TIMEOUT_RANGE_S.min} to ${TIMEOUT_RANGE_S.max}`
      )
  }
  let memoryMb = DEFAULT_MEMORY_MB
  if (entry.memorySize !== undefined) {
    if ((MEMORY_SIZES_MB as readonly unknown[]).includes(entry.memorySize)) memoryMb = entry.memorySize as number
    else
      problems.push(
        `${where}: memorySize ${JSON.stringify(entry.memorySize)} must be one of ${MEMORY_SIZES_MB.join(', ')}`
      )
  }
  if (
    entry.envVariables !== undefined &&
    !(isObject(entry.envVariables) && Object.values(entry.envVariables).every(v => typeof v === 'string'))
  ) {
    problems.push(`${where}: envVariables must map names to strings`)
  }
  return { name: entry.name, timeoutMs, memoryMb, triggers: parseTriggers(where, entry.triggers, problems), problems }
}

/** The repository's cloudbaserc.json; a missing file declares nothing (every function gets 3 s). */
export function readCloudbaseRc(file: string): CloudbaseRc {
  const rc: CloudbaseRc = { file: null, functions: new Map(), problems: [] }
  if (!existsSync(file)) return rc
  rc.file = file
  const raw = readJson(file, rc.problems)
  if (raw === undefined) return rc
  if (!isObject(raw) || !Array.isArray(raw.functions)) {
    rc.problems.push('cloudbaserc.json must have a "functions" array')
    return rc
  }
  raw.functions.forEach((entry, i) => {
    const settings = readRcFunction(entry)
    if (!settings) rc.problems.push(`cloudbaserc.json functions[${i}] has no name`)
    else if (rc.functions.has(settings.name)) rc.problems.push(`cloudbaserc.json declares "${settings.name}" twice`)
    else rc.functions.set(settings.name, settings)
  })
  return rc
}

/**
 * One function's settings as the local host applies them: the timeout and memory from
 * cloudbaserc.json (3 s and 256 MB when it does not name the function), the trigger from
 * config.json, and every reason the platform would refuse the pair. The two files must declare
 * the same trigger: DevTools uploads take config.json's, the CLI takes cloudbaserc.json's.
 */
export function settingsFor(
  name: string,
  config: FunctionConfig,
  rc: CloudbaseRc
): FunctionSettings & { declared: boolean } {
  const declared = rc.functions.get(name)
  const problems = [...config.problems, ...rc.problems, ...(declared?.problems ?? [])]
  if (declared && JSON.stringify(declared.triggers) !== JSON.stringify(config.triggers)) {
    problems.push(
      `cloudbaserc.json triggers ${JSON.stringify(declared.triggers)} differ from config.json's ` +
        `${JSON.stringify(config.triggers)}; the CLI and a DevTools upload would deploy different timers`
    )
  }
  return {
    name,
    timeoutMs: declared?.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    memoryMb: declared?.memoryMb ?? DEFAULT_MEMORY_MB,
    triggers: config.triggers,
    problems,
    declared: declared !== undefined
  }
}
