/**
 * The elder-care stores over the CloudBase SDK. Conditional moves are ONE `where(...).update(...)`
 * each, successful only when `updated === 1`; the comment at each says which race it settles.
 */
import { keyIn } from '../db/community-scope'
import type { GridRecord, HouseholdRecord, MemberRecord, UserRecord } from '../../core/community/community.model'
import type {
  CareProvider,
  CareRequest,
  DailyMenu,
  ElderProfile,
  MealOrder,
  PatrolPlan,
  ProxyLink,
  ServiceType,
  SosCall,
  SosOpenLock,
  StandingOrder
} from '../../core/elder-care/elder-care.model'
import type {
  ActingCase,
  ActingCaseQuery,
  CareRequestStore,
  DutyShift,
  ElderCase,
  ElderStore,
  MealStore,
  PatrolStore,
  PeopleDirectory,
  ReadersCase,
  SosStore
} from '../../core/elder-care/elder-care.ports'
import type { Page } from '../../core/shared/page'
import type { Db } from '../db/client'
import { countWhere, dataOf, getById, insertIfAbsent } from '../db/client'
import { keyCursorAt, keysetFilter, keysetPage, pageByKey } from '../db/page'

const PAGE = 20
/** SDK cap for one server-side read. */
const SERVER_PAGE = 1000

async function list<T>(q: { get: () => Promise<unknown> }): Promise<T[]> {
  return ((await q.get()) as { data?: T[] }).data ?? []
}

/**
 * Keyset pages (by a date field, then `_id`): the staff queue loses requests as they are
 * dispatched, so an offset would skip as many on the next page as left this one.
 */
async function keyPage<T extends { _id: string }>(
  db: Db,
  collection: string,
  where: object,
  field: keyof T & string,
  order: 'asc' | 'desc',
  cursor: string | null
): Promise<Page<T>> {
  return await pageByKey<T>(db, collection, where, field, order, cursor ?? undefined, PAGE)
}

const applied = (res: unknown): boolean => Number((res as { updated?: number }).updated) === 1

/** `set` needs the document without its `_id`. */
function body<T extends { _id: string }>(doc: T): Omit<T, '_id'> {
  const { _id, ...rest } = doc
  return rest
}

export function peopleDirectory(db: Db): PeopleDirectory {
  return {
    user: async id => await getById<UserRecord>(db, 'users', id),
    member: async id => await getById<MemberRecord>(db, 'members', id),
    household: async id => await getById<HouseholdRecord>(db, 'households', id),
    grid: async id => await getById<GridRecord>(db, 'grids', id),
    dutyOn: async date => await list<DutyShift>(db.collection('duty_roster').where({ date }).limit(100)),
    usersWithRole: async role => await list<UserRecord>(db.collection('users').where({ roles: role }).limit(100)),
    userOfMember: async memberId =>
      (await list<UserRecord>(db.collection('users').where({ memberId }).limit(1)))[0] ?? null,
    userByPhone: async phone => (await list<UserRecord>(db.collection('users').where({ phone }).limit(1)))[0] ?? null
  }
}

/** An elder as actingCase's query answers her: the profile, and what was asked along, each an array of at most one. */
type JoinedElder = ElderProfile & {
  household?: Array<{ door?: string; room?: string }>
  member?: Array<{ phone?: string | null; gender?: 'F' | 'M' }>
  latestSos?: SosCall[]
  requests?: CareRequest[]
  proxies?: ProxyLink[]
  menu?: DailyMenu[]
  order?: MealOrder[]
  standing?: StandingOrder[]
}

/** The user's record as actingCase's query answers it. */
interface JoinedActingCase {
  own?: JoinedElder[]
  links?: ProxyLink[]
  linked?: JoinedElder[]
  named?: JoinedElder[]
  namedLink?: ProxyLink[]
}

type Pipeline = ReturnType<Db['command']['aggregate']['pipeline']>

/**
 * A `lookup` of the one record whose `_id` is the outer record's `key` field (none when gone): the equality form, which
 * a database answers by `_id` for each record (a sub-pipeline's `_.expr` condition may scan the collection for each):
 * docs.cloudbase.net/api-reference/server/node-sdk/database/aggregate/stages/lookup. The whole record: callers keep
 * only the fields they show.
 */
const oneBy = (from: string, key: string, as: string): object => ({ from, localField: key, foreignField: '_id', as })

/** An `elders` pipeline joined to her door (household) and her phone and gender (member): ElderCase's `home`. */
const withHome = <P extends { lookup: (stage: object) => P }>(db: Db, p: P): P =>
  p.lookup(oneBy('households', 'householdId', 'household')).lookup(oneBy('members', 'memberId', 'member'))

