import { fireEvent, render, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { callFunction } from '@/api'
import { resetDisplayPrefsForTests } from '@/components/theme/display-prefs'
import { SurveyView } from './survey-view'

jest.mock('@tarojs/taro', () => require('../../../test/setup/taro.mock').taroMock())
jest.mock('@/api/call-function', () => ({ ...jest.requireActual('@/api/call-function'), callFunction: jest.fn() }))
jest.mock('@/api/request-id', () => ({ newRequestId: jest.fn(() => 'req-test-0001') }))

const aspects = ['环境卫生', '治安秩序', '办事效率', '服务态度', '为老服务', '儿童关爱', '文体活动', '信息公开']

beforeEach(() => {
  ;(Taro as unknown as { clearStorageSync: () => void }).clearStorageSync()
  resetDisplayPrefsForTests()
  ;(callFunction as jest.Mock).mockReset()
})

test('满意度调查 sends one score per aspect once every aspect is scored', async () => {
  ;(callFunction as jest.Mock).mockImplementation(async (_fn: string, action: string) =>
    action === 'currentSurvey'
      ? {
          ok: true,
          data: {
            survey: {
              surveyId: 's1',
              title: '下半年满意度调查',
              aspects,
              opensOn: '2026-07-01',
              closesOn: '2026-12-31'
            },
            answered: false
          }
        }
      : { ok: true, data: { answered: true } }
  )
  render(<SurveyView />)
  expect(await screen.findByText('下半年满意度调查')).toBeTruthy()
  expect(screen.getByText('请为每一项打分')).toBeTruthy()
  for (const aspect of aspects) {
    const group = screen.getByRole('radiogroup', { name: aspect })
    fireEvent.click(group.querySelectorAll('[role="radio"]')[3])
  }
  fireEvent.click(screen.getByText('提交'))
  await screen.findByText('提交成功，谢谢您的评价！')
  const sent = (callFunction as jest.Mock).mock.calls.find(c => c[1] === 'answerSurvey')
  expect(sent[2]).toEqual({ surveyId: 's1', scores: [4, 4, 4, 4, 4, 4, 4, 4] })
  expect(sent[3]).toEqual({ requestId: 'req-test-0001' })
})

test('满意度调查 says so when there is nothing to answer', async () => {
  ;(callFunction as jest.Mock).mockResolvedValue({ ok: true, data: { survey: null, answered: false } })
  render(<SurveyView />)
  expect(await screen.findByText('现在没有进行中的调查。')).toBeTruthy()
})
