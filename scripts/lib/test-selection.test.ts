import { inProcessOnly } from './test-selection.mjs'

describe('inProcessOnly: which npm test runs build nothing', () => {
  it('a folder or file under src/ runs in process', () => {
    expect(inProcessOnly(['src/core/classes'])).toBe(true)
    expect(inProcessOnly(['./src/core/classes/enrolment.usecase.test.ts'])).toBe(true)
    expect(inProcessOnly(['src/core/classes', 'src/core/elder-care', '-t', 'waitlist'])).toBe(true)
    expect(inProcessOnly(['--testPathPattern=src/core', '--runInBand'])).toBe(true)
  })

  it('everything, tests under test/, and whatever it cannot read for sure need the builds', () => {
    expect(inProcessOnly([])).toBe(false)
    expect(inProcessOnly(['-t', 'masks phone'])).toBe(false)
    expect(inProcessOnly(['test/integration/classes.test.ts'])).toBe(false)
    expect(inProcessOnly(['src/core/classes', 'test/weapp'])).toBe(false)
    expect(inProcessOnly(['src/core|test/integration'])).toBe(false)
    expect(inProcessOnly(['classes'])).toBe(false) // a bare word matches test/integration/classes.test.ts too
    expect(inProcessOnly(['src/../test/e2e'])).toBe(false)
    expect(inProcessOnly(['--selectProjects', 'weapp', 'src/core'])).toBe(false)
  })
})
