import { maskPhone } from './mask-phone'

describe('maskPhone', () => {
  it('keeps the first 3 and last 4 digits of a mainland mobile', () => {
    expect(maskPhone('13800000000')).toBe('138****0000')
    expect(maskPhone('14000001234')).toBe('140****1234')
  })

  it('ignores spaces and dashes people type', () => {
    expect(maskPhone('140-0000-1234')).toBe('140****1234')
    expect(maskPhone('140 0000 1234')).toBe('140****1234')
  })

  it('keeps only the last 4 digits of other numbers (landlines, hotlines)', () => {
    expect(maskPhone('021-0000-8000')).toBe('*******8000')
  })

  it('never reveals a short or missing number', () => {
    expect(maskPhone('1234')).toBe('****')
    expect(maskPhone('')).toBe('')
    expect(maskPhone(null)).toBe('')
    expect(maskPhone(undefined)).toBe('')
  })
})
