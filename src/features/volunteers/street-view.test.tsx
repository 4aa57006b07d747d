/**
 * Volunteering across the street's communities (issue 20), as the volunteer sees it: 其他社区的任务 on the board, each
 * shift saying its community, and another community's task page acting in that community. Over a mocked transport
 * (the hooks above it are real), answering by the community each call names.
 */
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { callFunction, CallCommunity } from '@/api'
import { resetDisplayPrefsForTests } from '@/components/theme/display-prefs'
import { VolunteersView } from './volunteers-view'
import { TaskDetailView } from './task-view'

jest.mock('@tarojs/taro', () => require('../../../test/setup/taro.mock').taroMock())
jest.mock('@/api/call-function', () => ({ ...jest.requireActual('@/api/call-function'), callFunction: jest.fn() }))
jest.mock('@/api/request-id', () => ({ newRequestId: jest.fn(() => 'req-test-0001') }))

const HOME = 'community'
const OTHER = 'dongsheng'
const taskIn = (id: string, title: string, place: string) => ({
  id,
  title,
  team: null,
  place,
  detail: '',
  startAt: '2026-12-12T01:00:00.000Z',
  endAt: '2026-12-12T03:00:00.000Z',
  roles: [{ key: 'guide', name: '引导员', slots: 3, left: 2, skills: [] }],
  withdrawCutoffHours: 2,
  recurring: false,
  status: 'open',
  cancelReason: null,
  mine: null,
  organiser: false
})
const me = {
  profile: {
    id: 'vol-1',
    name: '陈志强',
    phoneMasked: '140****0004',
    status: 'approved',
    skills: [],
    availability: [],
    teams: [],
    party: null,
    number: 'V00000001'
  },
  totals: { hours: 8, activities: 4 },
  quarter: null,
  staff: false
}
const shift = (taskId: string, title: string, communityId: string, community: string) => ({
  taskId,
  title,
  startAt: '2026-12-12T01:00:00.000Z',
  endAt: '2026-12-12T03:00:00.000Z',
  date: '2026-12-12',
  roleKey: 'guide',
  status: 'claimed',
  communityId,
  community
})

/** The function as a street of two communities answers it: each call in the community it names (home if none). */
function street(communities = [HOME, OTHER]): void {
  const names: Record<string, string> = { [HOME]: '春晖社区', [OTHER]: '东圣社区' }
  ;(callFunction as jest.Mock).mockImplementation(
    async (_fn: string, action: string, _payload: unknown, opts: { communityId?: string } = {}) => {
      const here = opts.communityId ?? HOME
      const data: Record<string, unknown> = {
        me,
        teams: [],
        myClaims: [
          shift('task-a', '春晖敬老院义剪', HOME, '春晖社区'),
          shift('task-b', '东圣垃圾分类引导', OTHER, '东圣社区')
        ],
        tasks: {
          items: [
            here === HOME
              ? taskIn('task-a', '春晖敬老院义剪', '春晖广场')
              : taskIn('task-b2', '东圣图书角值守', '东圣图书馆')
          ],
          cursor: null
        },
        streetCommunities: communities.map(id => ({ id, name: names[id], current: id === here }))
      }
      return action in data
        ? { ok: true, data: data[action] }
        : { ok: false, error: { code: 'UNKNOWN_ACTION', message: '?' } }
    }
  )
}

beforeEach(() => {
  ;(Taro as unknown as { clearStorageSync: () => void }).clearStorageSync()
  resetDisplayPrefsForTests()
  ;(callFunction as jest.Mock).mockReset()
  ;(Taro.navigateTo as jest.Mock).mockClear()
})

test('其他社区的任务: one tap on a community shows its activities, asked there, and opens them there', async () => {
  street()
  render(<VolunteersView />)
  expect(await screen.findByText('其他社区的任务')).toBeTruthy()
  expect(screen.getByText('街道里其他社区的活动，您也可以报名。服务时长都记在您的名下。')).toBeTruthy()
  // Only the other community is offered; the board above is the home one.
  expect(screen.queryByText('看看春晖社区的活动')).toBeNull()
  fireEvent.click(screen.getByText('看看东圣社区的活动'))
  expect(await screen.findByText('东圣社区的活动')).toBeTruthy()
  expect(await screen.findByText('东圣图书角值守')).toBeTruthy()
  expect((callFunction as jest.Mock).mock.calls).toContainEqual(['volunteers', 'tasks', {}, { communityId: OTHER }])
  fireEvent.click(screen.getByText('东圣图书角值守'))
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/volunteers/task?id=task-b2&community=dongsheng' })
  // Back to the list of communities.
  fireEvent.click(screen.getByText('换一个社区'))
  expect(await screen.findByText('看看东圣社区的活动')).toBeTruthy()
})

test('a street of one community offers no other communities', async () => {
  street([HOME])
  render(<VolunteersView />)
  expect(await screen.findByText('春晖敬老院义剪', { selector: '[data-testid="task"] *' })).toBeTruthy()
  await waitFor(() => expect((callFunction as jest.Mock).mock.calls.some(c => c[1] === 'streetCommunities')).toBe(true))
  expect(screen.queryByText('其他社区的任务')).toBeNull()
})

test('my shifts each say their community, and open in it', async () => {
  street()
  render(<VolunteersView />)
  await screen.findByText('在东圣社区')
  const places = screen.getAllByTestId('my-claim-community').map(e => e.textContent)
  expect(places).toEqual(['在春晖社区', '在东圣社区'])
  fireEvent.click(screen.getByText('东圣垃圾分类引导'))
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/volunteers/task?id=task-b&community=dongsheng' })
})

test("another community's task page reads and claims in that community", async () => {
  ;(callFunction as jest.Mock).mockImplementation(async (_fn: string, action: string) =>
    action === 'task'
      ? { ok: true, data: { ...taskIn('task-b2', '东圣图书角值守', '东圣图书馆'), community: '东圣社区' } }
      : action === 'claim'
        ? { ok: true, data: { claimId: 'task-b2:vol-1', taskId: 'task-b2', roleKey: 'guide' } }
        : { ok: true, data: [] }
  )
  render(
    <CallCommunity.Provider value={OTHER}>
      <TaskDetailView id='task-b2' />
    </CallCommunity.Provider>
  )
  expect((await screen.findByTestId('task-community')).textContent).toBe('在东圣社区')
  fireEvent.click(await screen.findByText('报名：引导员'))
  await waitFor(() =>
    expect(callFunction).toHaveBeenCalledWith(
      'volunteers',
      'claim',
      { taskId: 'task-b2', roleKey: 'guide' },
      { requestId: 'req-test-0001', communityId: OTHER }
    )
  )
  expect((callFunction as jest.Mock).mock.calls.find(c => c[1] === 'task')?.[3]).toEqual({ communityId: OTHER })
})