/** The `lookup` of an elder's proxy links (at most 20, active or not), as `proxies`: ElderCase's `proxies`. */
function proxiesOf(db: Db): object {
  const _ = db.command
  const $ = db.command.aggregate
  return {
    from: 'elder_proxies',
    let: { elderId: '$_id' },
    pipeline: $.pipeline()
      .match(_.expr($.eq(['$elderId', '$$elderId'])))
      .limit(20)
      .done(),
    as: 'proxies'
  }
}

/** An elder as joined (JoinedElder) → her ElderCase, with what `along` asked. */
function caseOf(joined: JoinedElder | undefined, along: NonNullable<ActingCaseQuery['along']>): ElderCase | null {
  if (!joined) return null
  const { household, member, latestSos, requests, proxies, menu, order, standing, ...elder } = joined
  const h = household?.[0]
  const m = member?.[0]
  return {
    elder,
    ...(along.home
      ? {
          home: { door: h?.door ?? '', room: h?.room ?? '', phone: m?.phone ?? null, gender: m?.gender ?? null }
        }
      : {}),
    ...(along.latestSos ? { latestSos: latestSos?.[0] ?? null } : {}),
    ...(along.requests ? { requests: keysetPage(requests ?? [], 'createdAt', PAGE) } : {}),
    ...(along.proxies ? { proxies: proxies ?? [] } : {}),
    ...(along.meals
      ? {
          meals: {
            // stored under keyIn(date) (mealStore.menu); the record's `_id` is its date
            menu: menu?.[0] ? { ...menu[0], _id: (menu[0] as { date: string }).date } : null,
            order: order?.[0] ?? null,
            standing: standing?.[0] ?? null
          }
        }
      : {})
  }
}

/** The `lookup` of the elders (at most `limit`) whose `_id` is among `ids` (an expression), each with her home. */
function eldersIn(db: Db, ids: unknown, limit: number, as = 'elders'): object {
  const _ = db.command
  const $ = db.command.aggregate
  return {
    from: 'elders',
    let: { ids },
    pipeline: withHome(
      db,
      $.pipeline()
        .match(_.expr($.in(['$_id', '$$ids'])))
        .limit(limit)
    ).done(),
    as
  }
}

/** The `lookup` of a record's elder (by its `elderId`) with her home, as `elder`. */
const elderOf = (db: Db): object => eldersIn(db, ['$elderId'], 1, 'elder')

/** A record as elderOf joined it: the record, and its elder with her home (null where her profile is gone). */
function splitElder<T>(row: T & { elder?: JoinedElder[] }): { record: T; elder: ElderCase | null } {
  const { elder, ...record } = row
  return { record: record as T, elder: caseOf(elder?.[0], { home: true }) }
}

/**
 * A page of `collection` (keyset by `field`, then `_id`, as pageByKey), each row with its elder and her home, in one
 * request (issue 19: a read ≤ 2, router included; each row's elder, household and member were read one by one, 3 a
 * row: 62 for a full page of the staff queue). CloudBase's aggregate `lookup` with `let` and `pipeline`, its `match`
 * reading the variables through `_.expr`, the elder's own joins inside (two levels deep, as actingCase):
 * docs.cloudbase.net/api-reference/server/node-sdk/database/aggregate/stages/lookup
 */
async function pageWithElder<T extends { _id: string }>(
  db: Db,
  collection: string,
  where: object,
  field: keyof T & string,
  order: 'asc' | 'desc',
  cursor: string | null
): Promise<Page<{ record: T; elder: ElderCase | null }>> {
  const dir = order === 'asc' ? 1 : -1
  // The keyset condition as a query in the first `match` (commands allowed there, as in where():
  // docs.cloudbase.net/api-reference/server/node-sdk/database/aggregate/stages/match).
  const res = (await db
    .collection(collection)
    .aggregate()
    .match(keysetFilter(db, where, field, order, cursor ?? undefined))
    .sort({ [field]: dir, _id: dir })
    .limit(PAGE + 1)
    .lookup(elderOf(db))
    .end()) as { data?: Array<T & { elder?: JoinedElder[] }> }
  const page = keysetPage(res.data ?? [], field, PAGE)
  return { items: page.items.map(row => splitElder<T>(row)), cursor: page.cursor }
}

/**
 * One record about an elder (a care request, an SOS call) as one reader reads it, in one request (issue 19): the
 * record, its elder with her home, the reader's proxy link to her and the member the reader's account names (is she
 * the elder herself?); these were read one after another (6 to 9). An aggregate from the record, the rest joined by
 * CloudBase's `lookup` with `let` and `pipeline`: docs.cloudbase.net/api-reference/server/node-sdk/database/aggregate/
 * stages/lookup. null when there is no such record.
 */
