/**
 * The local cloud's own database engine (src/local-cloud/db: mingo matching, declared and unique
 * indexes, real transactions, CloudBase's error codes) in this process and in memory, behind the
 * real `@cloudbase/node-sdk`. A use-case spec gets the same `Db` that the repositories get from
 * `getDb()` in production, so its queries and conditional updates are built by the SDK and
 * answered by the engine exactly as over HTTP, but with no HTTP, no function host and no built
 * bundle.
 *
 * The seam: `@cloudbase/database` sends every request through the class in `Db.reqClass`, built
 * per request with the database's config (research/cloudbase.md §1.1, "in-process"). Requests of a
 * database made here carry its engine in that config and go to the engine's `handle` (through
 * JSON, as on the wire); any other database keeps the SDK's HTTP requester. node-sdk resets
 * `Db.reqClass` on every `app.database()`, so the property keeps the SDK's class as the fallback
 * instead of letting a reset send an in-memory database's requests to the network.
 */
import { Db as SdkDb } from '@cloudbase/database'
import { openDb } from '../../src/local-cloud/db'
import { MEMORY } from '../../src/local-cloud/db/sqlite-store'
import type { DbService } from '../../src/local-cloud/contracts'
import { collections } from '../../src/server/db/collections'
import { sdk } from '../../src/server/db/sdk'
import type { Db } from '../../src/server/db/client'

const ENGINE = 'linliInProcessEngine'

interface Requester {
  send: (api: string, data: unknown) => Promise<unknown>
}
type RequesterClass = new (config: Record<string, unknown>) => Requester

// node-sdk's own handling of an error reply: throws a TcbError unless setThrowOnCode(false).
const { processReturn } = require('@cloudbase/node-sdk/dist/utils/utils') as { processReturn: (r: unknown) => unknown }

let seq = 0

class InProcessRequester implements Requester {
  constructor(private readonly engine: DbService) {}

  async send(api: string, data: unknown): Promise<unknown> {
    const body = JSON.parse(JSON.stringify({ ...(data as object), action: api })) as unknown
    const reply = JSON.parse(JSON.stringify(await this.engine.handle(body, `in-process-${++seq}`))) as { code?: string }
    // As node-sdk's tcbapirequester does with a reply that carries a code.
    return reply.code ? processReturn(reply) : reply
  }
}

function installRequester(): void {
  const holder = SdkDb as unknown as { reqClass: RequesterClass }
  if (Object.getOwnPropertyDescriptor(holder, 'reqClass')?.get) return
  let sdkRequester = holder.reqClass
  const dispatching = function (this: unknown, config: Record<string, unknown>): Requester {
    const engine = config[ENGINE] as DbService | undefined
    return engine ? new InProcessRequester(engine) : new sdkRequester(config)
  } as unknown as RequesterClass
  Object.defineProperty(holder, 'reqClass', {
    configurable: true,
    get: () => dispatching,
    set: (c: RequesterClass) => {
      sdkRequester = c
    }
  })
}

export interface InMemoryDb {
  /** The SDK's database, as `getDb()` returns it in production. */
  db: Db
  /** The engine itself (its `docsExamined` and the like). */
  engine: DbService
  close: () => void
}

/** A fresh, empty database with every declared collection and index (src/server/db/collections.ts). */
export function inMemoryDb(): InMemoryDb {
  const engine = openDb({ dir: MEMORY, collections })
  const tcb = sdk()
  // Any key pair passes the SDK's check; nothing here reaches a network.
  const app = tcb.init({ env: 'linli-spec', secretId: 'spec', secretKey: 'spec' })
  const db = app.database({ [ENGINE]: engine } as Record<string, unknown>)
  installRequester()
  return { db, engine, close: () => engine.close() }
}
