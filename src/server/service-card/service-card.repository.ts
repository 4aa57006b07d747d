/**
 * The service card's stores over the CloudBase SDK. Each method that guards an invariant is one
 * conditional operation; the comment on it says which race it closes.
 */
import type { GridRecord, UserRecord } from '../../core/community/community.model'
import type {
  BookingLockRecord,
  EligibilityRequestRecord,
  HallBookingRecord,
  HallSlotRecord,
  ResidentTag,
  ResidentTagsRecord,
  ServiceCategoryRecord,
  ServiceItemRecord,
  ServiceItemVersionRecord,
  ServiceRequestRecord
} from '../../core/service-card/service-card.model'
import type {
  BookingWithMaterials,
  CatalogStore,
  EligibilityStore,
  HallStore,
  People,
  RequestStore
} from '../../core/service-card/service-card.ports'
import type { Page } from '../../core/shared/page'
import { openStatuses } from '../../core/service-card/proxy-request.machine'
import type { Db } from '../db/client'
import { dataOf, getById, insertIfAbsent as insertDoc, updatedOf } from '../db/client'
import { keysetFilter, keysetPage, pageByKey, pageNewestFirst } from '../db/page'
import { releaseSeatOf, takeSeatFor, type SeatCounter } from '../db/seats'

const insertIfAbsent = async (db: Db, collection: string, doc: { _id: string }): Promise<boolean> =>
  await insertDoc(db, collection, doc as { _id: string } & Record<string, unknown>)

type Query = any // the SDK's query builder; its types don't survive chaining

/**
 * The joins below are CloudBase's aggregate `lookup` with `let` and a sub-pipeline (one request
 * instead of one per read; issue 19: a read ≤ 2, router included):
 * docs.cloudbase.net/api-reference/server/node-sdk/database/aggregate/stages/lookup
 */
const oneById = (db: Db, variable: string, fields: Record<string, 0 | 1>): unknown => {
  const $ = db.command.aggregate
  return $.pipeline()
    .match(db.command.expr($.eq(['$_id', `$$${variable}`])))
    .limit(1)
    .project(fields)
    .done()
}

const slotSeat = (slotId: string): SeatCounter => ({
  collection: 'hall_slots',
  id: slotId,
  counter: 'seatsLeft',
  holders: 'seatHolders'
})

/** How old a lock must be before a lock without a live booking counts as orphaned. */
const ORPHAN_AFTER_MS = 60_000

/**
 * Offset cursors for the catalog only: it is small (tens of items), ordered by (category, order)
 * and changed by staff rarely, so a shifted row between two pages is harmless there. Lists that
 * grow while someone pages (bookings, requests, slots) use keyset cursors instead.
 */
const offsetOf = (cursor: string | undefined): number => {
  const n = cursor ? Number.parseInt(cursor, 10) : 0
  return Number.isFinite(n) && n >= 0 ? n : 0
}

