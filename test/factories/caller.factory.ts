/** Callers for use-case and router tests: a plain resident unless overridden. */
import type { Caller } from '../../src/core/community/caller'

export function aCaller(overrides: Partial<Caller> = {}): Caller {
  return {
    openId: 'o-test-resident',
    registered: true,
    name: '测试居民',
    roles: ['resident'],
    householdId: null,
    gridId: null,
    ...overrides
  }
}

export function anUnregisteredCaller(openId = 'o-test-visitor'): Caller {
  return { openId, registered: false, name: null, roles: [], householdId: null, gridId: null }
}
