import path from 'node:path'
import type { FunctionHost, InvokeContext, InvokeResult, LoadedFunction, TimerTrigger } from '../contracts'
import { LOCAL_APP_ID } from '../env'
import { loadFunctionHost } from '../functions'
import { startTimers } from './timer-scheduler'

interface Call {
  name: string
  data: unknown
  ctx: InvokeContext
}

/** A host whose functions take `runMs` (on the fake clock) per run. */
function fakeHost(triggers: Record<string, TimerTrigger[]>, runMs = 0): { host: FunctionHost; calls: Call[] } {
  const calls: Call[] = []
  const functions: LoadedFunction[] = Object.entries(triggers).map(([name, t]) => ({
    name,
    entry: `/fake/${name}/index.js`,
    triggers: t,
    timeoutMs: 20_000,
    memoryMb: 256
  }))
  const host: FunctionHost = {
    functions: () => functions,
    invoke: async (name, data, ctx): Promise<InvokeResult> => {
      calls.push({ name, data, ctx })
      if (runMs > 0) await new Promise(resolve => setTimeout(resolve, runMs))
      return { status: 200, body: null }
    }
  }
  return { host, calls }
}

const timer = (name: string, config: string): TimerTrigger => ({ name, type: 'timer', config })

describe('timer scheduler (fake clock)', () => {
  afterEach(() => {
    jest.useRealTimers()
  })

  it('runs a trigger at its time with the platform timer event and no caller', async () => {
    // 01:59:58 in Beijing; the trigger is 02:00:00 Beijing every day.
    jest.useFakeTimers({ now: new Date('2025-01-05T17:59:58Z') })
    const { host, calls } = fakeHost({ remind: [timer('daily2am', '0 0 2 * * * *')] })
    const logs: Array<Record<string, unknown>> = []
    const timers = startTimers(host, { log: l => logs.push(l as Record<string, unknown>) })
    expect(logs).toContainEqual({
      kind: 'timer',
      name: 'remind',
      trigger: 'daily2am',
      event: 'scheduled',
      cron: '0 0 2 * * * *',
      next: '2025-01-05T18:00:00Z'
    })

    await jest.advanceTimersByTimeAsync(1500)
    expect(calls).toHaveLength(0)
    await jest.advanceTimersByTimeAsync(600)
    expect(calls).toHaveLength(1)
    expect(calls[0].name).toBe('remind')
    expect(calls[0].data).toEqual({ Type: 'Timer', TriggerName: 'daily2am', Time: '2025-01-05T18:00:00Z', Message: '' })
    expect(calls[0].ctx).toEqual({
      appId: LOCAL_APP_ID,
      requestId: expect.stringMatching(/^[0-9a-f]{24}$/),
      source: 'timer',
      triggerName: 'daily2am'
    })
    expect(calls[0].ctx.openId).toBeUndefined()

    await jest.advanceTimersByTimeAsync(24 * 3600 * 1000)
    expect(calls).toHaveLength(2)
    expect((calls[1].data as { Time: string }).Time).toBe('2025-01-06T18:00:00Z')
    timers.stop()
  })

  it('skips and logs a tick while the previous run of that trigger is still going', async () => {
    jest.useFakeTimers({ now: new Date('2025-01-01T00:00:00.500Z') })
    // Each run takes 3.5 s; the trigger fires every second.
    const { host, calls } = fakeHost({ sweep: [timer('everySecond', '* * * * * * *')] }, 3500)
    const logs: Array<Record<string, unknown>> = []
    const timers = startTimers(host, { log: l => logs.push(l as Record<string, unknown>) })

    await jest.advanceTimersByTimeAsync(5000) // ticks at :01 :02 :03 :04 :05
    expect(calls.map(c => (c.data as { Time: string }).Time)).toEqual(['2025-01-01T00:00:01Z', '2025-01-01T00:00:05Z'])
    const skipped = logs.filter(l => l.event === 'skipped')
    expect(skipped.map(l => l.time)).toEqual(['2025-01-01T00:00:02Z', '2025-01-01T00:00:03Z', '2025-01-01T00:00:04Z'])
    expect(skipped[0]).toMatchObject({
      kind: 'timer',
      name: 'sweep',
      trigger: 'everySecond',
      message: 'previous run still going'
    })
    timers.stop()
  })

  it('keeps triggers of different functions independent', async () => {
    jest.useFakeTimers({ now: new Date('2025-01-01T00:00:00.500Z') })
    const { host, calls } = fakeHost({
      a: [timer('every2s', '*/2 * * * * * *')],
      b: [timer('every3s', '*/3 * * * * * *')]
    })
    const timers = startTimers(host)
    await jest.advanceTimersByTimeAsync(6000)
    expect(calls.filter(c => c.name === 'a')).toHaveLength(3) // :02 :04 :06
    expect(calls.filter(c => c.name === 'b')).toHaveLength(2) // :03 :06
    timers.stop()
  })

  it('stop() stops every trigger', async () => {
    jest.useFakeTimers({ now: new Date('2025-01-01T00:00:00.500Z') })
    const { host, calls } = fakeHost({ a: [timer('t', '* * * * * * *')], b: [timer('t', '*/2 * * * * * *')] })
    const timers = startTimers(host)
    await jest.advanceTimersByTimeAsync(2000)
    const before = calls.length
    expect(before).toBe(3)
    timers.stop()
    await jest.advanceTimersByTimeAsync(10_000)
    expect(calls).toHaveLength(before)
    expect(jest.getTimerCount()).toBe(0)
  })

  it('logs an invalid cron and still runs the other triggers', async () => {
    jest.useFakeTimers({ now: new Date('2025-01-01T00:00:00.500Z') })
    const { host, calls } = fakeHost({
      bad: [timer('numericWeek', '0 0 2 * * 1 *')],
      good: [timer('t', '* * * * * * *')]
    })
    const logs: Array<Record<string, unknown>> = []
    const timers = startTimers(host, { log: l => logs.push(l as Record<string, unknown>) })
    expect(logs).toContainEqual(
      expect.objectContaining({
        kind: 'error',
        where: 'timers',
        event: 'invalid',
        name: 'bad',
        trigger: 'numericWeek',
        message: expect.stringMatching(/weekday names/)
      })
    )
    await jest.advanceTimersByTimeAsync(1000)
    expect(calls.map(c => c.name)).toEqual(['good'])
    timers.stop()
  })

  it('waits out delays longer than setTimeout can hold (yearly trigger)', async () => {
    jest.useFakeTimers({ now: new Date('2025-01-01T00:00:00Z') })
    // 1 January 00:00 Beijing = 31 December 16:00 UTC, a year away.
    const { host, calls } = fakeHost({ yearly: [timer('newYear', '0 0 0 1 JAN * *')] })
    const timers = startTimers(host)
    await jest.advanceTimersByTimeAsync(200 * 24 * 3600 * 1000)
    expect(calls).toHaveLength(0)
    await jest.advanceTimersByTimeAsync(165 * 24 * 3600 * 1000)
    expect(calls).toHaveLength(1)
    expect((calls[0].data as { Time: string }).Time).toBe('2025-12-31T16:00:00Z')
    timers.stop()
  })
})

