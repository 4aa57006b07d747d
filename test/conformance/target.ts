/**
 * The database the conformance suite talks to: the spawned local cloud, or a real CloudBase
 * environment when TCB_ENV / TCB_SECRET_ID / TCB_SECRET_KEY are set. Both are driven through the
 * unmodified SDKs, so a test passing on both means our local cloud behaves like CloudBase.
 */
import tcb from '@cloudbase/node-sdk'
import { randomBytes } from 'node:crypto'
import { LOCAL_ENV_ID } from '../../src/local-cloud/env'
import { inMemoryDb } from '../support/in-memory-db'
import { realEnv, startLocalCloud, type LocalCloudProcess } from '../support/local-cloud'

const wxCloud = require('wx-server-sdk') as { init: (c: Record<string, unknown>) => void; database: () => any }

/** The SDK's database object (its typings are loose; tests use it as users do). */
export type NodeDb = ReturnType<ReturnType<typeof tcb.init>['database']>

export interface Target {
  kind: 'local' | 'real'
  /** The spawned process (local only). */
  cloud: LocalCloudProcess | null
  db: NodeDb
  /** The node-sdk app itself (storage: uploadFile, getTempFileURL…); null in memory mode. */
  app: ReturnType<typeof tcb.init> | null
  /** The config it was made with, for wx-server-sdk's init. */
  config: Record<string, unknown>
  /** A wx-server-sdk database against the same target. */
  wxDb: () => any
  /** Creates a collection unique to this run (real environments keep other data). */
  collection: (base: string) => Promise<string>
  close: () => Promise<void>
}

/**
 * `LINLI_CONFORMANCE_TARGET=memory`: the same engine in this process behind the same SDK, as the
 * use-case specs use it (test/support/in-memory-db.ts); in-process.test.ts runs the suite so.
 */
const inMemory = (): boolean => process.env.LINLI_CONFORMANCE_TARGET === 'memory'

export async function openTarget(): Promise<Target> {
  const real = realEnv()
  let cloud: LocalCloudProcess | null = null
  let config: Record<string, unknown>
  if (inMemory()) {
    const mem = inMemoryDb()
    return {
      kind: 'local',
      cloud: null,
      db: mem.db,
      app: null,
      config: {},
      wxDb: () => {
        throw new Error('wx-server-sdk has no in-process seam; its suite runs against the spawned local cloud')
      },
      collection: async (base: string) => {
        await mem.db.createCollection(`conf_${base}`)
        return `conf_${base}`
      },
      close: async () => {
        mem.close()
      }
    }
  }
  if (real) {
    config = { env: real.env, secretId: real.secretId, secretKey: real.secretKey }
  } else {
    // Outside Tencent Cloud the SDK probes a metadata host on every call (~65 ms) unless told.
    process.env.TENCENTCLOUD = 'true'
    process.env.SILENCE = 'true'
    cloud = await startLocalCloud()
    config = { env: LOCAL_ENV_ID, serviceUrl: cloud.url, secretId: 'local', secretKey: 'local' }
  }
  const app = tcb.init(config)
  const db = app.database()
  let wxInited = false
  const run = randomBytes(3).toString('hex')
  return {
    kind: real ? 'real' : 'local',
    cloud,
    db,
    app,
    config,
    wxDb: () => {
      if (!wxInited) {
        wxCloud.init(config)
        wxInited = true
      }
      return wxCloud.database()
    },
    collection: async (base: string) => {
      const name = `conf_${base}_${run}`
      await db.createCollection(name)
      return name
    },
    close: async () => {
      await cloud?.dispose()
    }
  }
}

/** The CloudBase error a call fails with (`code`), or 'no error'. */
export async function errorCode(p: Promise<unknown>): Promise<string> {
  try {
    await p
    return 'no error'
  } catch (err) {
    return String((err as { code?: unknown }).code ?? (err as Error).message)
  }
}