async function readBy<T extends { _id: string; elderId: string }>(
  db: Db,
  collection: string,
  id: string,
  readerId: string
): Promise<ReadersCase<T> | null> {
  const _ = db.command
  const $ = db.command.aggregate
  const res = (await db
    .collection(collection)
    .aggregate()
    .match({ _id: id })
    .limit(1)
    .lookup(elderOf(db))
    .lookup({
      from: 'elder_proxies',
      let: { elderId: '$elderId' },
      // The reader's links first (by the userId index), then the one to this elder.
      pipeline: $.pipeline()
        .match({ userId: readerId })
        .match(_.expr($.eq(['$elderId', '$$elderId'])))
        .limit(1)
        .done(),
      as: 'readerLink'
    })
    .lookup({
      from: 'users',
      let: {},
      pipeline: $.pipeline().match({ _id: readerId }).limit(1).project({ _id: 0, memberId: 1 }).done(),
      as: 'reader'
    })
    .end()) as {
    data?: Array<T & { elder?: JoinedElder[]; readerLink?: ProxyLink[]; reader?: Array<{ memberId?: string | null }> }>
  }
  const row = res.data?.[0]
  if (!row) return null
  const { readerLink, reader, ...rest } = row
  return {
    ...splitElder<T>(rest as T & { elder?: JoinedElder[] }),
    link: readerLink?.[0] ?? null,
    readerMemberId: reader?.[0]?.memberId ?? null
  }
}

/**
 * Who may act for which elder and what the action shows of her, in one request (issue 19: a read ≤ 2, router
 * included; the elder's own profile, her proxy links and each linked elder, the named elder and the user's link to
 * her, then her latest call or her requests, her door and phone were read one after another: up to 8). An aggregate
 * from the user's own `users` record, which holds her `memberId` (her own profile's key), each part a sub-pipeline:
 * CloudBase's aggregate `lookup` with `let` and `pipeline` (a `match` reads the variables through `_.expr`):
 * docs.cloudbase.net/api-reference/server/node-sdk/database/aggregate/stages/lookup
 */
async function actingCaseOf(db: Db, { userId, own, elderId, along = {} }: ActingCaseQuery): Promise<ActingCase> {
  const _ = db.command
  const $ = db.command.aggregate
  /** An elder's sub-pipeline, joined to what the action shows of her. */
  const withAlong = (p: Pipeline): object[] => {
    let q = p
    if (along.home) q = withHome(db, q)
    const hers = $.eq(['$elderId', '$$elderId'])
    if (along.latestSos) {
      q = q.lookup({
        from: 'sos_calls',
        let: { elderId: '$_id' },
        pipeline: $.pipeline().match(_.expr(hers)).sort({ pressedAt: -1 }).limit(1).done(),
        as: 'latestSos'
      })
    }
    if (along.requests) {
      // pageByKey's page (newest first, then `_id`), its cursor condition written as an expression.
      const after = keyCursorAt(along.requests.cursor)
      const beyond = after
        ? [$.or([$.lt(['$createdAt', after.t]), $.and([$.eq(['$createdAt', after.t]), $.lt(['$_id', after.id])])])]
        : []
      q = q.lookup({
        from: 'care_requests',
        let: { elderId: '$_id' },
        pipeline: $.pipeline()
          .match(_.expr($.and([hers, ...beyond])))
          .sort({ createdAt: -1, _id: -1 })
          .limit(PAGE + 1)
          .done(),
        as: 'requests'
      })
    }
    if (along.proxies) q = q.lookup(proxiesOf(db))
    if (along.meals) {
      // The day's menu (`_id` the date), her order of the day (`${date}:${elderId}`), her standing order (`_id` hers).
      const { date } = along.meals
      const byId = (from: string, id: unknown, as: string): object => ({
        from,
        let: { elderId: '$_id' },
        pipeline: $.pipeline()
          .match(_.expr($.eq(['$_id', id])))
          .limit(1)
          .done(),
        as
      })
      q = q
        .lookup({
          from: 'meal_menus',
          let: {},
          pipeline: $.pipeline()
            .match({ _id: keyIn(db, date) })
            .limit(1)
            .done(),
          as: 'menu'
        })
        .lookup(byId('meal_orders', $.concat([`${date}:`, '$$elderId']), 'order'))
        .lookup(byId('meal_standing', '$$elderId', 'standing'))
    }
    return q.done()
  }
  let q = db.collection('users').aggregate().match({ _id: userId }).limit(1)
  if (own) {
    // Her own profile by the member her record names; none when it names none (a missing field is null through
    // `ifNull`, and `neq` null then fails: …/aggregate/operators/ifNull, …/operators/neq on the same site).
    const mine = $.pipeline()
      .match(_.expr($.and([$.neq([$.ifNull(['$$memberId', null]), null]), $.eq(['$memberId', '$$memberId'])])))
      .limit(1)
    q = q.lookup({
      from: 'elders',
      let: { memberId: '$memberId' },
      pipeline: elderId === undefined ? withAlong(mine) : mine.done(),
      as: 'own'
    })
  }
  if (elderId === undefined) {
    // Her links, then their elders in one join beside them (not inside: two levels deep at most, as familyEnrolments).
    q = q
      .lookup({
        from: 'elder_proxies',
        let: {},
        pipeline: $.pipeline().match({ userId }).limit(20).done(),
        as: 'links'
      })
      .lookup({
        from: 'elders',
        let: { ids: '$links.elderId' },
        pipeline: withAlong(
          $.pipeline()
            .match(_.expr($.in(['$_id', '$$ids'])))
            .limit(20)
        ),
        as: 'linked'
      })
  } else {
    q = q
      .lookup({
        from: 'elders',
        let: {},
        pipeline: withAlong($.pipeline().match({ _id: elderId }).limit(1)),
        as: 'named'
      })
      .lookup({
        from: 'elder_proxies',
        let: {},
        pipeline: $.pipeline()
          .match({ _id: `${elderId}:${userId}` })
          .limit(1)
          .done(),
        as: 'namedLink'
      })
  }
  const row = (
    (await q.project({ own: 1, links: 1, linked: 1, named: 1, namedLink: 1 }).end()) as { data?: JoinedActingCase[] }
  ).data?.[0]
  return {
    own: caseOf(row?.own?.[0], along),
    links: (row?.links ?? []).map(link => ({
      link,
      elder: caseOf(
        row?.linked?.find(e => e._id === link.elderId),
        along
      )
    })),
    named: elderId === undefined ? null : { elder: caseOf(row?.named?.[0], along), link: row?.namedLink?.[0] ?? null }
  }
}

