/**
 * A function's `config.json` (research/cloudbase.md §4): `triggers` and `timeout` are what the
 * local cloud uses; `permissions` only matter when uploading.
 */
import { existsSync, readFileSync } from 'node:fs'
import type { TimerTrigger } from '../contracts'

/** The contract's default (contracts.ts). Real CloudBase defaults to 3 s; set `timeout` explicitly. */
export const DEFAULT_TIMEOUT_MS = 20_000

export interface FunctionConfig {
  triggers: TimerTrigger[]
  timeoutMs: number
  /** Problems worth a log line; the function still loads. */
  warnings: string[]
}

export function readFunctionConfig (file: string): FunctionConfig {
  const config: FunctionConfig = { triggers: [], timeoutMs: DEFAULT_TIMEOUT_MS, warnings: [] }
  if (!existsSync(file)) return config
  let raw: unknown
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'))
  } catch (err) {
    config.warnings.push(`config.json is not valid JSON (${(err as Error).message}); using defaults`)
    return config
  }
  if (typeof raw !== 'object' || raw === null) return config
  const { triggers, timeout } = raw as { triggers?: unknown; timeout?: unknown }

  if (timeout !== undefined) {
    if (typeof timeout === 'number' && timeout > 0) config.timeoutMs = Math.round(timeout * 1000)
    else config.warnings.push(`config.json timeout ${JSON.stringify(timeout)} is not a positive number of seconds; using ${DEFAULT_TIMEOUT_MS / 1000} s`)
  }

  if (triggers !== undefined && !Array.isArray(triggers)) {
    config.warnings.push('config.json triggers is not an array; ignored')
  } else {
    for (const t of triggers ?? []) {
      const { name, type, config: cron } = (t ?? {}) as Record<string, unknown>
      if (type === 'timer' && typeof name === 'string' && name !== '' && typeof cron === 'string') {
        config.triggers.push({ name, type: 'timer', config: cron })
      } else {
        config.warnings.push(`config.json trigger ${JSON.stringify(t)} ignored: only { name, type: "timer", config } is supported`)
      }
    }
  }
  return config
}
