import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { callFunction } from '@/api'
import { resetDisplayPrefsForTests } from '@/components/theme/display-prefs'
import { PostForm, TeamForm } from './setup-forms'

jest.mock('@tarojs/taro', () => require('../../../test/setup/taro.mock').taroMock())
jest.mock('@/api', () => ({
  callFunction: jest.fn(),
  newRequestId: jest.fn(() => `req-${Math.random().toString(36).slice(2, 12)}`),
  getPersonaOpenId: jest.fn(() => 'demo-staff')
}))

beforeEach(() => {
  ;(Taro as unknown as { clearStorageSync: () => void }).clearStorageSync()
  resetDisplayPrefsForTests()
  ;(callFunction as jest.Mock).mockReset()
  ;(callFunction as jest.Mock).mockResolvedValue({ ok: true, data: { id: 'x' } })
})

// Taro's H5 Input is a custom element that reports typing as an 'input' event with detail.value.
const type = (testId: string, nth: number, value: string): void => {
  act(() => { document.querySelectorAll(`[data-testid="${testId}"] taro-input-core`)[nth].dispatchEvent(new CustomEvent('input', { detail: { value }, bubbles: true })) })
}

test('staff set up a team, and the publish form is told to show it', async () => {
  const onDone = jest.fn()
  render(<TeamForm onDone={onDone} />)
  type('team-form', 0, ' 环保卫士 ')
  type('team-form', 1, '垃圾分类与环境整治')
  fireEvent.click(screen.getByText('建立服务队'))
  await waitFor(() => expect(onDone).toHaveBeenCalled())
  expect((callFunction as jest.Mock).mock.calls[0].slice(0, 3)).toEqual(['volunteers', 'createTeam', { name: '环保卫士', intro: '垃圾分类与环境整治', leaderUserId: null }])
  expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '服务队已建立' }))
})

test('staff set up a 双报到 service post in a category; nothing is sent before a category and a name', async () => {
  render(<PostForm />)
  fireEvent.click(screen.getByText('设立岗位'))
  expect(callFunction).not.toHaveBeenCalled()
  fireEvent.click(screen.getByText('文明劝导'))
  type('post-form', 0, '楼道文明劝导员')
  type('post-form', 1, '每周巡查楼道堆物并劝导')
  fireEvent.click(screen.getByText('设立岗位'))
  await waitFor(() => expect(callFunction).toHaveBeenCalled())
  expect((callFunction as jest.Mock).mock.calls[0].slice(0, 3)).toEqual(['volunteers', 'createPost', { category: '文明劝导', name: '楼道文明劝导员', duty: '每周巡查楼道堆物并劝导' }])
  expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '岗位已设立，党员可以认领' }))
})
