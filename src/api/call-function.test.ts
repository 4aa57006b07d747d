import Taro from '@tarojs/taro'
import { callFunction, resetCloudForTests } from './call-function'
import { setPersonaOpenId, clearPersonaOpenId } from './identity'
import { newRequestId } from './request-id'

jest.mock('@tarojs/taro', () => require('../../test/setup/taro.mock').taroMock())

const fetchMock = jest.fn()
const realEnv = process.env.TARO_ENV

beforeEach(() => {
  jest.clearAllMocks()
  global.fetch = fetchMock as unknown as typeof fetch
  process.env.TARO_ENV = 'h5'
  setPersonaOpenId('demo-resident')
})
afterAll(() => {
  process.env.TARO_ENV = realEnv
})

function jsonResponse(status: number, body: unknown): Response {
  return { status, ok: status < 400, json: async () => body } as unknown as Response
}

describe('H5: POST /functions/<name> on the same origin', () => {
  test('sends the wire request with the chosen persona and returns the envelope', async () => {
    setPersonaOpenId('demo-resident')
    fetchMock.mockResolvedValue(jsonResponse(200, { ok: true, data: { hello: '你好' } }))

    const res = await callFunction<{ hello: string }>('community', 'home', { a: 1 }, { requestId: 'req-12345678' })

    expect(res).toEqual({ ok: true, data: { hello: '你好' } })
    const [url, init] = fetchMock.mock.calls[0]
    expect(url).toBe('/functions/community')
    expect(init.method).toBe('POST')
    expect(init.headers['X-WX-OPENID']).toBe('demo-resident')
    expect(init.headers['Content-Type']).toBe('application/json')
    expect(JSON.parse(init.body)).toEqual({ action: 'home', payload: { a: 1 }, requestId: 'req-12345678' })
  })

  test('without a persona nothing is sent: the answer is "choose a persona"', async () => {
    clearPersonaOpenId()
    const res = await callFunction('community', 'home')
    expect(fetchMock).not.toHaveBeenCalled()
    expect(res).toEqual({ ok: false, error: { code: 'UNAUTHENTICATED', message: '请先选择身份' } })
  })

  test('a 401 from the local cloud means "choose a persona"', async () => {
    fetchMock.mockResolvedValue(jsonResponse(401, { error: { code: 'UNAUTHENTICATED', message: 'no openid' } }))
    const res = await callFunction('community', 'home')
    expect(res).toEqual({ ok: false, error: { code: 'UNAUTHENTICATED', message: '请先选择身份' } })
  })

  test('business errors pass through unchanged', async () => {
    const error = { code: 'INVALID_INPUT', message: '填写有误', details: [{ path: ['a'] }] }
    fetchMock.mockResolvedValue(jsonResponse(200, { ok: false, error }))
    expect(await callFunction('community', 'home')).toEqual({ ok: false, error })
  })

  test("the local cloud's own failures ({ error }) become wire errors", async () => {
    fetchMock.mockResolvedValue(jsonResponse(404, { error: { code: 'FUNCTION_NOT_FOUND', message: '没有这个功能' } }))
    expect(await callFunction('nope', 'x')).toEqual({
      ok: false,
      error: { code: 'FUNCTION_NOT_FOUND', message: '没有这个功能' }
    })
  })

  test.each([
    ['a network failure', () => fetchMock.mockRejectedValue(new TypeError('Failed to fetch'))],
    [
      'a non-JSON body',
      () =>
        fetchMock.mockResolvedValue({
          status: 502,
          json: async () => {
            throw new SyntaxError('Unexpected token <')
          }
        })
    ],
    ['JSON that is not an envelope', () => fetchMock.mockResolvedValue(jsonResponse(200, ['what']))]
  ])('%s answers NETWORK in plain Chinese', async (_label, arrange) => {
    arrange()
    expect(await callFunction('community', 'home')).toEqual({
      ok: false,
      error: { code: 'NETWORK', message: '网络不给力，请稍后再试' }
    })
  })
})

