/**
 * What every context's deps are built from (`<ctx>Deps(infra)` in src/server/<ctx>/<ctx>.actions.ts):
 * the database, the clock, ids and WeChat's text check. A function builds them from the platform
 * (serverInfra); a use-case spec from an in-memory database and a frozen clock
 * (test/support/in-memory-deps.ts), so both run the same wiring.
 */
import type { ContentCheckPort } from '../core/notifications/content-check.ports'
import type { Clock } from '../core/shared/clock'
import { serverClock } from './clock'
import { getDb, type Db } from './db/client'
import { newId } from './ids'
import { contentCheckFor } from './notifications/content-check'

export interface Infra {
  db: Db
  clock: Clock
  newId: (prefix?: string) => string
  contentCheck: ContentCheckPort
}

export function serverInfra(): Infra {
  return { db: getDb(), clock: serverClock, newId, contentCheck: contentCheckFor() }
}
