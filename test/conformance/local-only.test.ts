/**
 * What only the local cloud can be asked: raw HTTP bodies the SDK would never send, and a crash
 * (SIGKILL) with a restart. Skipped against a real environment.
 */
import tcb from '@cloudbase/node-sdk'
import { LOCAL_ENV_ID } from '../../src/local-cloud/env'
import { realEnv, startLocalCloud, type LocalCloudProcess } from '../support/local-cloud'

jest.setTimeout(40_000)

const local = realEnv() ? describe.skip : describe

local('local cloud only', () => {
  let cloud: LocalCloudProcess
  let db: ReturnType<ReturnType<typeof tcb.init>['database']>

  beforeAll(async () => {
    process.env.TENCENTCLOUD = 'true'
    process.env.SILENCE = 'true'
    cloud = await startLocalCloud()
    db = tcb.init({ env: LOCAL_ENV_ID, serviceUrl: cloud.url, secretId: 'local', secretKey: 'local' }).database()
    await db.createCollection('conf_raw')
  })
  afterAll(async () => {
    await cloud?.dispose()
  })

  const post = async (body: string): Promise<Record<string, unknown>> => {
    const res = await fetch(`${cloud.url}?env=${LOCAL_ENV_ID}&seqId=1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body
    })
    expect(res.status).toBe(200)
    return (await res.json()) as Record<string, unknown>
  }

  it.each([
    ['malformed JSON', '{"action":', 'INVALID_PARAM'],
    ['a JSON array', '[1,2]', 'INVALID_PARAM'],
    ['unknown action', '{"action":"database.dropDatabase","collectionName":"conf_raw"}', 'INVALID_ACTION'],
    [
      'invalid EJSON',
      '{"action":"database.getDocument","collectionName":"conf_raw","query":"{\\"a\\":{\\"$oid\\":\\"zz\\"}}"}',
      'INVALID_PARAM'
    ],
    [
      'unsupported operator',
      '{"action":"database.getDocument","collectionName":"conf_raw","query":"{\\"a\\":{\\"$where\\":\\"sleep(1)\\"}}"}',
      'DATABASE_INVALID_OPERRATOR'
    ],
    ['negative limit', '{"action":"database.getDocument","collectionName":"conf_raw","limit":-5}', 'INVALID_PARAM'],
    ['odd collection name', '{"action":"database.getDocument","collectionName":"a b/../c"}', 'INVALID_PARAM'],
    ['wrong param type', '{"action":"database.insertDocument","collectionName":"conf_raw","data":42}', 'INVALID_PARAM']
  ])('%s → %s, and the next good request succeeds', async (_name, body, code) => {
    expect(await post(body)).toEqual({ code, message: expect.any(String), requestId: expect.any(String) })
    const { id } = await db.collection('conf_raw').add({ ok: true })
    expect((await db.collection('conf_raw').doc(id!).get()).data).toEqual([{ _id: id, ok: true }])
  })

  it('loses no acknowledged write when killed with SIGKILL, and finds everything after restart', async () => {
    await db.createCollection('conf_crash')
    const n = 300
    const acked: string[] = []
    await Promise.all(
      Array.from({ length: 10 }, async (_v, worker) => {
        for (let i = worker; i < n; i += 10) {
          const { id } = await db.collection('conf_crash').add({ i, at: new Date(i) })
          acked.push(id!)
        }
      })
    )
    await db.collection('conf_crash').doc(acked[0]).update({ touched: true })
    await cloud.kill()
    await cloud.restart()
    const found: Array<{ _id: string; i: number; at: Date; touched?: boolean }> = []
    for (let skip = 0; skip < n; skip += 100) {
      found.push(...(await db.collection('conf_crash').orderBy('i', 'asc').skip(skip).limit(100).get()).data)
    }
    expect(found.map(d => d._id).sort()).toEqual([...acked].sort())
    expect(found[299].at).toEqual(new Date(299))
    expect((await db.collection('conf_crash').doc(acked[0]).get()).data[0].touched).toBe(true)
  })
})
