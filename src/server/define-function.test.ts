import * as z from 'zod'
import { ok } from '../core/shared/wire'
import { fixedClock } from '../core/shared/clock'
import { defineFunction } from './define-function'
import { action } from './router'
import type { Job, TimerLedger } from './timers'
import { schedules } from './timers'
import { jobsOf } from '../../test/support/jobs-of'
import { scopeOf } from './db/community-scope'
import { anUnregisteredCaller } from '../../test/factories/caller.factory'

// The real router, with its outside parts faked: a forged timer event must reach it and be refused.
const routed = jest.fn(async () => ok('pong'))
const actions = { ping: action({ schema: z.object({}), run: routed, roles: 'anyone' }) }
const routerInfra = {
  loadCaller: async (openId: string) => anUnregisteredCaller(openId),
  log: () => undefined,
  communities: async () => ['community']
}

/** The ledger as the timer_runs collection keeps it, in memory. */
function memoryLedger(): TimerLedger & { runs: Map<string, Date> } {
  const runs = new Map<string, Date>()
  return {
    runs,
    lastRuns: async ids => new Map(ids.filter(id => runs.has(id)).map(id => [id, runs.get(id) as Date])),
    record: async (id, at) => {
      runs.set(id, at)
    }
  }
}

let clock = fixedClock('2026-11-24T02:00:00Z')
let ledger: ReturnType<typeof memoryLedger>
let calls: string[]
let failNext: string | null
const job = (name: string, cron: string): Job<{ made: number }> => ({
  cron,
  run: async deps => {
    expect(deps).toBe(theDeps)
    calls.push(name)
    if (failNext === name) {
      failNext = null
      throw new Error(`${name} failed`)
    }
    return { done: name }
  }
})
const jobs = {
  everyMinute: job('everyMinute', '0 * * * * * *'),
  everyFive: job('everyFive', '0 */5 * * * * *'),
  daily9: job('daily9', '0 0 9 * * * *')
}
const theDeps = { made: 0 }
const makeDeps = jest.fn(() => {
  theDeps.made++
  return theDeps
})
const main = defineFunction({
  name: 'community',
  actions,
  jobs,
  deps: makeDeps,
  infra: { ...routerInfra, ledger: () => ledger, clock: { now: () => clock.now() } }
})
const tick = async (): Promise<any> =>
  await main(
    {
      Type: 'Timer',
      TriggerName: 'tick',
      Time: clock
        .now()
        .toISOString()
        .replace(/\.\d{3}Z$/, 'Z')
    },
    {}
  )

let log: jest.SpyInstance
beforeEach(() => {
  routed.mockClear()
  clock = fixedClock('2026-11-24T02:00:00Z') // 10:00 in Beijing
  ledger = memoryLedger()
  calls = []
  failNext = null
  log = jest.spyOn(console, 'log').mockImplementation(() => undefined)
})
afterEach(() => {
  log.mockRestore()
})

test('one tick runs each job whose own cron fell due, and only those', async () => {
  // First sight: as if the last tick ran a minute ago, so 10:00 is due for the minute and five-minute jobs.
  const first = await tick()
  expect(calls.sort()).toEqual(['everyFive', 'everyMinute'])
  expect(first.notDue).toEqual(['daily9'])
  expect(first.ran.everyMinute).toEqual({ outcome: 'OK', result: { done: 'everyMinute' } })

  calls = []
  clock.advance(60_000) // 10:01
  await tick()
  expect(calls).toEqual(['everyMinute'])
  // The same tick delivered twice (a platform retry) runs nothing again.
  calls = []
  await tick()
  expect(calls).toEqual([])
})

test('ticks that never came are caught up once by the next one', async () => {
  ledger.runs.set('community.everyFive', new Date('2026-11-24T01:49:00Z'))
  ledger.runs.set('community.daily9', new Date('2026-11-23T02:00:00Z')) // yesterday 10:00: today's 09:00 was missed
  await tick()
  expect(calls.sort()).toEqual(['daily9', 'everyFive', 'everyMinute'])
  expect(ledger.runs.get('community.daily9')).toEqual(clock.now())
})

test('a job that fails is not recorded, runs again at the next tick, and does not stop the others', async () => {
  failNext = 'everyFive'
  const first = await tick()
  expect(first.ran.everyFive).toEqual({ outcome: 'ERROR', error: 'everyFive failed' })
  // Not recorded as run: the ledger keeps where it started (one tick back), the minute job moved on.
  expect(ledger.runs.get('community.everyFive')).toEqual(new Date('2026-11-24T01:59:00Z'))
  expect(ledger.runs.get('community.everyMinute')).toEqual(clock.now())
  calls = []
  clock.advance(60_000)
  await tick()
  expect(calls.sort()).toEqual(['everyFive', 'everyMinute'])
})

