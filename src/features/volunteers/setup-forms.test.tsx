import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { callFunction } from '@/api'
import { resetDisplayPrefsForTests } from '@/components/theme/display-prefs'
import { PostForm, TeamForm } from './setup-forms'
import { expectAtField, invalidInput, typeInto } from '../../../test/setup/form-input'

jest.mock('@tarojs/taro', () => require('../../../test/setup/taro.mock').taroMock())
// The transport is mocked; useAction/useQuery above it are the real hooks (src/api/use-action.hook.test.tsx).
jest.mock('@/api/call-function', () => ({ ...jest.requireActual('@/api/call-function'), callFunction: jest.fn() }))

beforeEach(() => {
  ;(Taro as unknown as { clearStorageSync: () => void }).clearStorageSync()
  resetDisplayPrefsForTests()
  ;(callFunction as jest.Mock).mockReset()
  ;(callFunction as jest.Mock).mockResolvedValue({ ok: true, data: { id: 'x' } })
})

test('staff set up a team, and the publish form is told to show it', async () => {
  const onDone = jest.fn()
  render(<TeamForm onDone={onDone} />)
  typeInto('team-name', ' 环保卫士 ')
  typeInto('team-intro', '垃圾分类与环境整治')
  fireEvent.click(screen.getByText('建立服务队'))
  await waitFor(() => expect(onDone).toHaveBeenCalled())
  expect((callFunction as jest.Mock).mock.calls[0].slice(0, 3)).toEqual([
    'volunteers',
    'createTeam',
    { name: '环保卫士', intro: '垃圾分类与环境整治', leaderUserId: null }
  ])
  expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '服务队已建立' }))
})

test('staff set up a 双报到 service post in a category; nothing is sent before a category and a name', async () => {
  render(<PostForm />)
  fireEvent.click(screen.getByText('设立岗位'))
  expect(callFunction).not.toHaveBeenCalled()
  fireEvent.click(screen.getByText('文明劝导'))
  typeInto('post-name', '楼道文明劝导员')
  typeInto('post-duty', '每周巡查楼道堆物并劝导')
  fireEvent.click(screen.getByText('设立岗位'))
  await waitFor(() => expect(callFunction).toHaveBeenCalled())
  expect((callFunction as jest.Mock).mock.calls[0].slice(0, 3)).toEqual([
    'volunteers',
    'createPost',
    { category: '文明劝导', name: '楼道文明劝导员', duty: '每周巡查楼道堆物并劝导' }
  ])
  expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '岗位已设立，党员可以认领' }))
})

test('a refused team name is said at the name, not in a toast; the button says what is missing', async () => {
  ;(callFunction as jest.Mock).mockResolvedValue(invalidInput('payload.name', '含有不能发布的内容'))
  ;(Taro.showToast as jest.Mock).mockClear()
  render(<TeamForm onDone={jest.fn()} />)
  expect(screen.getByText('请先填写服务队名称')).toBeTruthy()
  expect(screen.getByText('0/20')).toBeTruthy()
  typeInto('team-name', '环保卫士')
  expect(screen.getByText('4/20')).toBeTruthy()
  fireEvent.click(screen.getByText('建立服务队'))
  await expectAtField('team-name', '服务队名称：含有不能发布的内容')
  expect(Taro.showToast).not.toHaveBeenCalled()
})

test('the post form says it needs a category first', () => {
  render(<PostForm />)
  expect(screen.getByText('请先选岗位类别')).toBeTruthy()
  fireEvent.click(screen.getByText('文明劝导'))
  expect(screen.getByText('请先填写岗位名称')).toBeTruthy()
})

test('creating a team again after no answer is the same request, so a retry never makes a second team', async () => {
  ;(callFunction as jest.Mock)
    .mockResolvedValueOnce({ ok: false, error: { code: 'NETWORK', message: '网络不给力，请稍后再试' } })
    .mockResolvedValueOnce({ ok: true, data: { id: 'team-1' } })
  const onDone = jest.fn()
  render(<TeamForm onDone={onDone} />)
  typeInto('team-name', '环保卫士')
  fireEvent.click(screen.getByText('建立服务队'))
  expect(await screen.findByText('网络不给力，请稍后再试')).toBeTruthy()
  expect(onDone).not.toHaveBeenCalled()
  fireEvent.click(screen.getByText('建立服务队'))
  await waitFor(() => expect(onDone).toHaveBeenCalled())
  const [first, retry] = (callFunction as jest.Mock).mock.calls.map(c => c[3]?.requestId)
  expect(first).toEqual(expect.any(String))
  expect(retry).toBe(first)
})