/** ElderStore.helperPool's query as it answers. */
interface JoinedHelperPool {
  volunteers?: UserRecord[]
  staff?: UserRecord[]
  providers?: Array<CareProvider & { contact?: UserRecord[] }>
  load?: Array<{ _id: string | null; n: number }>
}

export function elderStore(db: Db): ElderStore {
  return {
    actingCase: async query => await actingCaseOf(db, query),
    elder: async id => await getById<ElderProfile>(db, 'elders', id),
    elderByMember: async memberId =>
      (await list<ElderProfile>(db.collection('elders').where({ memberId }).limit(1)))[0] ?? null,
    async elders(filter, cursor) {
      // The register (老人档案), each elder with her door, phone and proxies (issue 19: a read ≤ 2, router included;
      // those were 3 requests an elder, 62 for a page). pageById's page as an aggregate, the rest joined by CloudBase's
      // `lookup` with `let` and `pipeline`: docs.cloudbase.net/api-reference/server/node-sdk/database/aggregate/stages/
      // lookup.
      const where = filter.gridId ? { gridId: filter.gridId } : {}
      const res = (await withHome(
        db,
        db
          .collection('elders')
          .aggregate()
          .match(cursor ? { ...where, _id: db.command.gt(cursor) } : where)
          .sort({ _id: 1 })
          .limit(PAGE + 1)
      )
        .lookup(proxiesOf(db))
        .end()) as { data?: JoinedElder[] }
      const data = res.data ?? []
      const items = data.slice(0, PAGE).flatMap(e => caseOf(e, { home: true, proxies: true }) ?? [])
      return { items, cursor: data.length > PAGE ? items[items.length - 1].elder._id : null }
    },
    updateElder: async (id, patch) => {
      await db.collection('elders').doc(id).update(patch)
    },
    // `elders.memberId` is also a unique index: one profile per member even under a race.
    createElder: async elder => await insertIfAbsent(db, 'elders', { ...elder }),
    proxyLink: async (elderId, userId) => await getById<ProxyLink>(db, 'elder_proxies', `${elderId}:${userId}`),
    proxiesOfElder: async elderId => await list<ProxyLink>(db.collection('elder_proxies').where({ elderId }).limit(20)),
    saveProxyLink: async link => {
      await db.collection('elder_proxies').doc(link._id).set(body(link))
    },
    providers: async () => await list<CareProvider>(db.collection('care_providers').where({ active: true }).limit(100)),
    async helperPool(readerId) {
      // The dispatch sheet (issue 19: a read ≤ 2, router included): volunteers, staff, providers, each provider's
      // contact and the open load were 5 requests and one a provider. One aggregate from the reader's `users` record,
      // as sosStore.summary, each part a sub-pipeline: CloudBase's `lookup` with `let` and `pipeline`
      // (docs.cloudbase.net/api-reference/server/node-sdk/database/aggregate/stages/lookup), the load a `group` by
      // helper with `sum` (…/aggregate/stages/group, …/aggregate/operators/sum): one row a helper, however many
      // requests she holds.
      const _ = db.command
      const $ = db.command.aggregate
      const withRole = (role: string): object => $.pipeline().match({ roles: role }).limit(100).done()
      const res = (await db
        .collection('users')
        .aggregate()
        .match({ _id: readerId })
        .limit(1)
        .lookup({ from: 'users', let: {}, pipeline: withRole('volunteer'), as: 'volunteers' })
        .lookup({ from: 'users', let: {}, pipeline: withRole('staff'), as: 'staff' })
        .lookup({
          from: 'care_providers',
          let: {},
          pipeline: $.pipeline()
            .match({ active: true })
            .limit(100)
            .lookup(oneBy('users', 'contactUserId', 'contact'))
            .done(),
          as: 'providers'
        })
        .lookup({
          from: 'care_requests',
          let: {},
          pipeline: $.pipeline()
            .match({ state: _.in(['assigned', 'accepted', 'in_service']) })
            .group({ _id: '$assignee.userId', n: $.sum(1) })
            .done(),
          as: 'load'
        })
        .project({ volunteers: 1, staff: 1, providers: 1, load: 1 })
        .end()) as { data?: JoinedHelperPool[] }
      const row = res.data?.[0]
      if (!row) return null
      return {
        volunteers: row.volunteers ?? [],
        staff: row.staff ?? [],
        providers: (row.providers ?? []).map(({ contact, ...provider }) => ({
          provider,
          contact: contact?.[0] ?? null
        })),
        load: new Map((row.load ?? []).filter(l => l._id).map(l => [l._id as string, l.n]))
      }
    },
    serviceTypes: async () =>
      await list<ServiceType>(db.collection('care_service_types').orderBy('order', 'asc').limit(100)),
    serviceType: async id => await getById<ServiceType>(db, 'care_service_types', id),
    saveServiceType: async t => {
      await db.collection('care_service_types').doc(t._id).set(body(t))
    }
  }
}

