import Taro from '@tarojs/taro'
import { callFunction, resetCloudForTests } from './call-function'
import {
  getCommunityChoice,
  onCommunityChoice,
  resetCommunityChoiceForTests,
  setCommunityChoice
} from './community-choice'
import { setPersonaOpenId } from './identity'

jest.mock('@tarojs/taro', () => require('../../test/setup/taro.mock').taroMock())

const fetchMock = jest.fn()
const realEnv = process.env.TARO_ENV

beforeEach(() => {
  ;(Taro as unknown as { clearStorageSync: () => void }).clearStorageSync()
  resetCommunityChoiceForTests()
  resetCloudForTests()
  global.fetch = fetchMock as unknown as typeof fetch
  fetchMock.mockResolvedValue({ ok: true, status: 200, json: async () => ({ ok: true, data: {} }) })
  process.env.TARO_ENV = 'h5'
  setPersonaOpenId('demo-resident')
})
afterAll(() => {
  process.env.TARO_ENV = realEnv
})

const sentBody = (): Record<string, unknown> => JSON.parse(fetchMock.mock.calls.at(-1)[1].body as string)

test('the chosen community goes with every call, and no community when none was chosen', async () => {
  await callFunction('community', 'home', {})
  expect(sentBody()).not.toHaveProperty('communityId')
  setCommunityChoice('c-dongsheng')
  await callFunction('community', 'home', {})
  expect(sentBody()).toMatchObject({ communityId: 'c-dongsheng' })
})

test('a change is announced once to every screen listening; the same choice again is no change', () => {
  const heard = jest.fn()
  const stop = onCommunityChoice(heard)
  setCommunityChoice('c-dongsheng')
  setCommunityChoice('c-dongsheng')
  expect(heard).toHaveBeenCalledTimes(1)
  stop()
  setCommunityChoice('community')
  expect(heard).toHaveBeenCalledTimes(1)
  expect(getCommunityChoice()).toBe('community')
})

test('another demo persona starts in their own community', () => {
  setCommunityChoice('c-dongsheng')
  setPersonaOpenId('demo-staff')
  expect(getCommunityChoice()).toBeNull()
  expect(Taro.getStorageSync('linli.community')).toBe('')
})
