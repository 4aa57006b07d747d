import { parseRanges } from './roster-view'

jest.mock('@tarojs/taro', () => require('../../../test/setup/taro.mock').taroMock())
jest.mock('@/api', () => ({ callFunction: jest.fn(), getPersonaOpenId: jest.fn(() => 'demo-staff') }))

describe('parseRanges (the weekly hours a staff member types)', () => {
  it('reads one or more ranges, separated by commas (either width) or spaces', () => {
    expect(parseRanges('8:30-12:00，13:30-17:30')).toEqual([{ open: '08:30', close: '12:00' }, { open: '13:30', close: '17:30' }])
    expect(parseRanges('09:00–12:00')).toEqual([{ open: '09:00', close: '12:00' }])
  })
  it('reads an empty day as closed and refuses what it cannot read', () => {
    expect(parseRanges('  ')).toEqual([])
    expect(parseRanges('上午')).toBeNull()
  })
})
