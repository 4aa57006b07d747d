import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { callFunction } from '@/api'
import { getCommunityChoice } from '@/api/community-choice'
import { saveBase64 } from '@/components/files/save-file'
import { resetDisplayPrefsForTests } from '@/components/theme/display-prefs'
import { StreetExportsView } from './street-exports-view'

jest.mock('@tarojs/taro', () => require('../../../test/setup/taro.mock').taroMock())
jest.mock('@/api/call-function', () => ({ ...jest.requireActual('@/api/call-function'), callFunction: jest.fn() }))
jest.mock('@/components/files/save-file', () => ({ saveBase64: jest.fn(async () => undefined) }))

const job = (over: Record<string, unknown>) => ({
  jobId: 'street-job-1',
  kind: 'sos-calls',
  title: '一键呼叫记录',
  status: 'running',
  total: 30,
  done: 0,
  percent: 0,
  fileName: null,
  fileParts: 0,
  fileBytes: 0,
  ...over
})

let calls: Array<{ action: string; payload: any }> = []

beforeEach(() => {
  ;(Taro as unknown as { clearStorageSync: () => void }).clearStorageSync()
  resetDisplayPrefsForTests()
  jest.clearAllMocks()
  calls = []
  let steps = 0
  ;(callFunction as jest.Mock).mockImplementation(async (_fn: string, action: string, payload: any) => {
    calls.push({ action, payload })
    if (action === 'streetCommunities')
      return {
        ok: true,
        data: [
          { communityId: 'community', name: '春晖社区' },
          { communityId: 'dongsheng', name: '东圣社区' }
        ]
      }
    if (action === 'exportKinds') return { ok: true, data: [{ kind: 'sos-calls', title: '一键呼叫记录' }] }
    if (action === 'startExport') return { ok: true, data: job({}) }
    if (action === 'exportStep') {
      steps += 1
      return {
        ok: true,
        data:
          steps === 1
            ? job({ done: 15, percent: 50 })
            : job({ status: 'done', done: 30, percent: 100, fileName: '一键呼叫记录-全街道.xlsx', fileParts: 1 })
      }
    }
    if (action === 'exportPart') return { ok: true, data: { part: 0, parts: 1, fileName: 'x.xlsx', data: 'QUJD' } }
    return { ok: false, error: { code: 'UNKNOWN_ACTION', message: '?' } }
  })
})

test('the whole street by default: its ledger is asked for the street, runs with progress and is saved', async () => {
  render(<StreetExportsView />)
  expect(await screen.findByText('全街道的台账：每一行前面写明是哪个社区。')).toBeTruthy()
  fireEvent.click(await screen.findByLabelText('导出一键呼叫记录'))
  await waitFor(() => expect(saveBase64).toHaveBeenCalled())
  expect(calls.find(c => c.action === 'startExport')?.payload).toEqual({ kind: 'sos-calls', street: true })
  expect(calls.filter(c => c.action === 'exportStep')).toHaveLength(2)
  expect(await screen.findByRole('progressbar')).toBeTruthy()
  expect(getCommunityChoice()).toBeNull()
})

test('picking a community asks its ledgers in that community, not the street’s', async () => {
  render(<StreetExportsView />)
  fireEvent.click(await screen.findByText('东圣社区'))
  expect(getCommunityChoice()).toBe('dongsheng')
  expect(await screen.findByText('东圣社区的台账。')).toBeTruthy()
  fireEvent.click(await screen.findByLabelText('导出一键呼叫记录'))
  await waitFor(() => expect(saveBase64).toHaveBeenCalled())
  expect(calls.filter(c => c.action === 'startExport').map(c => c.payload)).toEqual([{ kind: 'sos-calls' }])
})