describe('timer scheduler with the real function host', () => {
  it('runs a per-second fixture trigger with the timer event, with no openId', async () => {
    const root = path.join(__dirname, '..', 'functions', '__fixtures__', 'cloudfunctions')
    const logs: Array<Record<string, unknown>> = []
    const host = loadFunctionHost({ root, port: 39124, log: l => logs.push(l as Record<string, unknown>) })
    // Same module instance as the host's require: the fixture records its runs here.
    const ticker = require(path.join(root, 'ticker', 'index.js')) as {
      runs: Array<{ event: Record<string, unknown>; environ: string }>
    }
    ticker.runs.length = 0
    const timers = startTimers(host, { log: l => logs.push(l as Record<string, unknown>) })
    const deadline = Date.now() + 2500
    while (ticker.runs.length === 0 && Date.now() < deadline) await new Promise(resolve => setTimeout(resolve, 50))
    timers.stop()

    expect(ticker.runs.length).toBeGreaterThanOrEqual(1)
    const { event, environ } = ticker.runs[0]
    expect(event).toEqual({
      Type: 'Timer',
      TriggerName: 'everySecond',
      Time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
      Message: ''
    })
    expect(environ).toContain('TRIGGER_SRC=timer')
    expect(environ).not.toContain('WX_OPENID')
    expect(logs).toContainEqual(
      expect.objectContaining({
        kind: 'function',
        name: 'ticker',
        source: 'timer',
        trigger: 'everySecond',
        status: 200
      })
    )
  })
})
