import { fixedClock } from '../core/shared/clock'
import type { ScheduledJob, TimerLedger } from './timers'
import { withTimers } from './timers'

const routed = jest.fn(async () => ({ ok: false as const, error: { code: 'UNKNOWN_ACTION', message: '暂不支持该操作' } }))

/** The ledger as the timer_runs collection keeps it, in memory. */
function memoryLedger (): TimerLedger & { runs: Map<string, Date> } {
  const runs = new Map<string, Date>()
  return {
    runs,
    lastRuns: async (ids) => new Map(ids.filter((id) => runs.has(id)).map((id) => [id, runs.get(id) as Date])),
    record: async (id, at) => { runs.set(id, at) }
  }
}

let clock = fixedClock('2026-11-24T02:00:00Z')
let ledger: ReturnType<typeof memoryLedger>
let calls: string[]
let failNext: string | null
const job = (name: string, cron: string): ScheduledJob => ({
  cron,
  run: async () => {
    calls.push(name)
    if (failNext === name) { failNext = null; throw new Error(`${name} failed`) }
    return { done: name }
  }
})
const jobs = {
  everyMinute: job('everyMinute', '0 * * * * * *'),
  everyFive: job('everyFive', '0 */5 * * * * *'),
  daily9: job('daily9', '0 0 9 * * * *')
}
const main = withTimers(routed, jobs, { fn: 'demo', ledger: () => ledger, clock: { now: () => clock.now() } })
const tick = async (): Promise<any> => await main({ Type: 'Timer', TriggerName: 'tick', Time: clock.now().toISOString().replace(/\.\d{3}Z$/, 'Z') }, {})

let log: jest.SpyInstance
beforeEach(() => {
  routed.mockClear()
  clock = fixedClock('2026-11-24T02:00:00Z') // 10:00 in Beijing
  ledger = memoryLedger()
  calls = []
  failNext = null
  log = jest.spyOn(console, 'log').mockImplementation(() => undefined)
})
afterEach(() => { log.mockRestore() })

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
  ledger.runs.set('demo.everyFive', new Date('2026-11-24T01:49:00Z'))
  ledger.runs.set('demo.daily9', new Date('2026-11-23T02:00:00Z')) // yesterday 10:00: today's 09:00 was missed
  await tick()
  expect(calls.sort()).toEqual(['daily9', 'everyFive', 'everyMinute'])
  expect(ledger.runs.get('demo.daily9')).toEqual(clock.now())
})

test('a job that fails is not recorded, runs again at the next tick, and does not stop the others', async () => {
  failNext = 'everyFive'
  const first = await tick()
  expect(first.ran.everyFive).toEqual({ outcome: 'ERROR', error: 'everyFive failed' })
  // Not recorded as run: the ledger keeps where it started (one tick back), the minute job moved on.
  expect(ledger.runs.get('demo.everyFive')).toEqual(new Date('2026-11-24T01:59:00Z'))
  expect(ledger.runs.get('demo.everyMinute')).toEqual(clock.now())
  calls = []
  clock.advance(60_000)
  await tick()
  expect(calls.sort()).toEqual(['everyFive', 'everyMinute'])
})

test('a timer event naming a job runs that job at once, outside the schedule', async () => {
  await expect(main({ Type: 'Timer', TriggerName: 'daily9' }, { request_id: 'r1' })).resolves.toEqual({ done: 'daily9' })
  expect(calls).toEqual(['daily9'])
  expect(ledger.runs.size).toBe(0)
  expect(routed).not.toHaveBeenCalled()
})

test('a user who sends a timer-shaped event goes to the router, never to a job', async () => {
  for (const TriggerName of ['tick', 'daily9']) {
    const res = await main({ Type: 'Timer', TriggerName, userInfo: { openId: 'o-user', appId: 'wx1' } }, { environ: 'WX_OPENID=o-user;WX_APPID=wx1' })
    expect(res).toMatchObject({ ok: false, error: { code: 'UNKNOWN_ACTION' } })
  }
  expect(calls).toEqual([])
})

test('an unknown trigger is logged and answered, not thrown; a bad cron fails at load', async () => {
  await expect(main({ Type: 'Timer', TriggerName: 'nope' })).resolves.toEqual({ ok: false })
  expect(log.mock.calls[0][0]).toContain('no job for timer nope')
  expect(() => withTimers(routed, { bad: job('bad', '0 * * * *') }, { fn: 'demo' })).toThrow(/CloudBase needs 7/)
})