async function pageOf<T>(query: Query, cursor: string | undefined, limit: number): Promise<Page<T>> {
  const skip = offsetOf(cursor)
  const docs = dataOf<T>(
    await query
      .skip(skip)
      .limit(limit + 1)
      .get()
  )
  return { items: docs.slice(0, limit), cursor: docs.length > limit ? String(skip + limit) : null }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

export function catalogRepository(db: Db): CatalogStore {
  const _ = db.command
  const items = db.collection('service_items')
  return {
    categories: async () => dataOf<ServiceCategoryRecord>(await db.collection('service_categories').limit(1000).get()),
    item: async id => await getById<ServiceItemRecord>(db, 'service_items', id),
    items: async ids =>
      ids.length === 0
        ? []
        : dataOf<ServiceItemRecord>(
            await items
              .where({ _id: _.in(ids) })
              .limit(1000)
              .get()
          ),
    async listItems(q) {
      const where: Record<string, unknown> = {}
      if (q.categoryId) where.categoryId = q.categoryId
      if (!q.includeRetired) where.status = 'active'
      if (q.words) where.searchText = db.RegExp({ regexp: escapeRegExp(q.words), options: 'i' })
      // An array field matched with `in`: any of its elements is one of these.
      if (q.help) where.modes = _.in(['home', 'proxy'])
      return await pageOf<ServiceItemRecord>(
        items.where(where).orderBy('categoryId', 'asc').orderBy('order', 'asc').orderBy('_id', 'asc'),
        q.cursor,
        q.limit
      )
    },
    async insertItem(item, version) {
      if (!(await insertIfAbsent(db, 'service_item_versions', version))) return false
      return await insertIfAbsent(db, 'service_items', item)
    },
    async saveVersion(expected, next, version) {
      // The version snapshot's deterministic _id is the lock: of two editors who both saw version
      // N, only one can store N+1; the other answers CONFLICT and overwrites nothing.
      if (!(await insertIfAbsent(db, 'service_item_versions', version))) return false
      const { _id, ...fields } = next
      const res = await items.where({ _id, version: expected }).update(fields)
      if (updatedOf(res) === 1) return true
      await db.collection('service_item_versions').doc(version._id).remove()
      return false
    },
    versions: async itemId =>
      dataOf<ServiceItemVersionRecord>(
        await db.collection('service_item_versions').where({ itemId }).limit(1000).get()
      ),
    // A catalog holds tens of items, a few hundred at most: one server page.
    appointmentItems: async () =>
      dataOf<ServiceItemRecord>(await items.where({ status: 'active', modes: 'appointment' }).limit(1000).get()),
    staleItems: async (before, limit) =>
      dataOf<ServiceItemRecord>(
        await items
          .where({ status: 'active', verifiedAt: _.lt(before) })
          .limit(limit)
          .get()
      )
  }
}

export function hallRepository(db: Db): HallStore {
  const _ = db.command
  const slots = db.collection('hall_slots')
  const bookings = db.collection('hall_bookings')
  const locks = db.collection('booking_locks')

  /**
   * A lock whose booking never got stored (the function died between locking and inserting the
   * booking) or no longer holds the time (cancelled, no-show) would block that resident's time
   * for good. Such a lock is taken over by one conditional update on its old holder, so two
   * bookers can't both take it; locks younger than a minute are left alone (their booking may be
   * mid-flight).
   */
  /** The lock is this booking's already (an earlier attempt of it took it). */
  async function heldBy(id: string, bookingId: string): Promise<boolean> {
    return (await getById<BookingLockRecord>(db, 'booking_locks', id))?.bookingId === bookingId
  }

  async function takeOverOrphan(id: string, mine: BookingLockRecord): Promise<boolean> {
    const held = await getById<BookingLockRecord>(db, 'booking_locks', id)
    if (!held || mine.createdAt.getTime() - new Date(held.createdAt).getTime() < ORPHAN_AFTER_MS) return false
    const holder = await getById<HallBookingRecord>(db, 'hall_bookings', held.bookingId)
    if (holder && (holder.status === 'booked' || holder.status === 'checked_in')) return false
    const res = await locks
      .where({ _id: id, bookingId: held.bookingId })
      .update({ bookingId: mine.bookingId, createdAt: mine.createdAt })
    return updatedOf(res) === 1
  }

  return {
    insertSlot: async slot => {
      await slots.add(slot)
    },
    slot: async id => await getById<HallSlotRecord>(db, 'hall_slots', id),
    async upcomingSlots(q) {
      const base = { status: 'open', startAt: _.gt(q.from) }
      // A slot serves the items it lists (publishSlot fills them in); an array field equal to a
      // scalar matches "contains".
      const conditions: unknown[] = [base]
      if (q.itemId) conditions.push({ itemIds: q.itemId })
      // Keyset, soonest first: the cursor is the last row's (startAt, _id).
      return await pageByKey<HallSlotRecord>(db, 'hall_slots', _.and(conditions), 'startAt', 'asc', q.cursor, q.limit)
    },
    async closeSlot(slotId, closing) {
      // Conditional on 'open': takeSeat also requires 'open', so once this lands no new booking
      // can take a seat on the slot while its bookings are being cancelled.
      const res = await slots.where({ _id: slotId, status: 'open' }).update({ status: 'cancelled', closing })
      return updatedOf(res) === 1
    },
    closedSlot: async slotId => {
      await slots.doc(slotId).update({ closing: null })
    },
    closingSince: async (before, limit) =>
      dataOf<HallSlotRecord>(
        await slots
          .where({ 'closing.at': _.lte(before) })
          .limit(limit)
          .get()
      ),
    async takeSeat(slotId, bookingId) {
      // One conditional decrement: the database checks seatsLeft > 0 and decrements in one step,
      // so 100 simultaneous bookers of a 5-seat slot get exactly 5 `updated: 1`. Reading the
      // count first and writing after would let all 100 see a free seat. The holder list makes
      // a retry take no second seat, and lets the no-show timer find a seat nobody holds.
      return (await takeSeatFor(db, slotSeat(slotId), bookingId, { status: 'open' })) !== false
    },
    // Only a listed holder's seat, once: a replayed cancel or the timer never gives one back twice.
    returnSeat: async (slotId, bookingId) => await releaseSeatOf(db, slotSeat(slotId), bookingId),
    async lock(lockIds, residentId, bookingId, now) {
      const taken: string[] = []
      for (const id of lockIds) {
        const doc: BookingLockRecord = { _id: id, residentId, bookingId, createdAt: now }
        if (
          (await insertIfAbsent(db, 'booking_locks', doc)) ||
          (await heldBy(id, bookingId)) ||
          (await takeOverOrphan(id, doc))
        ) {
          taken.push(id)
          continue
        }
        // Someone holds this bucket: give back what we took, so a failed booking holds nothing.
        for (const t of taken) await locks.where({ _id: t, bookingId }).remove()
        return false
      }
      return true
    },
    async unlock(lockIds, bookingId) {
      // Only this booking's locks: a later booking of the same time keeps its own.
      if (lockIds.length > 0) await locks.where({ _id: _.in(lockIds), bookingId }).remove()
    },
    insertBooking: async b => {
      await bookings.add(b)
    },
    booking: async id => await getById<HallBookingRecord>(db, 'hall_bookings', id),
    async moveBooking(id, from, to, now, extra = {}) {
      // Conditional on the current status: a cancel racing a check-in (or a double tap) moves once.
      const res = await bookings.where({ _id: id, status: from }).update({ ...extra, status: to, updatedAt: now })
      return updatedOf(res) === 1
    },
    async myBookings({ residentId, itemId, now, cursor, limit }) {
      // Each booking joined with its item's materials (what to bring), so 我的预约 is one request
      // however many items the page names. Served by the `resident` index (residentId, startAt).
      const page: Query = itemId
        ? bookings
            .aggregate()
            .match({ residentId, itemId, status: 'booked', startAt: _.gt(now) })
            .sort({ startAt: 1, _id: 1 })
            .limit(limit)
        : bookings
            .aggregate()
            .match(keysetFilter(db, { residentId }, 'startAt', 'desc', cursor))
            .sort({ startAt: -1, _id: -1 })
            .limit(limit + 1)
      const res = (await page
        .lookup({
          from: 'service_items',
          let: { itemId: '$itemId' },
          pipeline: oneById(db, 'itemId', { _id: 0, materials: 1 }),
          as: 'item'
        })
        .end()) as { data?: Array<HallBookingRecord & { item: Array<{ materials?: string[] }> }> }
      const rows: BookingWithMaterials[] = (res.data ?? []).map(({ item: [i] = [], ...b }) =>
        i?.materials ? { ...b, materials: i.materials } : b
      )
      return itemId ? { items: rows, cursor: null } : keysetPage(rows, 'startAt', limit)
    },
    // Served by the `resident` index (residentId, startAt); a person holds a handful of bookings.
    openBookingsOf: async (residentId, itemId, now, limit) =>
      dataOf<HallBookingRecord>(
        await bookings
          .where({ residentId, itemId, status: 'booked', startAt: _.gt(now) })
          .orderBy('startAt', 'asc')
          .limit(limit)
          .get()
      ),
    bookingsOfSlot: async slotId =>
      dataOf<HallBookingRecord>(await bookings.where({ slotId }).orderBy('createdAt', 'asc').limit(1000).get()),
    async slotWithBookings(slotId) {
      // The window's check-in list in one request: the slot joined with its bookings (a slot seats
      // a handful; 1000 is our own bound, as bookingsOfSlot's).
      const $ = db.command.aggregate
      const ofSlot = $.pipeline()
        .match(_.expr($.eq(['$slotId', '$$slotId'])))
        .sort({ createdAt: 1 })
        .limit(1000)
        .done()
      const res = (await slots
        .aggregate()
        .match({ _id: slotId })
        .limit(1)
        .lookup({ from: 'hall_bookings', let: { slotId: '$_id' }, pipeline: ofSlot, as: 'bookings' })
        .end()) as { data?: Array<HallSlotRecord & { bookings: HallBookingRecord[] }> }
      const row = res.data?.[0]
      if (!row) return null
      const { bookings: held, ...slot } = row
      return { slot, bookings: held ?? [] }
    },
    async liveBookingOf(residentId, slotId) {
      return (
        dataOf<HallBookingRecord>(
          await bookings
            .where({ residentId, slotId, status: _.in(['pending', 'booked']) })
            .limit(1)
            .get()
        )[0] ?? null
      )
    },
    pendingSince: async (before, limit) =>
      dataOf<HallBookingRecord>(
        await bookings
          .where({ status: 'pending', updatedAt: _.lte(before) })
          .limit(limit)
          .get()
      ),
    heldSlots: async (now, limit) =>
      dataOf<HallSlotRecord>(
        await slots
          .where({ endAt: _.gt(now), 'seatHolders.0': _.exists(true) })
          .limit(limit)
          .get()
      ),
    bookingsByIds: async ids =>
      ids.length === 0
        ? []
        : dataOf<HallBookingRecord>(
            await bookings
              .where({ _id: _.in(ids) })
              .limit(1000)
              .get()
          ),
    endedUnattended: async (now, limit) =>
      dataOf<HallBookingRecord>(
        await bookings
          .where({ status: 'booked', endAt: _.lt(now) })
          .limit(limit)
          .get()
      )
  }
}

export function requestRepository(db: Db): RequestStore {
  const _ = db.command
  const coll = db.collection('service_requests')
  return {
    insert: async r => {
      await coll.add(r)
    },
    get: async id => await getById<ServiceRequestRecord>(db, 'service_requests', id),
    async transition(id, expect, patch, entry) {
      // On (status, version): of two staff acting at once only one moves the request. `accept`
      // also needs handlerId null, so exactly one becomes the first handler (首问负责).
      const where: Record<string, unknown> = { _id: id, status: expect.status, version: expect.version }
      if (expect.claimHandler) where.handlerId = null
      const res = await coll.where(where).update({ ...patch, history: _.push([entry]) })
      return updatedOf(res) === 1
    },
    async list(q) {
      const where: Record<string, unknown> = {}
      if (q.residentId) where.residentId = q.residentId
      if (q.handlerId) where.handlerId = q.handlerId
      if (q.openOnly) where.status = _.in([...openStatuses])
      if (q.unassigned) where.handlerId = null
      if (q.gridId) where.gridId = q.gridId
      return await pageNewestFirst<ServiceRequestRecord>(db, 'service_requests', where, 'createdAt', q.cursor, q.limit)
    },
    dueUnflagged: async (now, limit) =>
      dataOf<ServiceRequestRecord>(
        await coll
          .where({ status: _.in([...openStatuses]), overdue: false, dueAt: _.lt(now) })
          .limit(limit)
          .get()
      ),
    async flagOverdue(id) {
      // Set once: a timer run overlapping the previous one reminds nobody twice.
      const res = await coll.where({ _id: id, overdue: false }).update({ overdue: true })
      return updatedOf(res) === 1
    },
    async markTold(id, version) {
      await coll.where({ _id: id, version }).update({ untold: null })
    },
    untold: async (before, limit) =>
      dataOf<ServiceRequestRecord>(
        await coll
          .where({ 'untold.at': _.lte(before) })
          .orderBy('untold.at', 'asc')
          .limit(limit)
          .get()
      )
  }
}

export function eligibilityRepository(db: Db): EligibilityStore {
  const _ = db.command
  const coll = db.collection('eligibility_requests')
  return {
    get: async residentId => await getById<EligibilityRequestRecord>(db, 'eligibility_requests', residentId),
    async standing(residentId) {
      // From the resident's own `users` record (an aggregate needs a document to start from; the
      // router found it, the action being for registered callers): their tags and their ask, both
      // keyed by the resident's OPENID, side by side.
      const $ = db.command.aggregate
      const own = $.pipeline().match({ _id: residentId }).limit(1).done()
      const res = (await db
        .collection('users')
        .aggregate()
        .match({ _id: residentId })
        .limit(1)
        .project({ _id: 1 })
        .lookup({ from: 'resident_tags', let: {}, pipeline: own, as: 'tags' })
        .lookup({ from: 'eligibility_requests', let: {}, pipeline: own, as: 'ask' })
        .end()) as { data?: Array<{ tags: ResidentTagsRecord[]; ask: EligibilityRequestRecord[] }> }
      const row = res.data?.[0]
      const tags = row?.tags[0]?.tags
      return { tags: Array.isArray(tags) ? tags : [], ask: row?.ask[0] ?? null }
    },
    // The resident's OPENID is the `_id`: two first asks at once store one document.
    insert: async r => await insertIfAbsent(db, 'eligibility_requests', r),
    async reopen(residentId, round, patch) {
      // On the round the asker saw, and never over a pending ask: two renewed asks at once move it once.
      const res = await coll.where({ _id: residentId, round, status: _.neq('pending') }).update(patch)
      return updatedOf(res) === 1
    },
    async decide(residentId, round, patch) {
      // On (pending, round): of two staff deciding at once exactly one moves it.
      const res = await coll.where({ _id: residentId, round, status: 'pending' }).update(patch)
      return updatedOf(res) === 1
    },
    async markTold(residentId, round, status) {
      await coll.where({ _id: residentId, round, status }).update({ told: true })
    },
    untold: async (before, limit) =>
      dataOf<EligibilityRequestRecord>(
        await coll
          .where({ told: false, updatedAt: _.lte(before) })
          .limit(limit)
          .get()
      ),
    async pending(q) {
      const where: Record<string, unknown> = { status: 'pending' }
      if (q.gridId) where.gridId = q.gridId
      // Keyset, oldest first: whoever asked first is called first.
      return await pageByKey<EligibilityRequestRecord>(
        db,
        'eligibility_requests',
        where,
        'askedAt',
        'asc',
        q.cursor,
        q.limit
      )
    }
  }
}

export function peopleRepository(db: Db): People {
  return {
    async person(openId) {
      const u = await getById<UserRecord>(db, 'users', openId)
      if (!u) return null
      return { _id: u._id, name: u.name, roles: Array.isArray(u.roles) ? u.roles : [], gridId: u.gridId ?? null }
    },
    gridWorkerOf: async gridId => (await getById<GridRecord>(db, 'grids', gridId))?.workerUserId ?? null,
    async tags(openId) {
      const rec = await getById<ResidentTagsRecord>(db, 'resident_tags', openId)
      return Array.isArray(rec?.tags) ? rec.tags : []
    },
    async setTags(openId: string, tags: ResidentTag[], by: string, now: Date) {
      await db.collection('resident_tags').doc(openId).set({ tags, updatedBy: by, updatedAt: now })
    },
    async residentsNamed(prefix, limit) {
      // The names and each one's tags in one request. An aggregate's `match` takes the same
      // conditions as a query, the regular expression included: developers.weixin.qq.com/miniprogram/
      // dev/wxcloudservice/wxcloud/reference-sdk-api/database/aggregate/Aggregate.match.md
      const res = (await db
        .collection('users')
        .aggregate()
        .match({ name: db.RegExp({ regexp: `^${escapeRegExp(prefix)}`, options: '' }) })
        .limit(limit)
        .project({ _id: 1, name: 1, roles: 1 })
        .lookup({
          from: 'resident_tags',
          let: { userId: '$_id' },
          pipeline: oneById(db, 'userId', { tags: 1 }),
          as: 'tags'
        })
        .end()) as { data?: Array<Pick<UserRecord, '_id' | 'name' | 'roles'> & { tags: ResidentTagsRecord[] }> }
      return (res.data ?? []).map(u => {
        const tags = u.tags[0]?.tags
        return {
          _id: u._id,
          name: u.name,
          roles: Array.isArray(u.roles) ? u.roles : [],
          tags: Array.isArray(tags) ? tags : []
        }
      })
    }
  }
}

// Read by staff (dashboard, exports, erasure)
// The staff context reads the service card's records only through these (the workbench's 待办,
// the dashboard, the erasure's check for bookings still held). Imports here, not at the top, so
// this block stays one piece beside the context's own edits.
import { countWhere as countStaffRead } from '../db/client'
import { countJoin as countJoinForStaff, rowsJoin as rowsJoinForStaff, type Join as JoinForStaff } from '../db/join'

/** 上门/代办 requests in these states, of one grid or one handler (待办 counts, joined). */
export function serviceRequestsCountForStaff(
  db: Db,
  where: { status: readonly ServiceRequestRecord['status'][]; gridId?: string | null; handlerId?: string },
  as: string
): JoinForStaff {
  return countJoinForStaff(
    db,
    'service_requests',
    {
      status: db.command.in([...where.status]),
      ...(where.gridId ? { gridId: where.gridId } : {}),
      ...(where.handlerId ? { handlerId: where.handlerId } : {})
    },
    as
  )
}

/** 上门/代办 eligibility asks still waiting, of one grid or all (待办 counts, joined). */
export function pendingEligibilityCountForStaff(db: Db, gridId: string | null, as: string): JoinForStaff {
  return countJoinForStaff(db, 'eligibility_requests', { status: 'pending', ...(gridId ? { gridId } : {}) }, as)
}

/**
 * Every 上门/代办 request, these fields of each, then `then` (the dashboard's figures: a community has
 * a few thousand a year).
 */
export function serviceRequestsJoinForStaff(
  db: Db,
  fields: ReadonlyArray<keyof ServiceRequestRecord>,
  as: string,
  then: object[]
): JoinForStaff {
  return rowsJoinForStaff(db, 'service_requests', {}, fields, as, then)
}

/** Hall seats this resident still holds from `now` on (an erasure waits until they are cancelled). */
export async function countHeldHallSeatsForStaff(db: Db, residentId: string, now: Date): Promise<number> {
  return await countStaffRead(db, 'hall_bookings', { residentId, status: 'booked', startAt: db.command.gt(now) })
}

// Read by other contexts' ledgers (台账): the community's 服务居民台账 counts each resident's requests.
import { readAllIfPresent as readAllForLedgers } from '../db/read-all'

/** The 上门/代办 requests and hall bookings of these residents' accounts. */
export async function serviceOfResidentsForLedgers(
  db: Db,
  userIds: readonly string[]
): Promise<{ requests: ServiceRequestRecord[]; bookings: HallBookingRecord[] }> {
  if (userIds.length === 0) return { requests: [], bookings: [] }
  const where = { residentId: db.command.in([...userIds]) }
  const [requests, bookings] = await Promise.all([
    readAllForLedgers<ServiceRequestRecord>(db, 'service_requests', where),
    readAllForLedgers<HallBookingRecord>(db, 'hall_bookings', where)
  ])
  return { requests, bookings }
}
