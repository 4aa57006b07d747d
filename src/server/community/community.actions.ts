/** The `community` function's actions: schema, use case and who may call each. */
import type { CommunityDeps } from '../../core/community/community.ports'
import { homeInput, whoamiInput } from '../../core/community/community.schemas'
import { home } from '../../core/community/home.usecase'
import { whoami } from '../../core/community/whoami.usecase'
import { getDb } from '../db/client'
import type { ActionTable } from '../router'
import { action } from '../router'
import { communityRepository } from './community.repository'

export const communityActions: ActionTable<CommunityDeps> = {
  whoami: action({ schema: whoamiInput, run: whoami, roles: 'anyone' }),
  home: action({ schema: homeInput, run: home, roles: 'anyone' })
}

export function communityDeps (): CommunityDeps {
  return { directory: communityRepository(getDb()) }
}
