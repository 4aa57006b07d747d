/**
 * For page tests that mock `@/api`: the cloud answers each action from a table, and every test
 * starts with fresh mocks, empty storage and the everyday display size.
 */
import Taro from '@tarojs/taro'
import { resetDisplayPrefsForTests } from '../../src/components/theme/display-prefs'

/** `callFunction` answers `byAction[action]`: a whole `{ ok, ... }` reply as is, anything else as its data. */
export function answerCalls(call: jest.Mock, byAction: Record<string, unknown>): void {
  call.mockImplementation(async (_fn: string, action: string) => {
    const v = byAction[action]
    return (v && typeof v === 'object' && 'ok' in v ? v : { ok: true, data: v ?? null }) as never
  })
}

export function freshPage(): void {
  jest.clearAllMocks()
  ;(Taro as unknown as { clearStorageSync: () => void }).clearStorageSync()
  resetDisplayPrefsForTests()
}
