/**
 * `@cloudbase/node-sdk`, loaded on first use rather than when the function file is required:
 * the bundle keeps the SDK in its own file (scripts/build-functions.ts), so a cold start only
 * parses it once a call actually needs the platform context or the database.
 */
import type * as Tcb from '@cloudbase/node-sdk'

let loaded: typeof Tcb | null = null

export function sdk(): typeof Tcb {
  if (!loaded) loaded = require('@cloudbase/node-sdk') as typeof Tcb
  return loaded
}
