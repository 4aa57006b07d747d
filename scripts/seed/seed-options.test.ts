import { seedOptions } from '../seed'

describe('npm run seed options', () => {
  it('seeds the demo street of 3 communities of 300 households by default', () => {
    expect(seedOptions([])).toEqual({ communities: 3, households: 300 })
  })

  it('seeds a street at scale with --communities: 2,000 households each unless --households says', () => {
    expect(seedOptions(['--communities', '10'])).toEqual({ communities: 10, households: 2000 })
    expect(seedOptions(['--communities', '10', '--households', '500'])).toEqual({ communities: 10, households: 500 })
    expect(seedOptions(['--households', '1000'])).toEqual({ communities: 3, households: 1000 })
    expect(seedOptions([], true)).toEqual({ communities: 10, households: 2000 })
    expect(seedOptions(['--communities', '2', '--households', '100'], true)).toEqual({
      communities: 2,
      households: 100
    })
  })

  it('refuses what it cannot seed before writing anything', () => {
    expect(() => seedOptions(['--communities', '0'])).toThrow('--communities takes a whole number 1–99')
    expect(() => seedOptions(['--households', '1.5'])).toThrow('--households')
    expect(() => seedOptions(['--communitees', '3'])).toThrow()
  })
})