describe('weapp: wx.cloud.callFunction', () => {
  const cloud = (Taro as unknown as { cloud: { init: jest.Mock; callFunction: jest.Mock } }).cloud

  beforeEach(() => {
    process.env.TARO_ENV = 'weapp'
    resetCloudForTests()
  })

  test("initialises the cloud once and returns the function's result", async () => {
    cloud.callFunction.mockResolvedValue({ result: { ok: true, data: 7 }, errMsg: 'cloud.callFunction:ok' })

    expect(await callFunction<number>('community', 'home', {}, { requestId: 'abcdefgh' })).toEqual({
      ok: true,
      data: 7
    })
    await callFunction('community', 'whoami')

    expect(cloud.init).toHaveBeenCalledTimes(1)
    expect(cloud.init).toHaveBeenCalledWith({ traceUser: true })
    expect(cloud.callFunction).toHaveBeenNthCalledWith(1, {
      name: 'community',
      data: { action: 'home', payload: {}, requestId: 'abcdefgh' }
    })
    expect(fetchMock).not.toHaveBeenCalled()
  })

  test('a failed call (no network, function missing) answers NETWORK', async () => {
    cloud.callFunction.mockRejectedValue(new Error('cloud.callFunction:fail -404011'))
    expect(await callFunction('community', 'home')).toEqual({
      ok: false,
      error: { code: 'NETWORK', message: '网络不给力，请稍后再试' }
    })
  })
})

describe('a retry while the first call still runs (IN_PROGRESS)', () => {
  const busy = {
    ok: false,
    error: { code: 'IN_PROGRESS', message: '请求正在处理中，请稍后再试', details: { retryAfterMs: 1 } }
  }

  test('waits, shows it is busy, and asks again with the same requestId until the first answer comes', async () => {
    setPersonaOpenId('demo-guardian')
    fetchMock
      .mockResolvedValueOnce(jsonResponse(200, busy))
      .mockResolvedValueOnce(jsonResponse(200, busy))
      .mockResolvedValueOnce(jsonResponse(200, { ok: true, data: { enrolled: true } }))

    const res = await callFunction('classes', 'enrol', { termId: 't1' }, { requestId: 'req-enrol-0001' })

    expect(res).toEqual({ ok: true, data: { enrolled: true } })
    expect(fetchMock).toHaveBeenCalledTimes(3)
    for (const [, init] of fetchMock.mock.calls) expect(JSON.parse(init.body).requestId).toBe('req-enrol-0001')
    expect(Taro.showLoading).toHaveBeenCalledTimes(1)
    expect(Taro.showLoading).toHaveBeenCalledWith({ title: '正在处理，请稍候', mask: true })
    expect(Taro.hideLoading).toHaveBeenCalledTimes(1)
  })

  test('without a requestId there is nothing to ask again about: IN_PROGRESS is answered as is', async () => {
    fetchMock.mockResolvedValue(jsonResponse(200, busy))
    expect(await callFunction('classes', 'enrol', {})).toEqual(busy)
    expect(fetchMock).toHaveBeenCalledTimes(1)
    expect(Taro.showLoading).not.toHaveBeenCalled()
  })
})

describe('newRequestId', () => {
  test('fits the wire schema and is different every time', () => {
    const ids = new Set(Array.from({ length: 200 }, () => newRequestId()))
    expect(ids.size).toBe(200)
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{8,64}$/)
  })
})

describe('the community of a call (issue 20)', () => {
  test("the app's choice goes with every call; a call naming its own community (another's task) overrides it", async () => {
    const { setCommunityChoice } = jest.requireActual<typeof import('./community-choice')>('./community-choice')
    fetchMock.mockResolvedValue(jsonResponse(200, { ok: true, data: {} }))
    setCommunityChoice('chunhui')
    await callFunction('volunteers', 'tasks', {})
    await callFunction('volunteers', 'tasks', {}, { communityId: 'dongsheng' })
    expect(fetchMock.mock.calls.map(c => JSON.parse(c[1].body).communityId)).toEqual(['chunhui', 'dongsheng'])
    setCommunityChoice(null)
  })
})
