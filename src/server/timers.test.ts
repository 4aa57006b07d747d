import { withTimers } from './timers'

const routed = jest.fn(async () => ({ ok: false as const, error: { code: 'UNKNOWN_ACTION', message: '暂不支持该操作' } }))
const job = jest.fn(async () => ({ done: 1 }))
const main = withTimers(routed, { dueWork: job })

beforeEach(() => { routed.mockClear(); job.mockClear() })

test('a timer tick with no caller runs the job named by its trigger', async () => {
  await expect(main({ Type: 'Timer', TriggerName: 'dueWork', Time: '2026-11-24T02:00:00Z' }, { request_id: 'r1' })).resolves.toEqual({ done: 1 })
  expect(job).toHaveBeenCalledTimes(1)
  expect(routed).not.toHaveBeenCalled()
})

test('a user who sends a timer-shaped event goes to the router, never to the job', async () => {
  const res = await main({ Type: 'Timer', TriggerName: 'dueWork', userInfo: { openId: 'o-user', appId: 'wx1' } }, { environ: 'WX_OPENID=o-user;WX_APPID=wx1' })
  expect(res).toMatchObject({ ok: false, error: { code: 'UNKNOWN_ACTION' } })
  expect(job).not.toHaveBeenCalled()
})

test('an unknown trigger is logged and answered, not thrown', async () => {
  const log = jest.spyOn(console, 'log').mockImplementation(() => undefined)
  await expect(main({ Type: 'Timer', TriggerName: 'nope' })).resolves.toEqual({ ok: false })
  expect(log.mock.calls[0][0]).toContain('no job for timer nope')
  log.mockRestore()
})
