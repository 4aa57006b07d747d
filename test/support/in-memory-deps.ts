/**
 * A context's real deps for use-case specs (`src/core/<ctx>/*.usecase.test.ts`): its real
 * repositories, the real audit writer and the real notifier (inbox, push queue, phone follow-up
 * list) over one in-memory database (in-memory-db.ts), all reading one frozen clock. Composed
 * like each function's `…Deps()` in src/server/<ctx>/<ctx>.actions.ts, which take `getDb()` and
 * the server clock instead (once those take the database and the clock as arguments, call them
 * here rather than repeating the wiring). Only the true edges differ: WeChat's text check is its
 * offline rule (as on the local cloud), ids count up instead of being random.
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
import type { ContentCheckPort } from '../../src/core/notifications/content-check.port'
import { checkText } from '../../src/core/notifications/content-check.rule'
import { defaultRounding } from '../../src/core/volunteers/hours.rule'
import { auditWriter } from '../../src/server/audit'
import { classesRepository } from '../../src/server/classes/classes.repository'
import { dataOf, type Db } from '../../src/server/db/client'
import {
  careRequestStore, elderStore, mealStore, patrolStore, peopleDirectory, sosStore
} from '../../src/server/elder-care/elder-care.repository'
import { notifier } from '../../src/server/notifications/notifier'
import {
  catalogRepository, eligibilityRepository, hallRepository, peopleRepository, requestRepository
} from '../../src/server/service-card/service-card.repository'
import { certificatePdf } from '../../src/server/volunteers/certificate-pdf.service'
import { checkinCodes, storedSecret } from '../../src/server/volunteers/checkin-codes.service'
import { volunteersRepository } from '../../src/server/volunteers/volunteers.repository'
import { inMemoryDb } from './in-memory-db'

export type FrozenClock = Clock & { advance: (ms: number) => void }

export interface World {
  db: Db
  clock: FrozenClock
  /** Ids that count up ("<prefix>-0001"), so a spec's ids are the same every run. */
  newId: (prefix?: string) => string
}

export const minutes = (n: number): number => n * 60_000
export const seconds = (n: number): number => n * 1000

/** A clock stopped at Shanghai wall time `YYYY-MM-DD HH:mm`; only `advance` moves it. */
export function shanghaiClock (at: string): FrozenClock {
  const [date, hhmm] = at.split(' ')
  return fixedClock(shanghaiInstant(date, hhmm))
}

/**
 * A fresh world per test: an empty in-memory database (every declared collection and index) and
 * a clock frozen at `at` (Shanghai). Call in a describe or at the top of a spec file.
 */
export function useWorld (at: string): () => World {
  let world: World | null = null
  let close = (): void => {}
  beforeEach(() => {
    const mem = inMemoryDb()
    let n = 0
    world = { db: mem.db, clock: shanghaiClock(at), newId: (prefix = 'id') => `${prefix}-${String(++n).padStart(4, '0')}` }
    close = mem.close
  })
  afterEach(() => { close() })
  return () => {
    if (!world) throw new Error('useWorld: call it at file or describe level, then read it inside a test')
    return world
  }
}

/** Documents of `collection` matching `where` (at most 1000), for asserting what was stored. */
export async function rows<T = any> (db: Db, collection: string, where: Record<string, unknown> = {}): Promise<T[]> {
  return dataOf<T>(await db.collection(collection).where(where).limit(1000).get())
}

/** Offline, WeChat's text check is its rule-based stand-in (src/server/notifications/content-check.ts). */
const offlineTextCheck: ContentCheckPort = { check: async text => checkText(text) }

export function classesDeps ({ db, clock, newId }: World): ClassesDeps {
  let r = 0
  return {
    store: classesRepository(db),
    clock,
    audit: auditWriter(db, clock),
    notify: notifier(db, clock),
    random: () => (r = (r + 7919) % 1_000_000),
    newId: () => newId('c')
  }
}

export function elderCareDeps ({ db, clock, newId }: World): ElderCareDeps {
  return {
    people: peopleDirectory(db),
    elders: elderStore(db),
    requests: careRequestStore(db),
    sos: sosStore(db),
    patrols: patrolStore(db),
    meals: mealStore(db),
    notify: notifier(db, clock),
    contentCheck: offlineTextCheck,
    audit: auditWriter(db, clock),
    clock,
    newId: () => newId('e')
  }
}

export function volunteersDeps ({ db, clock, newId }: World): VolunteersDeps {
  return {
    store: volunteersRepository(db),
    audit: auditWriter(db, clock),
    notify: notifier(db, clock),
    contentCheck: offlineTextCheck,
    clock,
    codes: checkinCodes(storedSecret(db)),
    pdf: certificatePdf,
    rounding: defaultRounding,
    newId
  }
}

export function serviceCardDeps ({ db, clock, newId }: World): ServiceCardDeps {
  return {
    catalog: catalogRepository(db),
    hall: hallRepository(db),
    requests: requestRepository(db),
    eligibility: eligibilityRepository(db),
    people: peopleRepository(db),
    audit: auditWriter(db, clock),
    notify: notifier(db, clock),
    contentCheck: offlineTextCheck,
    clock,
    newId
  }
}