export function careRequestStore(db: Db): CareRequestStore {
  const coll = () => db.collection('care_requests')
  const _ = db.command
  return {
    create: async r => {
      await coll().add(r)
    },
    get: async id => await getById<CareRequest>(db, 'care_requests', id),
    readBy: async (id, readerId) => await readBy<CareRequest>(db, 'care_requests', id, readerId),
    async move(id, from, version, patch, entry) {
      // (state, version) must be what the caller read: of an accept racing the timeout, or two
      // staff dispatching the same request, exactly one update matches.
      const res = await coll()
        .where({ _id: id, state: from, version })
        .update({ ...patch, history: _.push([entry]) })
      return applied(res)
    },
    inStates: async (states, cursor, gridId) =>
      await pageWithElder<CareRequest>(
        db,
        'care_requests',
        { state: _.in([...states]), ...(gridId ? { gridId } : {}) },
        'createdAt',
        'asc',
        cursor
      ),
    ofHelper: async (userId, cursor) =>
      await pageWithElder<CareRequest>(db, 'care_requests', { 'assignee.userId': userId }, 'updatedAt', 'desc', cursor),
    acceptOverdue: async now =>
      await list<CareRequest>(
        coll()
          .where({ state: 'assigned', acceptBy: _.lte(now) })
          .limit(SERVER_PAGE)
      ),
    async markTold(id, version) {
      await coll().where({ _id: id, version }).update({ untold: null })
    },
    untold: async (before, limit) =>
      await list<CareRequest>(
        coll()
          .where({ 'untold.at': _.lte(before) })
          .orderBy('untold.at', 'asc')
          .limit(limit)
      ),
    createdBetween: async (from, to) =>
      await list<CareRequest>(
        coll()
          .where({ createdAt: _.gte(from).and(_.lt(to)) })
          .limit(SERVER_PAGE)
      )
  }
}

/** SosStore.summary's query as it answers: each count an array of one `{ n }` (none for 0). */
interface JoinedSosSummary {
  open?: Array<{ n: number }>
  unacknowledged?: Array<{ n: number }>
  due?: Array<{ _id: string }>
  halfDone?: Array<{ _id: string }>
}

/** SosStore.openDesk's query as it answers. */
interface JoinedSosDesk {
  due?: Array<{ _id: string }>
  halfDone?: Array<{ _id: string }>
  calls?: SosCall[]
  elders?: JoinedElder[]
}

/**
 * Whether runSosLadder has work, as two `sos_calls`/`sos_open` sub-pipelines (a row when so): a call open and due for
 * its next level at `now`, or a lock taken at or before `before` whose call is missing (the lock joined to its call by
 * equality, kept when that finds none: aggregate `size`,
 * docs.cloudbase.net/api-reference/server/node-sdk/database/aggregate/operators/size).
 */
