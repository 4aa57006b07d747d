/**
 * What an action costs: the database requests one call makes, router included, as the local
 * cloud counts them (X-Linli-Db-Reads/-Writes, src/local-cloud/functions/function-host.ts). On
 * CloudBase every request is billed and counts against the plan's concurrency, so the budgets
 * below (issue 19) hold in CI: a read action ≤ 2, `community.home` ≤ 4, `classes.enrol` ≤ 6.
 * `npm run bench:ops` prints the same counts for the main journeys. Needs `npm run build:functions`.
 */
import { addDays, shanghaiDate } from '../../src/core/shared/shanghai-time'
import { getDb } from '../../src/server/db/client'
import { addFamilies, type Family } from '../factories/classes.factory'
import { useSeededCloud } from './local-cloud.helper'

jest.setTimeout(60_000)

const cloud = useSeededCloud('classes')
const NOW = new Date()
let fams: Family[]
let seq = 0
const rid = (): string => `it-cost-${Date.now()}-${seq++}`

/** One call of `fn.action` as `openId`: its answer and its database requests in all. */
async function costOf (fn: string, openId: string, action: string, payload: unknown = {}, requestId?: string): Promise<{ body: any, requests: number }> {
  const port = cloud.port()
  const res = await fetch(`http://127.0.0.1:${port}/functions/${fn}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-wx-openid': openId },
    body: JSON.stringify({ action, payload, ...(requestId ? { requestId } : {}) })
  })
  const reads = res.headers.get('x-linli-db-reads')
  const writes = res.headers.get('x-linli-db-writes')
  if (reads === null || writes === null) throw new Error(`${fn}.${action}: the local cloud reported no cost`)
  return { body: await res.json(), requests: Number(reads) + Number(writes) }
}

beforeAll(async () => {
  await cloud.setClock(NOW)
  fams = await addFamilies(getDb(), 3, 'cost')
})

describe('classes.enrol', () => {
  let termId: string
  beforeAll(async () => {
    const today = shanghaiDate(NOW)
    termId = (await cloud.data('demo-staff', 'createTerm', {
      title: '计费班', room: '活动室', startDate: addDays(today, 1), endDate: addDays(today, 30), capacity: 1
    }, rid())).termId
  })

  it('takes a seat in at most 6 database requests, router included', async () => {
    const { body, requests } = await costOf('classes', fams[0].guardian, 'enrol', { termId, childId: fams[0].childId }, rid())
    expect(body).toMatchObject({ ok: true, data: { status: 'enrolled' } })
    expect(requests).toBeLessThanOrEqual(6)
  })

  it('joins the waitlist in at most 6', async () => {
    for (const f of fams.slice(1)) {
      const { body, requests } = await costOf('classes', f.guardian, 'enrol', { termId, childId: f.childId }, rid())
      expect(body).toMatchObject({ ok: true, data: { status: 'waitlisted' } })
      expect(requests).toBeLessThanOrEqual(6)
    }
  })

  it('a retry of the same request is answered what it made, in at most 6', async () => {
    const requestId = rid()
    const first = await costOf('classes', fams[0].guardian, 'enrol', { termId, childId: fams[0].childId }, requestId)
    const again = await costOf('classes', fams[0].guardian, 'enrol', { termId, childId: fams[0].childId }, requestId)
    expect(again.body).toEqual(first.body)
    expect(again.requests).toBeLessThanOrEqual(6)
  })
})

describe('read actions', () => {
  it.each([
    ['classes', 'demo-guardian', 'myEnrolments', {}],
    ['classes', 'demo-guardian', 'listTerms', {}],
    ['community', 'demo-resident', 'whoami', {}],
    ['notifications', 'demo-resident', 'inbox', {}]
  ])('%s.%s as %s: at most 2 database requests, router included', async (fn, openId, action, payload) => {
    const { body, requests } = await costOf(fn, openId, action, payload)
    expect(body.ok).toBe(true)
    expect(requests).toBeLessThanOrEqual(2)
  })
})

describe('community.home', () => {
  it.each(['demo-resident', 'demo-elder', 'demo-grid-worker', 'demo-staff'])('as %s: at most 4 database requests, router included', async (openId) => {
    const { body, requests } = await costOf('community', openId, 'home')
    expect(body.ok).toBe(true)
    expect(requests).toBeLessThanOrEqual(4)
  })
})
