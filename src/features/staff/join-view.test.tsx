import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { callFunction } from '@/api'
import { getCommunityChoice, resetCommunityChoiceForTests } from '@/api/community-choice'
import { resetDisplayPrefsForTests } from '@/components/theme/display-prefs'
import { typeInto } from '../../../test/setup/form-input'
import { JoinView } from './join-view'

jest.mock('@tarojs/taro', () => require('../../../test/setup/taro.mock').taroMock())
jest.mock('@/api/call-function', () => ({ ...jest.requireActual('@/api/call-function'), callFunction: jest.fn() }))

beforeEach(() => {
  ;(Taro as unknown as { clearStorageSync: () => void }).clearStorageSync()
  resetDisplayPrefsForTests()
  resetCommunityChoiceForTests()
  jest.clearAllMocks()
})

const joinWith = async (communityId: string | null): Promise<void> => {
  ;(callFunction as jest.Mock).mockResolvedValue({
    ok: true,
    data: { role: 'staff', roleLabel: '社工', gridId: null, name: '赵丽', communityId }
  })
  render(<JoinView />)
  await screen.findByPlaceholderText('例如 ABCD2345')
  typeInto('code', 'ABCD2345')
  fireEvent.click(screen.getByText('加入'))
  expect(await screen.findByText('加入成功，您现在是社工。')).toBeTruthy()
}

test('joining a community’s staff makes the app act in that community', async () => {
  await joinWith('dongsheng')
  await waitFor(() => expect(getCommunityChoice()).toBe('dongsheng'))
})

test('joining the street office leaves the community choice as it was', async () => {
  await joinWith(null)
  expect(getCommunityChoice()).toBeNull()
})
