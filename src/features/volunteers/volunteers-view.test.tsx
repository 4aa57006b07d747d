import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { callFunction } from '@/api'
import { resetDisplayPrefsForTests } from '@/components/theme/display-prefs'
import { VolunteersView } from './volunteers-view'
import { typeInto } from '../../../test/setup/form-input'

jest.mock('@tarojs/taro', () => require('../../../test/setup/taro.mock').taroMock())
// The transport is mocked; useAction/useQuery above it are the real hooks (src/api/use-action.hook.test.tsx).
jest.mock('@/api/call-function', () => ({ ...jest.requireActual('@/api/call-function'), callFunction: jest.fn() }))
jest.mock('@/api/request-id', () => ({ newRequestId: jest.fn(() => 'req-test-0001') }))

const teams = [{ id: 'team-green', name: '环保卫士', intro: '', hours: 12.5, activities: 9, people: 4 }]
const task = {
  id: 'task-1',
  title: '小区环境整治',
  team: '环保卫士',
  place: '3栋前广场',
  detail: '',
  startAt: '2026-11-25T01:00:00.000Z',
  endAt: '2026-11-25T03:00:00.000Z',
  roles: [{ key: 'clean', name: '清洁', slots: 8, left: 3, skills: [] }],
  withdrawCutoffHours: 24,
  recurring: false,
  status: 'open',
  cancelReason: null,
  mine: null,
  organiser: false
}
const profile = {
  id: 'vol-1',
  name: '陈志强',
  phoneMasked: '140****0004',
  status: 'approved',
  skills: [],
  availability: [],
  teams: [],
  party: { type: '在职', employerOrg: '区税务局机关党委' },
  number: 'V00000001'
}

function answer(data: Record<string, unknown>): void {
  ;(callFunction as jest.Mock).mockImplementation(async (_fn: string, action: string) => ({
    ok: true,
    data: data[action]
  }))
}

beforeEach(() => {
  ;(Taro as unknown as { clearStorageSync: () => void }).clearStorageSync()
  resetDisplayPrefsForTests()
  ;(callFunction as jest.Mock).mockReset()
})

test('an approved party member sees their hours, what the quarter still needs, and activities to join', async () => {
  answer({
    me: {
      profile,
      totals: { hours: 6.5, activities: 3 },
      quarter: { label: '2026年第4季度', posts: 1, activities: 1, short: { posts: 0, activities: 1 }, met: false },
      staff: false
    },
    teams,
    myClaims: [],
    tasks: { items: [task], cursor: null }
  })
  render(<VolunteersView />)
  expect(await screen.findByText('6.5')).toBeTruthy()
  expect(screen.getByText('还需参加1次活动')).toBeTruthy()
  expect(await screen.findByText('小区环境整治')).toBeTruthy()
  expect(screen.getByText(/清洁剩余3\/8个名额/)).toBeTruthy()
  // Team totals only: no ranking of people.
  expect(screen.getByText('12.5小时 · 9人次 · 4人参与')).toBeTruthy()
  expect(screen.getByText('服务岗位（党员认领）')).toBeTruthy()
})

test('a resident without a profile registers with words split into lists and a chosen team', async () => {
  answer({ me: { profile: null, totals: { hours: 0, activities: 0 }, quarter: null, staff: false }, teams })
  render(<VolunteersView />)
  await screen.findByText('成为社区志愿者')
  typeInto('vol-name', '王秀兰')
  typeInto('vol-phone', '14000001111')
  typeInto('vol-skills', '急救 垃圾分类')
  fireEvent.click(
    await screen.findByText('环保卫士', { selector: '[data-testid="team-chip"], [data-testid="team-chip"] *' })
  )
  ;(callFunction as jest.Mock).mockImplementation(async (_fn: string, action: string) =>
    action === 'register'
      ? { ok: true, data: { ...profile, status: 'pending' } }
      : {
          ok: true,
          data:
            action === 'teams'
              ? teams
              : {
                  profile: { ...profile, status: 'pending' },
                  totals: { hours: 0, activities: 0 },
                  quarter: null,
                  staff: false
                }
        }
  )
  fireEvent.click(screen.getByText('提交登记'))
  await waitFor(() =>
    expect(callFunction).toHaveBeenCalledWith(
      'volunteers',
      'register',
      {
        name: '王秀兰',
        phone: '14000001111',
        skills: ['急救', '垃圾分类'],
        availability: [],
        teamIds: ['team-green'],
        party: null
      },
      { requestId: 'req-test-0001' }
    )
  )
  expect(await screen.findByText('您的登记正在审核中，审核通过后会通知您。')).toBeTruthy()
})
