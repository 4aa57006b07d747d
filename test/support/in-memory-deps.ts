/**
 * A context's real deps for use-case specs (`src/core/<ctx>/*.usecase.test.ts`): its real
 * repositories, the real audit writer and the real notifier (inbox, push queue, phone follow-up
 * list) over one in-memory database (in-memory-db.ts), all reading one frozen clock: each
 * function's own `<ctx>Deps(infra)` (src/server/<ctx>/<ctx>.actions.ts, src/server/infra.ts) over
 * this world. Only the true edges differ: WeChat's text check is its offline rule (as on the local
 * cloud), ids count up and randomness is fixed.
 *
 *   const world = useWorld('2025-09-01 16:30')          // Shanghai wall time
 *   const deps = () => classesDeps(world())
 *   … world().clock.advance(minutes(5)); await runWaitlist(deps())
 */
import { fixedClock, type Clock } from '../../src/core/shared/clock'
import { shanghaiInstant } from '../../src/core/shared/shanghai-time'
import type { ClassesDeps } from '../../src/core/classes/classes.ports'
import type { ElderCareDeps } from '../../src/core/elder-care/elder-care.ports'
import type { ServiceCardDeps } from '../../src/core/service-card/service-card.ports'
import type { VolunteersDeps } from '../../src/core/volunteers/volunteers.ports'
import type { ContentCheckPort } from '../../src/core/notifications/content-check.ports'
import { checkText } from '../../src/core/notifications/content-check.rule'
import { dataOf, type Db } from '../../src/server/db/client'
import { classesDeps as classesInfraDeps } from '../../src/server/classes/classes.actions'
import { elderCareDeps as elderCareInfraDeps } from '../../src/server/elder-care/elder-care.actions'
import type { Infra } from '../../src/server/infra'
import { serviceCardDeps as serviceCardInfraDeps } from '../../src/server/service-card/service-card.actions'
import { volunteersDeps as volunteersInfraDeps } from '../../src/server/volunteers/volunteers.actions'
import { communityDeps as communityInfraDeps } from '../../src/server/community/community.actions'
import type { GridDeps } from '../../src/core/grid/grid.ports'
import { gridDeps as gridInfraDeps } from '../../src/server/grid/grid.actions'
import { userRepository } from '../../src/server/community/user.repository'
import type { CommunityAdminDeps } from '../../src/core/community/directory.ports'
import type { Caller } from '../../src/core/community/caller'
import { defaultRounding } from '../../src/core/volunteers/hours.rule'
import { inMemoryDb } from './in-memory-db'
import { inMemoryPhotoStore, type InMemoryPhotoStore } from './in-memory-photo-store'
import { scopeDb, unscoped } from '../../src/server/db/community-scope'
import { DEFAULT_COMMUNITY_ID } from '../../src/core/community/community.model'

export type FrozenClock = Clock & { advance: (ms: number) => void }

export interface World {
  db: Db
  clock: FrozenClock
  /** Ids that count up ("<prefix>-0001"), so a spec's ids are the same every run. */
  newId: (prefix?: string) => string
  /** Residents' photos (in-memory-photo-store.ts): `world().photos.upload(communityId, jpegBytes())`. */
  photos: InMemoryPhotoStore
}

export const minutes = (n: number): number => n * 60_000
export const seconds = (n: number): number => n * 1000

/** A clock stopped at Shanghai wall time `YYYY-MM-DD HH:mm`; only `advance` moves it. */
export function shanghaiClock(at: string): FrozenClock {
  const [date, hhmm] = at.split(' ')
  return fixedClock(shanghaiInstant(date, hhmm))
}

/**
 * A fresh world per test: an empty in-memory database (every declared collection and index) and
 * a clock frozen at `at` (Shanghai). Call in a describe or at the top of a spec file.
 */
export function useWorld(at: string): () => World {
  let world: World | null = null
  let close = (): void => {}
  beforeEach(() => {
    const mem = inMemoryDb()
    let n = 0
    world = {
      // The community's view, as a function's deps get it (define-function.ts): fixtures written here are the
      // first community's, and the use cases read only it.
      db: scopeDb(mem.db, { communityId: DEFAULT_COMMUNITY_ID }),
      clock: shanghaiClock(at),
      newId: (prefix = 'id') => `${prefix}-${String(++n).padStart(4, '0')}`,
      photos: inMemoryPhotoStore()
    }
    close = mem.close
  })
  afterEach(() => {
    close()
  })
  return () => {
    if (!world) throw new Error('useWorld: call it at file or describe level, then read it inside a test')
    return world
  }
}

/** Documents of `collection` matching `where` (at most 1000), for asserting what was stored. */
export async function rows<T = any>(db: Db, collection: string, where: Record<string, unknown> = {}): Promise<T[]> {
  return dataOf<T>(await db.collection(collection).where(where).limit(1000).get())
}

/** Offline, WeChat's text check is its rule-based stand-in (src/server/notifications/content-check.ts). */
const offlineTextCheck: ContentCheckPort = { check: async text => checkText(text) }

function infraOf({ db, clock, newId, photos }: World, prefix?: string): Infra {
  return { db, clock, newId: prefix ? () => newId(prefix) : newId, contentCheck: offlineTextCheck, photos }
}

export function classesDeps(world: World): ClassesDeps {
  let r = 0
  return { ...classesInfraDeps(infraOf(world, 'c')), random: () => (r = (r + 7919) % 1_000_000) }
}

export function elderCareDeps(world: World): ElderCareDeps {
  return elderCareInfraDeps(infraOf(world, 'e'))
}

/** The default rounding, whatever LINLI_VOLUNTEERS_ROUNDING says in the environment. */
export function volunteersDeps(world: World): VolunteersDeps {
  return { ...volunteersInfraDeps(infraOf(world)), rounding: defaultRounding }
}

export function serviceCardDeps(world: World): ServiceCardDeps {
  return serviceCardInfraDeps(infraOf(world))
}

export function gridDeps(world: World): GridDeps {
  return gridInfraDeps(infraOf(world, 'g'))
}

export function communityDeps(world: World): CommunityAdminDeps {
  return communityInfraDeps(infraOf(world))
}

/** The same world seen from another community of the street (issue 20): its records, the same clock and ids. */
export function worldIn(world: World, communityId: string): World {
  return { ...world, db: scopeDb(unscoped(world.db), { communityId }) }
}

/** The world's street-wide database: every community's records, as a spec checks them. */
export function streetOf(world: World): Db {
  return unscoped(world.db)
}

/** The caller as the router loads them, in `communityId` (user.repository.ts callerFrom). */
export async function loadCaller(world: World, openId: string, communityId?: string | null): Promise<Caller> {
  return await userRepository(world.db).loadCaller(openId, communityId)
}