function ladderChecks(db: Db, now: Date, before: Date): { due: object; halfDone: object } {
  const _ = db.command
  const $ = db.command.aggregate
  return {
    due: $.pipeline()
      .match({ state: 'open', nextStepAt: _.lte(now) })
      .limit(1)
      .project({ _id: 1 })
      .done(),
    halfDone: $.pipeline()
      .match({ at: _.lte(before) })
      .lookup({ from: 'sos_calls', localField: 'callId', foreignField: '_id', as: 'call' })
      .match(_.expr($.eq([$.size('$call'), 0])))
      .limit(1)
      .project({ _id: 1 })
      .done()
  }
}

export function sosStore(db: Db): SosStore {
  const unsettled = (): object => ({ state: db.command.in(['open', 'acknowledged']) })
  const coll = () => db.collection('sos_calls')
  const _ = db.command
  return {
    lockOpen: async (elderId, callId, at, by) =>
      await insertIfAbsent(db, 'sos_open', { _id: elderId, callId, at, ...by } satisfies SosOpenLock),
    lockOf: async elderId => await getById<SosOpenLock>(db, 'sos_open', elderId),
    locksBefore: async before =>
      dataOf<SosOpenLock>(
        await db
          .collection('sos_open')
          .where({ at: db.command.lte(before) })
          .limit(1000)
          .get()
      ),
    async openCallOf(elderId) {
      const lock = await getById<SosOpenLock>(db, 'sos_open', elderId)
      return lock ? await getById<SosCall>(db, 'sos_calls', lock.callId) : null
    },
    // Only this call's lock: a later call's lock must survive a late close of an older one.
    unlock: async (elderId, callId) => {
      await db.collection('sos_open').where({ _id: elderId, callId }).remove()
    },
    create: async call => await insertIfAbsent(db, 'sos_calls', { ...call }),
    get: async id => await getById<SosCall>(db, 'sos_calls', id),
    readBy: async (id, readerId) => await readBy<SosCall>(db, 'sos_calls', id, readerId),
    async advance(id, level, nextStepAt, step, told) {
      // Still open at this level: an acknowledgement or another runner that got here first wins.
      const res = await coll()
        .where({ _id: id, state: 'open', level })
        .update({
          level: level + 1,
          nextStepAt,
          steps: _.push([step]),
          ...(told.length ? { told: _.addToSet({ each: told }) } : {})
        })
      return applied(res)
    },
    async close(id, from, patch, step) {
      // From one state only: of an ack racing a cancel (or two acks), exactly one applies.
      const res = await coll()
        .where({ _id: id, state: from })
        .update({ ...patch, steps: _.push([step]) })
      return applied(res)
    },
    dueForLadder: async now =>
      await list<SosCall>(
        coll()
          .where({ state: 'open', nextStepAt: _.lte(now) })
          .limit(100)
      ),
    async countOpen() {
      return {
        open: await countWhere(db, 'sos_calls', { state: _.in(['open', 'acknowledged']) }),
        unacknowledged: await countWhere(db, 'sos_calls', { state: 'open' })
      }
    },
    async summary(readerId, now, before) {
      // The banner on every responder's home (issue 19: a read ≤ 2 requests, router included): the
      // two counts and the ladder's two checks were four requests. One aggregate now, started from
      // the reader's own `users` record (an aggregate needs a document to start from, as in
      // community's callerHome), each figure a sub-pipeline: CloudBase's `lookup` with `let` and
      // `pipeline`, and `count` (no row for none):
      // docs.cloudbase.net/api-reference/server/node-sdk/database/aggregate/stages/lookup, …/stages/count.
      // The ladder's checks: ladderChecks.
      const $ = db.command.aggregate
      const count = (where: object): object => $.pipeline().match(where).count('n').done()
      const { due, halfDone } = ladderChecks(db, now, before)
      const res = (await db
        .collection('users')
        .aggregate()
        .match({ _id: readerId })
        .limit(1)
        .lookup({ from: 'sos_calls', let: {}, pipeline: count(unsettled()), as: 'open' })
        .lookup({ from: 'sos_calls', let: {}, pipeline: count({ state: 'open' }), as: 'unacknowledged' })
        .lookup({ from: 'sos_calls', let: {}, pipeline: due, as: 'due' })
        .lookup({ from: 'sos_open', let: {}, pipeline: halfDone, as: 'halfDone' })
        .project({ open: 1, unacknowledged: 1, due: 1, halfDone: 1 })
        .end()) as { data?: JoinedSosSummary[] }
      const row = res.data?.[0]
      if (!row) return null
      return {
        open: row.open?.[0]?.n ?? 0,
        unacknowledged: row.unacknowledged?.[0]?.n ?? 0,
        ladderDue: (row.due?.length ?? 0) > 0 || (row.halfDone?.length ?? 0) > 0
      }
    },
    open: async cursor => await keyPage<SosCall>(db, 'sos_calls', unsettled(), 'pressedAt', 'asc', cursor),
    async openDesk(readerId, cursor, now, before) {
      // The responders' desk (issue 19: a read ≤ 2, router included): the ladder's two checks, the page, and each
      // call's elder with her door and phone were 3 requests and 4 a call. One aggregate from the reader's `users`
      // record, as summary: the page a sub-pipeline (keyset, as `open`), its elders joined beside it by their ids (not
      // inside: two levels deep at most, as actingCase's links and linked). CloudBase's `lookup` with `let` and
      // `pipeline`: docs.cloudbase.net/api-reference/server/node-sdk/database/aggregate/stages/lookup; `in` over the
      // page's ids: …/aggregate/operators/in.
      const $ = db.command.aggregate
      const { due, halfDone } = ladderChecks(db, now, before)
      const res = (await db
        .collection('users')
        .aggregate()
        .match({ _id: readerId })
        .limit(1)
        .lookup({ from: 'sos_calls', let: {}, pipeline: due, as: 'due' })
        .lookup({ from: 'sos_open', let: {}, pipeline: halfDone, as: 'halfDone' })
        .lookup({
          from: 'sos_calls',
          let: {},
          pipeline: $.pipeline()
            .match(keysetFilter(db, unsettled(), 'pressedAt', 'asc', cursor ?? undefined))
            .sort({ pressedAt: 1, _id: 1 })
            .limit(PAGE + 1)
            .done(),
          as: 'calls'
        })
        .lookup(eldersIn(db, '$calls.elderId', PAGE + 1))
        .project({ due: 1, halfDone: 1, calls: 1, elders: 1 })
        .end()) as { data?: JoinedSosDesk[] }
      const row = res.data?.[0]
      if (!row) return null
      const page = keysetPage(row.calls ?? [], 'pressedAt', PAGE)
      return {
        page: {
          items: page.items.map(call => ({
            record: call,
            elder: caseOf(
              row.elders?.find(e => e._id === call.elderId),
              { home: true }
            )
          })),
          cursor: page.cursor
        },
        ladderDue: (row.due?.length ?? 0) > 0 || (row.halfDone?.length ?? 0) > 0
      }
    }
  }
}

