import { fireEvent, render, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { callFunction } from '@/api'
import { resetDisplayPrefsForTests } from '@/components/theme/display-prefs'
import { CertificateView } from './certificate-view'
import { expectAtField, invalidInput, typeInto } from '../../../test/setup/form-input'

jest.mock('@tarojs/taro', () => require('../../../test/setup/taro.mock').taroMock())
// The transport is mocked; useAction/useQuery above it are the real hooks (src/api/use-action.hook.test.tsx).
jest.mock('@/api/call-function', () => ({ ...jest.requireActual('@/api/call-function'), callFunction: jest.fn() }))

beforeEach(() => {
  ;(Taro as unknown as { clearStorageSync: () => void }).clearStorageSync()
  resetDisplayPrefsForTests()
  jest.clearAllMocks()
})

test('checking a serial: the button waits for a whole serial, and a refused serial is said at the field', async () => {
  ;(callFunction as jest.Mock).mockResolvedValue(invalidInput('payload.serial', '编号格式不对'))
  render(<CertificateView verifyOnly />)
  expect(screen.getByText('请输入证明上的完整编号')).toBeTruthy()
  typeInto('verify-serial', 'CH-2026-00000X')
  expect(screen.queryByText('请输入证明上的完整编号')).toBeNull()
  fireEvent.click(screen.getByText('查验'))
  await expectAtField('verify-serial', '证明编号：编号格式不对')
  expect(Taro.showToast).not.toHaveBeenCalled()
})