test('a timer event naming a job runs that job at once, outside the schedule', async () => {
  await expect(main({ Type: 'Timer', TriggerName: 'daily9' }, { request_id: 'r1' })).resolves.toEqual({
    done: 'daily9'
  })
  expect(calls).toEqual(['daily9'])
  expect(ledger.runs.size).toBe(0)
  expect(routed).not.toHaveBeenCalled()
})

test('a user who sends a timer-shaped event goes to the router, never to a job', async () => {
  for (const TriggerName of ['tick', 'daily9']) {
    const res = await main(
      { Type: 'Timer', TriggerName, userInfo: { openId: 'o-user', appId: 'wx1' } },
      { environ: 'WX_OPENID=o-user;WX_APPID=wx1' }
    )
    expect(res).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
  }
  expect(calls).toEqual([])
  expect(ledger.runs.size).toBe(0)
  // The router is the real one: the same user's action call is answered.
  expect(
    await main(
      { action: 'ping', userInfo: { openId: 'o-user', appId: 'wx1' } },
      { environ: 'WX_OPENID=o-user;WX_APPID=wx1' }
    )
  ).toEqual({ ok: true, data: 'pong' })
})

test('the jobs and the actions share one deps, built once, on first use', async () => {
  await tick()
  await main({ Type: 'Timer', TriggerName: 'daily9' })
  await main(
    { action: 'ping', userInfo: { openId: 'o-user', appId: 'wx1' } },
    { environ: 'WX_OPENID=o-user;WX_APPID=wx1' }
  )
  // Across every test of this file too: one function, one process, one deps.
  expect(makeDeps).toHaveBeenCalledTimes(1)
})

test("each job gets the tick's instant on the clock, not the event's Time", async () => {
  const seen: Date[] = []
  const at = defineFunction({
    name: 'community',
    actions,
    deps: () => theDeps,
    jobs: {
      now: {
        cron: '0 * * * * * *',
        run: async (_deps, t) => {
          seen.push(t.at)
          return null
        }
      }
    },
    infra: { ...routerInfra, ledger: () => ledger, clock: { now: () => clock.now() } }
  })
  await at({ Type: 'Timer', TriggerName: 'now', Time: '2030-01-01T00:00:00Z' })
  expect(seen).toEqual([clock.now()])
})

test('an unknown trigger is logged and answered, not thrown', async () => {
  await expect(main({ Type: 'Timer', TriggerName: 'nope' })).resolves.toEqual({ ok: false })
  expect(log.mock.calls[0][0]).toContain('no job for timer nope')
})

// Crons are parsed on the first tick, not when the function loads: croner stays out of every cold
// start of a call (scripts/budgets.ts). So a bad cron is caught here, before it is deployed.
test.each(Object.entries(jobsOf).filter(([, jobs]) => Object.keys(jobs).length > 0))(
  "every %s job's cron is one CloudBase takes",
  (_ctx, jobs) => {
    expect(Object.keys(schedules(jobs)).sort()).toEqual(Object.keys(jobs).sort())
  }
)

test('a bad cron is refused', () => {
  expect(() => schedules({ bad: job('bad', '0 * * * *') })).toThrow(/CloudBase needs 7/)
})

describe('in a street of communities (issue 20)', () => {
  const seenBy: string[] = []
  const street = defineFunction({
    name: 'elder-care',
    actions,
    jobs: {
      ladder: {
        cron: '0 * * * * * *',
        run: async (deps: { communityId: string }) => {
          seenBy.push(deps.communityId)
          return { escalated: deps.communityId === 'dongsheng' ? 1 : 0, note: deps.communityId }
        }
      }
    },
    deps: infra => ({ communityId: scopeOf(infra.db)?.communityId ?? '' }),
    infra: { ...routerInfra, communities: async () => ['community', 'dongsheng'], ledger: () => memoryLedger() }
  })

  test('a tick runs each community’s jobs over that community’s deps; a job run by name answers the total', async () => {
    const byName = (await street({ Type: 'Timer', TriggerName: 'ladder' })) as Record<string, unknown>
    expect(seenBy).toEqual(['community', 'dongsheng'])
    expect(byName).toEqual({ escalated: 1, note: 'community' })
    seenBy.length = 0
    const ticked = (await street({ Type: 'Timer', TriggerName: 'tick', Time: '2030-01-01T00:00:00Z' })) as Record<
      string,
      unknown
    >
    expect(Object.keys(ticked)).toEqual(['community', 'dongsheng'])
    expect(seenBy).toEqual(['community', 'dongsheng'])
  })
})