export function patrolStore(db: Db): PatrolStore {
  const coll = () => db.collection('patrol_plans')
  const _ = db.command
  return {
    plan: async elderId => await getById<PatrolPlan>(db, 'patrol_plans', elderId),
    savePlan: async plan => {
      await coll().doc(plan._id).set(body(plan))
    },
    plans: async (filter, cursor) =>
      await keyPage<PatrolPlan>(
        db,
        'patrol_plans',
        filter.gridId ? { gridId: filter.gridId } : {},
        'nextDueAt',
        'asc',
        cursor
      ),
    async recordVisit(visit, nextDueAt) {
      await db.collection('patrol_visits').add(visit)
      await coll().doc(visit.elderId).update({ lastVisitAt: visit.at, nextDueAt, alertedFor: null })
    },
    overdue: async now =>
      await list<PatrolPlan>(
        coll()
          .where({ nextDueAt: _.lt(now) })
          .limit(SERVER_PAGE)
      ),
    async markAlerted(elderId, dueAt) {
      // Two timer runs at once: one marks, one skips, so the grid worker is told once.
      const res = await coll()
        .where({ _id: elderId, nextDueAt: dueAt, alertedFor: _.neq(dueAt) })
        .update({ alertedFor: dueAt })
      return applied(res)
    }
  }
}

