/**
 * What every context's deps are built from (`<ctx>Deps(infra)` in src/server/<ctx>/<ctx>.actions.ts):
 * one community's database, the clock, ids, WeChat's text check and photo storage. A function builds them from
 * the platform (serverInfra); a use-case spec from an in-memory database, a frozen clock and in-memory photos
 * (test/support/in-memory-deps.ts), so both run the same wiring.
 */
import type { ContentCheckPort } from '../core/notifications/content-check.ports'
import type { Clock } from '../core/shared/clock'
import type { PhotoStore } from '../core/shared/photo-store.ports'
import { serverClock } from './clock'
import { getDb, type Db } from './db/client'
import { scopeDb, type CommunityScope } from './db/community-scope'
import { DEFAULT_COMMUNITY_ID } from '../core/community/community.model'
import { newId } from './ids'
import { contentCheckFor } from './notifications/content-check'
import { cloudPhotoStore } from './photo-store'

export interface Infra {
  db: Db
  clock: Clock
  newId: (prefix?: string) => string
  contentCheck: ContentCheckPort
  /** Residents' photos in cloud storage (photo-store.ts); use-case specs get test/support/in-memory-photo-store.ts. */
  photos: PhotoStore
}

/**
 * The platform's infra for one community (issue 20): its database is that community's view (db/community-scope.ts).
 * Without a scope, the street's first community: what a script or test means by "the community".
 */
export function serverInfra(scope: CommunityScope = { communityId: DEFAULT_COMMUNITY_ID }): Infra {
  return {
    db: scopeDb(getDb(), scope),
    clock: serverClock,
    newId,
    contentCheck: contentCheckFor(),
    photos: cloudPhotoStore()
  }
}
