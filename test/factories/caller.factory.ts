/** Callers for use-case and router tests: a plain resident unless overridden. */
import type { Caller } from '../../src/core/community/caller'
import { DEFAULT_COMMUNITY_ID } from '../../src/core/community/community.model'

export function aCaller(overrides: Partial<Caller> = {}): Caller {
  return {
    openId: 'o-test-resident',
    registered: true,
    name: '测试居民',
    roles: ['resident'],
    communityId: DEFAULT_COMMUNITY_ID,
    homeCommunityId: DEFAULT_COMMUNITY_ID,
    householdId: null,
    gridId: null,
    ...overrides
  }
}

export function anUnregisteredCaller(openId = 'o-test-visitor'): Caller {
  const none = { homeCommunityId: null, householdId: null, gridId: null }
  return { openId, registered: false, name: null, roles: [], communityId: DEFAULT_COMMUNITY_ID, ...none }
}