export function mealStore(db: Db): MealStore {
  return {
    // A day's menu is one per community: its `_id` is the date, unique across the street through keyIn.
    menu: async date => {
      const found = await getById<DailyMenu>(db, 'meal_menus', keyIn(db, date))
      return found && { ...found, _id: date }
    },
    saveMenu: async menu => {
      await db.collection('meal_menus').doc(keyIn(db, menu._id)).set(body(menu))
    },
    order: async id => await getById<MealOrder>(db, 'meal_orders', id),
    saveOrder: async order => {
      await db.collection('meal_orders').doc(order._id).set(body(order))
    },
    standing: async elderId => await getById<StandingOrder>(db, 'meal_standing', elderId),
    saveStanding: async s => {
      await db.collection('meal_standing').doc(s._id).set(body(s))
    },
    async day(readerId, date, weekday) {
      // The meal round (issue 19: a read ≤ 2, router included): the day's orders, the weekday's standing orders, then
      // each elder and each delivery's door and phone one by one (6 with one delivery, 3 more an elder). One
      // aggregate from the reader's `users` record, as sosStore.summary; the elders joined beside the orders by their
      // ids (two levels deep at most, as actingCase), each as many as the server page the orders were read by.
      // CloudBase's `lookup` with `let` and `pipeline`: docs.cloudbase.net/api-reference/server/node-sdk/database/
      // aggregate/stages/lookup; `concatArrays` and `in`: …/aggregate/operators/concatArrays, …/operators/in.
      const _ = db.command
      const $ = db.command.aggregate
      const res = (await db
        .collection('users')
        .aggregate()
        .match({ _id: readerId })
        .limit(1)
        .lookup({
          from: 'meal_orders',
          let: {},
          pipeline: $.pipeline().match({ date }).limit(SERVER_PAGE).done(),
          as: 'orders'
        })
        .lookup({
          from: 'meal_standing',
          let: {},
          pipeline: $.pipeline().match({ weekdays: weekday, active: true }).limit(SERVER_PAGE).done(),
          as: 'standing'
        })
        .lookup(eldersIn(db, $.concatArrays(['$orders.elderId', '$standing.elderId']), 2 * SERVER_PAGE))
        .project({ orders: 1, standing: 1, elders: 1 })
        .end()) as { data?: Array<{ orders?: MealOrder[]; standing?: StandingOrder[]; elders?: JoinedElder[] }> }
      const row = res.data?.[0]
      if (!row) return null
      return {
        orders: row.orders ?? [],
        standing: row.standing ?? [],
        elders: (row.elders ?? []).flatMap(e => caseOf(e, { home: true }) ?? [])
      }
    }
  }
}

// Read by staff (dashboard, exports, erasure)
// The staff context reads elder care's records only through these (the workbench's 待办 and the
// dashboard). Imports here, not at the top, so this block stays one piece beside the context's edits.
import type {
  CareRequest as CareRequestForStaff,
  SosCall as SosCallForStaff
} from '../../core/elder-care/elder-care.model'
import type { CareRequestState as CareStateForStaff } from '../../core/elder-care/care-request.machine'
import { countJoin as countJoinForStaff, rowsJoin as rowsJoinForStaff, type Join as JoinForStaff } from '../db/join'

/** Care requests in these states, of one grid or assigned to one person (待办 counts, joined). */
export function careRequestsCountForStaff(
  db: Db,
  where: { states: readonly CareStateForStaff[]; gridId?: string | null; assigneeId?: string },
  as: string
): JoinForStaff {
  return countJoinForStaff(
    db,
    'care_requests',
    {
      state: db.command.in([...where.states]),
      ...(where.gridId ? { gridId: where.gridId } : {}),
      ...(where.assigneeId ? { 'assignee.userId': where.assigneeId } : {})
    },
    as
  )
}

/** Every care request of one grid, or of the community, these fields of each (the dashboard's figures). */
export function careRequestsJoinForStaff(
  db: Db,
  gridId: string | null,
  fields: ReadonlyArray<keyof CareRequestForStaff>,
  as: string
): JoinForStaff {
  return rowsJoinForStaff(db, 'care_requests', gridId ? { gridId } : {}, fields, as)
}

/** Every SOS call of one grid, or of the community, these fields of each (the dashboard's figures). */
export function sosCallsJoinForStaff(
  db: Db,
  gridId: string | null,
  fields: ReadonlyArray<keyof SosCallForStaff>,
  as: string
): JoinForStaff {
  return rowsJoinForStaff(db, 'sos_calls', gridId ? { gridId } : {}, fields, as)
}

// Read by other contexts' ledgers (台账): the community's 服务居民台账 counts each resident's care and calls.
import { readAllIfPresent as readAllForLedgers } from '../db/read-all'

/** The elder profiles of these household members; none where elder care isn't deployed. */
export async function eldersOfMembersForLedgers(db: Db, memberIds: readonly string[]): Promise<ElderProfile[]> {
  return await readAllForLedgers<ElderProfile>(db, 'elders', { memberId: db.command.in([...memberIds]) })
}

/** The care requests and SOS calls of these elders. */
export async function careOfEldersForLedgers(
  db: Db,
  elderIds: readonly string[]
): Promise<{ care: CareRequestForStaff[]; sos: SosCallForStaff[] }> {
  if (elderIds.length === 0) return { care: [], sos: [] }
  const where = { elderId: db.command.in([...elderIds]) }
  const [care, sos] = await Promise.all([
    readAllForLedgers<CareRequestForStaff>(db, 'care_requests', where),
    readAllForLedgers<SosCallForStaff>(db, 'sos_calls', where)
  ])
  return { care, sos }
}
