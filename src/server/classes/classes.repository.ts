/**
 * ClassesStore over the CloudBase database. Each rule-keeping method is ONE conditional write;
 * the comment on it names the race it prevents. Success is read from `updated === 1`.
 */
import type {
  AttendanceRecord,
  ChildRecord,
  ConsentRecord,
  EnrolmentRecord,
  GuardianInviteRecord,
  SessionBookingRecord,
  SessionRecord,
  TermRecord
} from '../../core/classes/class.model'
import type { ChildWithSessions, ClassesStore, FamilyChild, SessionRoster } from '../../core/classes/classes.ports'
import type { Db } from '../db/client'
import type { CallerJoin } from '../router'
import { dataOf as rowsOf, getById, incrementAndReturnIf, insertIfAbsent, updatedOf } from '../db/client'
import { pageById, pageNewestFirst } from '../db/page'
import { releaseSeatOf, takeSeatFor, type SeatCounter } from '../db/seats'
import { shanghaiDate } from '../../core/shared/shanghai-time'

const PAGE = 20
const MAX = 1000 // the SDK's cap per query

const seatOf = (termId: string): SeatCounter => ({
  collection: 'class_terms',
  id: termId,
  counter: 'seatsLeft',
  holders: 'seatHolders'
})
const dropInOf = (sessionId: string): SeatCounter => ({
  collection: 'class_sessions',
  id: sessionId,
  counter: 'dropInLeft',
  holders: 'dropInHolders'
})

/**
 * The term and the child an enrolment checks first, read beside the caller by the router
 * (ActionDef.joinToCaller; store.termWithChild takes them from CallInfo.joined): CloudBase's
 * aggregate `lookup` with an uncorrelated sub-pipeline each, the ids being known:
 * docs.cloudbase.net/api-reference/server/node-sdk/database/aggregate/stages/lookup
 */
export function termWithChildJoins(db: Db, termId: string, childId: string | null): CallerJoin[] {
  const byId = (from: string, id: string, as: string): CallerJoin => ({
    from,
    let: {},
    pipeline: db.command.aggregate.pipeline().match({ _id: id }).limit(1).done(),
    as
  })
  return [byId('class_terms', termId, 'term'), ...(childId === null ? [] : [byId('children', childId, 'child')])]
}

/** The user's record as store.familyEnrolments's query answers it. */
interface JoinedFamily {
  children: Array<{ _id: string }>
  enrolments: Array<
    EnrolmentRecord & {
      term: Array<{ title: string }>
      next: Array<Pick<SessionRecord, '_id' | 'date' | 'startsAt'>>
      seen: Array<{ reportedByGuardian?: boolean }>
      ahead: Array<{ n: number }>
    }
  >
}

/** A child's guardians' user records as the guardianUsers join answers them. */
interface GuardianUsers {
  guardianUsers: Array<{ _id: string; name?: unknown }>
}

/** A child as the guardianUsers join answers it, with its guardians' names by user id. */
function familyChild({ guardianUsers, ...child }: ChildRecord & GuardianUsers): FamilyChild {
  return {
    child,
    guardianNames: Object.fromEntries(
      guardianUsers.flatMap(u => (typeof u.name === 'string' ? [[u._id, u.name] as const] : []))
    )
  }
}

export function classesRepository(db: Db): ClassesStore {
  const _ = db.command
  const terms = db.collection('class_terms')
  const sessions = db.collection('class_sessions')
  const enrolments = db.collection('class_enrolments')
  const attendance = db.collection('class_attendance')

  /** Every document matching `where`, in pages of the SDK's cap. */
  async function all<T>(coll: ReturnType<Db['collection']>, where: Record<string, unknown>): Promise<T[]> {
    const out: T[] = []
    for (let skip = 0; ; skip += MAX) {
      const rows = rowsOf<T>(await coll.where(where).orderBy('_id', 'asc').skip(skip).limit(MAX).get())
      out.push(...rows)
      if (rows.length < MAX) return out
    }
  }

  /**
   * The term with, beside it, what each of `joins` reads from another collection, in one request
   * instead of one per read: CloudBase's aggregate `lookup` with a sub-pipeline (uncorrelated, the
   * term's id being known; its `match` takes query commands as `where` does):
   * docs.cloudbase.net/api-reference/server/node-sdk/database/aggregate/stages/lookup. null: no such term.
   */
  async function termJoined<K extends string>(
    termId: string,
    joins: Record<K, { from: string; pipeline: unknown }>
  ): Promise<{ term: TermRecord; joined: Record<K, unknown[]> } | null> {
    let query = terms.aggregate().match({ _id: termId }).limit(1)
    for (const [as, { from, pipeline }] of Object.entries(joins) as Array<[K, { from: string; pipeline: unknown }]>)
      query = query.lookup({ from, let: {}, pipeline, as })
    const row = ((await query.end()) as { data?: Array<TermRecord & Record<K, unknown[]>> }).data?.[0]
    if (!row) return null
    const term = { ...row }
    const joined = {} as Record<K, unknown[]>
    for (const as of Object.keys(joins) as K[]) {
      joined[as] = row[as] ?? []
      delete (term as Record<string, unknown>)[as]
    }
    return { term, joined }
  }

  /**
   * Joins each child to its guardians' user records as `guardianUsers`: the registering guardian and
   * the co-guardians (`coGuardianUserIds` may be absent), the name only, never a phone. CloudBase's
   * aggregate `lookup` with `let` and a sub-pipeline, as in familyEnrolments:
   * docs.cloudbase.net/api-reference/server/node-sdk/database/aggregate/stages/lookup
   */
  function guardianUsers(): { from: string; let: Record<string, unknown>; pipeline: unknown; as: string } {
    const $ = db.command.aggregate
    const names = $.pipeline()
      .match(_.expr($.or([$.eq(['$_id', '$$registrar']), $.in(['$_id', $.ifNull(['$$co', []])])])))
      .project({ _id: 1, name: 1 })
      .done()
    return {
      from: 'users',
      let: { registrar: '$guardianUserId', co: '$coGuardianUserIds' },
      pipeline: names,
      as: 'guardianUsers'
    }
  }

  /**
   * Sessions matching `match` (by `_id`, at most `limit`), each with what its attendance sheet lists,
   * in one request: the term's enrolled children, the session's bookings and marks, and those
   * children's records joined by CloudBase's aggregate `lookup` with `let` and a sub-pipeline, as in
   * familyEnrolments: docs.cloudbase.net/api-reference/server/node-sdk/database/aggregate/stages/lookup
   */
  async function sessionRosters(match: Record<string, unknown>, limit: number): Promise<SessionRoster[]> {
    const $ = db.command.aggregate
    // Who holds a place: the joined records whose `field` equals the variable of that name and whose
    // status is `status`, by `_id`.
    const holders = (field: 'termId' | 'sessionId', status: string): unknown =>
      $.pipeline()
        .match(_.expr($.and([$.eq([`$${field}`, `$$${field}`]), $.eq(['$status', status])])))
        .sort({ _id: 1 })
        .limit(MAX)
        .project({ _id: 0, childId: 1, childName: 1 })
        .done()
    const seats = holders('termId', 'enrolled')
    const booked = holders('sessionId', 'booked')
    const marks = $.pipeline()
      .match(_.expr($.eq(['$sessionId', '$$sessionId'])))
      .limit(MAX)
      .done()
    // The seated children's records: grade, care needs, who may collect; the pickup codes stay in the
    // database. `$seats.childId` is the array of the joined seats' childIds (empty: no seats).
    const kids = $.pipeline()
      .match(_.expr($.or([$.in(['$_id', $.ifNull(['$$seated', []])]), $.in(['$_id', $.ifNull(['$$booked', []])])])))
      .limit(MAX)
      .project({ _id: 1, grade: 1, allergies: 1, 'pickupAdults.name': 1, 'pickupAdults.relation': 1 })
      .done()
    const res = (await sessions
      .aggregate()
      .match(match)
      .sort({ _id: 1 })
      .limit(limit)
      .lookup({ from: 'class_enrolments', let: { termId: '$termId' }, pipeline: seats, as: 'seats' })
      .lookup({ from: 'class_bookings', let: { sessionId: '$_id' }, pipeline: booked, as: 'bookings' })
      .lookup({ from: 'class_attendance', let: { sessionId: '$_id' }, pipeline: marks, as: 'marks' })
      .lookup({
        from: 'children',
        let: { seated: '$seats.childId', booked: '$bookings.childId' },
        pipeline: kids,
        as: 'children'
      })
      .end()) as { data?: Array<SessionRecord & Omit<SessionRoster, 'session'>> }
    return (res.data ?? []).map(({ seats: s, bookings, marks: m, children, ...session }) => ({
      session,
      seats: s,
      bookings,
      marks: m,
      children
    }))
  }

  return {
    term: async id => await getById<TermRecord>(db, 'class_terms', id),
    async termWithChild(termId, childId, joined) {
      // Read already beside the caller (termWithChildJoins) for these very ids (an id found is the
      // one asked; none found is none there): no request.
      const read = joined as { term?: TermRecord[]; child?: ChildRecord[] } | undefined
      const [readTerm] = read?.term ?? []
      const [readChild] = read?.child ?? []
      if (read && (readTerm?._id ?? termId) === termId && (readChild?._id ?? childId) === childId)
        return { term: readTerm ?? null, child: childId === null ? null : (readChild ?? null) }
      if (childId === null) return { term: await getById<TermRecord>(db, 'class_terms', termId), child: null }
      // The child joined to the term (CloudBase's aggregate `lookup` with a sub-pipeline,
      // docs.cloudbase.net/api-reference/server/node-sdk/database/aggregate/stages/lookup): one
      // request for the two reads every enrolment starts with.
      const child = db.command.aggregate.pipeline().match({ _id: childId }).limit(1).done()
      const res = (await terms
        .aggregate()
        .match({ _id: termId })
        .limit(1)
        .lookup({ from: 'children', let: {}, pipeline: child, as: 'child' })
        .end()) as { data?: Array<TermRecord & { child: ChildRecord[] }> }
      const row = res.data?.[0]
      if (!row) return { term: null, child: null }
      const {
        child: [found],
        ...term
      } = row
      return { term, child: found ?? null }
    },
    async insertTerm(term, list) {
      if (await insertIfAbsent(db, 'class_terms', { ...term })) {
        for (let i = 0; i < list.length; i += 200) await sessions.add(list.slice(i, i + 200))
        return
      }
      // A retry after a crash half-way: add only the sessions that are missing (same _ids).
      for (const s of list) await insertIfAbsent(db, 'class_sessions', { ...s })
    },
    async terms(cursor) {
      return await pageNewestFirst<TermRecord>(db, 'class_terms', {}, 'createdAt', cursor, PAGE)
    },
    session: async id => await getById<SessionRecord>(db, 'class_sessions', id),
    sessionsOfTerm: async termId => await all<SessionRecord>(sessions, { termId }),
    async termWithSessions(termId, from, after, limit) {
      // The (termId, date) index finds them.
      const date = after === null ? _.gte(from) : _.and(_.gte(from), _.gt(after))
      const $ = db.command.aggregate
      const page = $.pipeline().match({ termId, date }).sort({ date: 1 }).limit(limit).done()
      const found = await termJoined(termId, { sessions: { from: 'class_sessions', pipeline: page } })
      return found && { term: found.term, sessions: found.joined.sessions as SessionRecord[] }
    },
    sessionsOn: async date => await all<SessionRecord>(sessions, { date }),
    sessionRoster: async id => (await sessionRosters({ _id: id }, 1))[0] ?? null,
    // A day has a few sessions (one per term): far fewer than the cap.
    sessionRostersOn: async date => await sessionRosters({ date }, MAX),
    // The `date` index; one request while the days hold fewer than 1000 sessions (a few terms a day).
    sessionsBetween: async (from, to) => await all<SessionRecord>(sessions, { date: _.and(_.gte(from), _.lte(to)) }),
    // Only a scheduled session is cancelled: two staff cancelling at once notify families once.
    cancelSession: async (id, reason) =>
      updatedOf(
        await sessions.where({ _id: id, status: 'scheduled' }).update({ status: 'cancelled', cancelReason: reason })
      ) === 1,
    // addToSet/pull change the array in the database: two tutors signing up at once both stay. The
    // condition matches only when the update changes something, so `updated` is 1 exactly when it
    // did, whether CloudBase counts matched or modified documents (db/client.ts, updatedOf).
    addTutor: async (id, openId) =>
      updatedOf(
        await sessions
          .where({ _id: id, status: 'scheduled', tutorIds: _.nin([openId]) })
          .update({ tutorIds: _.addToSet(openId) })
      ) === 1,
    removeTutor: async (id, openId) =>
      updatedOf(await sessions.where({ _id: id, tutorIds: openId }).update({ tutorIds: _.pull(openId) })) === 1,
    markShortWarned: async (id, at) =>
      updatedOf(await sessions.where({ _id: id, shortWarnedAt: null }).update({ shortWarnedAt: at })) === 1,

    child: async id => await getById<ChildRecord>(db, 'children', id),
    async familyChildren(openId) {
      // One request for what 我的孩子 shows: the user's children, each joined to its guardians' user
      // records for their names (before: the children, then one read per guardian of each child).
      // `match` takes query commands like `where` (developers.weixin.qq.com/miniprogram/dev/
      // wxcloudservice/wxcloud/reference-sdk-api/database/aggregate/Aggregate.match.md): an array
      // field equal to a value matches when the array holds it (MongoDB semantics).
      const res = (await db
        .collection('children')
        .aggregate()
        .match(_.or([{ guardianUserId: openId }, { coGuardianUserIds: openId }]))
        .sort({ _id: 1 })
        .limit(100)
        .lookup(guardianUsers())
        .end()) as { data?: Array<ChildRecord & GuardianUsers> }
      return (res.data ?? []).map(familyChild)
    },
    async childWithSessions(childId, date) {
      // One request for the child's page and the check of who may see it (before: the child, each
      // guardian's name, then the day's sessions and each one's seat and booking, one by one): the
      // child joined to its guardians' names and to the day's sessions (a few: one per term) in which
      // it holds a seat, each session joined to the seat `${termId}:${childId}` and the booking
      // `${sessionId}:${childId}` by `_id`. The child's id is data (`literal`), never a field path.
      // Lookup with sub-pipelines, nested as in familyEnrolments:
      // docs.cloudbase.net/api-reference/server/node-sdk/database/aggregate/stages/lookup, …/operators/literal
      const $ = db.command.aggregate
      const held = (status: string): unknown =>
        $.pipeline()
          .match(_.expr($.and([$.eq(['$_id', '$$holder']), $.eq(['$status', status])])))
          .limit(1)
          .project({ _id: 1 })
          .done()
      const holder = (field: string): unknown => $.concat([field, ':', $.literal(childId)])
      const day = $.pipeline()
        .match({ date })
        .sort({ _id: 1 })
        .limit(MAX)
        .lookup({
          from: 'class_enrolments',
          let: { holder: holder('$termId') },
          pipeline: held('enrolled'),
          as: 'seat'
        })
        .lookup({ from: 'class_bookings', let: { holder: holder('$_id') }, pipeline: held('booked'), as: 'booking' })
        .match(_.or([{ 'seat.0': _.exists(true) }, { 'booking.0': _.exists(true) }]))
        .project({ _id: 1, status: 1, tutorIds: 1 })
        .done()
      const res = (await db
        .collection('children')
        .aggregate()
        .match({ _id: childId })
        .limit(1)
        .lookup(guardianUsers())
        .lookup({ from: 'class_sessions', let: {}, pipeline: day, as: 'sessionsOfDay' })
        .end()) as {
        data?: Array<ChildRecord & GuardianUsers & { sessionsOfDay: ChildWithSessions['sessions'] }>
      }
      const row = res.data?.[0]
      if (!row) return null
      const { sessionsOfDay, ...child } = row
      return { ...familyChild(child), sessions: sessionsOfDay }
    },
    childrenByIds: async ids =>
      ids.length === 0 ? [] : await all<ChildRecord>(db.collection('children'), { _id: _.in([...new Set(ids)]) }),
    async insertChild(child: ChildRecord, consent: ConsentRecord) {
      // Consent first: a child record never exists without its consent record.
      await insertIfAbsent(db, 'consents', { ...consent })
      await insertIfAbsent(db, 'children', { ...child })
    },
    async insertConsent(consent: ConsentRecord) {
      await insertIfAbsent(db, 'consents', { ...consent })
    },
    // Compare-and-set on the revision: two guardians adding an adult at the same moment would
    // otherwise each write "the list I read + mine", and one addition would be lost.
    setPickupAdults: async (childId, readRev, adults) =>
      updatedOf(
        await db
          .collection('children')
          .where({ _id: childId, pickupRev: readRev === undefined ? _.exists(false) : readRev })
          .update({ pickupAdults: _.set(adults), pickupRev: (readRev ?? 0) + 1 })
      ) === 1,

    enrolment: async id => await getById<EnrolmentRecord>(db, 'class_enrolments', id),
    // One insert per `${termId}:${childId}`: the same child enrolled twice at once gets one place.
    createEnrolment: async e => await insertIfAbsent(db, 'class_enrolments', { ...e }),
    async moveEnrolment(id, from, fields, offerOpenAt, offerExpiredAt) {
      const where: Record<string, unknown> = { _id: id, status: _.in(from) }
      if (offerOpenAt) where.offerExpiresAt = _.gt(offerOpenAt)
      if (offerExpiredAt) where.offerExpiresAt = _.lte(offerExpiredAt)
      // Conditional on the state we expect: of two racing moves (accept vs lapse, cancel vs offer) one wins.
      return updatedOf(await enrolments.where(where).update({ ...fields })) === 1
    },
    // The oversell race: many enrol at once when seats run out. Only a decrement of a positive
    // counter succeeds, so exactly `capacity` calls get a seat; `waiting: 0` keeps newcomers
    // from taking a freed seat ahead of the line. The holder list makes a retry take no second seat.
    takeSeat: async (termId, enrolmentId, fresh) =>
      await takeSeatFor(db, seatOf(termId), enrolmentId, { waiting: 0 }, fresh),
    takeSeatForWaitlist: async (termId, enrolmentId) => await takeSeatFor(db, seatOf(termId), enrolmentId),
    releaseSeat: async (termId, enrolmentId) => await releaseSeatOf(db, seatOf(termId), enrolmentId),
    // FIFO: the counter is incremented and read in one operation, so two children joining at
    // once never get the same number, and numbers follow the order the database served them.
    // Conditional on not being in line yet: a retry after a lost answer is not counted twice.
    async joinWaitlist(termId, enrolmentId) {
      const joined = await incrementAndReturnIf(db, 'class_terms', termId, { waiters: _.neq(enrolmentId) }, 'waitSeq', {
        waiting: _.inc(1),
        waiters: _.addToSet(enrolmentId)
      })
      // seatsLeft is not touched by the join: the returned document shows it as it was when we joined.
      return joined ? { seq: joined.value, seatsLeft: Number(joined.doc.seatsLeft ?? 0) } : null
    },
    leaveWaitlist: async (termId, enrolmentId) =>
      updatedOf(
        await terms
          .where({ _id: termId, waiters: enrolmentId })
          .update({ waiting: _.inc(-1), waiters: _.pull(enrolmentId) })
      ) === 1,
    pendingSince: async before =>
      rowsOf<EnrolmentRecord>(
        await enrolments
          .where({ status: 'pending', updatedAt: _.lte(before) })
          .limit(MAX)
          .get()
      ),
    currentTerms: async today => await all<TermRecord>(terms, { endDate: _.gte(today) }),
    enrolmentsByIds: async ids =>
      ids.length === 0 ? [] : await all<EnrolmentRecord>(enrolments, { _id: _.in([...new Set(ids)]) }),
    async headOfWaitlist(termId) {
      const rows = rowsOf<EnrolmentRecord>(
        await enrolments.where({ termId, status: 'waitlisted' }).orderBy('waitSeq', 'asc').limit(1).get()
      )
      return rows[0] ?? null
    },
    enrolmentsOfTerm: async (termId, statuses) =>
      await all<EnrolmentRecord>(enrolments, { termId, status: _.in(statuses) }),
    async termWithEnrolmentPage(termId, statuses, order, cursor) {
      const where: Record<string, unknown> = { termId, status: _.in(statuses) }
      if (order === 'waitSeq') {
        const after = Number(cursor)
        if (cursor && Number.isInteger(after)) where.waitSeq = _.gt(after)
      } else if (cursor) {
        where._id = _.gt(cursor)
      }
      // The `line` index finds them.
      const $ = db.command.aggregate
      const next = $.pipeline()
        .match(where)
        .sort({ [order]: 1 })
        .limit(PAGE + 1)
        .done()
      const found = await termJoined(termId, { enrolments: { from: 'class_enrolments', pipeline: next } })
      if (!found) return null
      const rows = found.joined.enrolments as EnrolmentRecord[]
      const page = rows.slice(0, PAGE)
      const last = page[page.length - 1]
      return {
        term: found.term,
        page: {
          items: page,
          cursor: rows.length > PAGE && last ? (order === 'waitSeq' ? String(last.waitSeq) : last._id) : null
        }
      }
    },
    async familyEnrolments(openId, now) {
      // One request however long the history, instead of two plus, for each item shown, its
      // term's title, an enrolled child's next session and its attendance, and a place in line's
      // whole line: an aggregate from the user's own record, the children and the enrolments
      // joined to it, each enrolment to its term, next session, attendance and count ahead.
      // CloudBase's aggregate `lookup` with `let` and a sub-pipeline (whose `match` reads the
      // variables through `_.expr`, combined with `$.and`):
      // docs.cloudbase.net/api-reference/server/node-sdk/database/aggregate/stages/lookup
      const $ = db.command.aggregate
      // A child whose guardian or co-guardian the user is (`coGuardianUserIds` may be absent).
      const children = $.pipeline()
        .match(_.expr($.or([$.eq(['$guardianUserId', '$$me']), $.in(['$$me', $.ifNull(['$coGuardianUserIds', []])])])))
        .project({ _id: 1 })
        .limit(100)
        .done()
      const title = $.pipeline()
        .match(_.expr($.eq(['$_id', '$$termId'])))
        .project({ _id: 0, title: 1 })
        .limit(1)
        .done()
      // An enrolled child's next session: the term's first scheduled one not yet started (one today
      // that started or ended is past; a cancelled one is skipped). Its date is today or later in
      // Shanghai, which the (termId, date) index finds; startsAt decides.
      const next = $.pipeline()
        .match(
          _.expr(
            $.and([
              $.eq(['$$status', 'enrolled']),
              $.eq(['$termId', '$$termId']),
              $.gte(['$date', shanghaiDate(now)]),
              $.eq(['$status', 'scheduled']),
              $.gt(['$startsAt', now])
            ])
          )
        )
        .sort({ startsAt: 1, _id: 1 })
        .limit(1)
        .project({ _id: 1, date: 1, startsAt: 1 })
        .done()
      // That child's attendance of it, `_id` `${sessionId}:${childId}` (none: nothing reported yet).
      const seen = $.pipeline()
        .match(_.expr($.eq(['$_id', '$$attendanceId'])))
        .limit(1)
        .project({ _id: 0, reportedByGuardian: 1 })
        .done()
      // A place in line: how many of the term's waitlisted enrolments have a lower number, counted
      // in the database (the `line` index), never read. The term keeps only who is counted in its
      // line (`waiters`, pending ones too), not their numbers.
      const ahead = $.pipeline()
        .match(
          _.expr(
            $.and([
              $.eq(['$$status', 'waitlisted']),
              $.eq(['$termId', '$$termId']),
              $.eq(['$status', 'waitlisted']),
              // A number always comes with the move to `waitlisted`; without one it counts as 0, ahead
              // of everyone (as MongoDB's order puts null and missing before numbers anyway).
              $.lt([$.ifNull(['$waitSeq', 0]), '$$waitSeq'])
            ])
          )
        )
        .count('n')
        .done()
      // A family's whole history (one per child per term: a few dozen over the years).
      const history = $.pipeline()
        .match(_.expr($.or([$.eq(['$guardianUserId', '$$me']), $.in(['$childId', '$$kids'])])))
        .sort({ requestedAt: -1 })
        .limit(1000)
        .lookup({ from: 'class_terms', let: { termId: '$termId' }, pipeline: title, as: 'term' })
        .lookup({ from: 'class_sessions', let: { termId: '$termId', status: '$status' }, pipeline: next, as: 'next' })
        .lookup({
          from: 'class_attendance',
          // null (matches nothing) without a next session (arrayElemAt past the end gives nothing) or
          // a child: concat of a missing or null part is null, in MongoDB as in mingo (the local cloud).
          // docs.cloudbase.net/api-reference/server/node-sdk/database/aggregate/operators/concat, …/arrayElemAt
          let: { attendanceId: $.concat([$.arrayElemAt(['$next._id', 0]), ':', '$childId']) },
          pipeline: seen,
          as: 'seen'
        })
        .lookup({
          from: 'class_enrolments',
          let: { termId: '$termId', status: '$status', waitSeq: '$waitSeq' },
          pipeline: ahead,
          as: 'ahead'
        })
        .done()
      const res = (await db
        .collection('users')
        .aggregate()
        .match({ _id: openId })
        .limit(1)
        .lookup({ from: 'children', let: { me: '$_id' }, pipeline: children, as: 'children' })
        .lookup({
          from: 'class_enrolments',
          let: { me: '$_id', kids: '$children._id' },
          pipeline: history,
          as: 'enrolments'
        })
        .project({ children: 1, enrolments: 1 })
        .end()) as { data?: JoinedFamily[] }
      const row = res.data?.[0]
      return {
        childIds: (row?.children ?? []).map(c => c._id),
        enrolments: (row?.enrolments ?? []).map(({ term, next: [session], seen: [attendance], ahead, ...e }) => ({
          ...e,
          termTitle: term[0]?.title ?? '',
          nextSession: session ? { ...session, reportedAbsent: attendance?.reportedByGuardian === true } : null,
          // Nobody ahead: `$count` over nothing gives no row (MongoDB; the local cloud likewise).
          ahead: ahead[0]?.n ?? 0
        }))
      }
    },
    expiredOffers: async now =>
      rowsOf<EnrolmentRecord>(
        await enrolments
          .where({ status: 'offered', offerExpiresAt: _.lte(now) })
          .limit(MAX)
          .get()
      ),
    termsToPromote: async () =>
      rowsOf<{ _id: string }>(
        await terms
          .where({ seatsLeft: _.gt(0), waiting: _.gt(0) })
          .field({ _id: true })
          .limit(MAX)
          .get()
      ).map(t => t._id),

    booking: async id => await getById<SessionBookingRecord>(db, 'class_bookings', id),
    // One insert per `${sessionId}:${childId}`: a double tap books one seat.
    createBooking: async b => await insertIfAbsent(db, 'class_bookings', { ...b }),
    moveBooking: async (id, from, fields) =>
      updatedOf(
        await db
          .collection('class_bookings')
          .where({ _id: id, status: _.in(from) })
          .update({ ...fields })
      ) === 1,
    // Same oversell race as term seats, on the session's own single-session counter; the holder
    // list makes a retry take no second seat and a give-back happen once.
    takeDropIn: async (sessionId, holder) => await takeSeatFor(db, dropInOf(sessionId), holder),
    releaseDropIn: async (sessionId, holder) => await releaseSeatOf(db, dropInOf(sessionId), holder),
    pendingBookingsSince: async before =>
      rowsOf<SessionBookingRecord>(
        await db
          .collection('class_bookings')
          .where({ status: 'pending', updatedAt: _.lte(before) })
          .limit(MAX)
          .get()
      ),
    heldDropIns: async now =>
      rowsOf<SessionRecord>(
        await sessions
          .where({ endsAt: _.gt(now), 'dropInHolders.0': _.exists(true) })
          .limit(MAX)
          .get()
      ),
    bookingsByIds: async ids =>
      ids.length === 0
        ? []
        : await all<SessionBookingRecord>(db.collection('class_bookings'), { _id: _.in([...new Set(ids)]) }),
    bookingsOfSession: async sessionId =>
      await all<SessionBookingRecord>(db.collection('class_bookings'), { sessionId, status: 'booked' }),
    bookingsOfTerm: async termId =>
      await all<SessionBookingRecord>(db.collection('class_bookings'), { termId, status: 'booked' }),

    attendance: async id => await getById<AttendanceRecord>(db, 'class_attendance', id),
    async putAttendance(a) {
      if (await insertIfAbsent(db, 'class_attendance', { ...a })) return true
      // Conditional on no pickup yet: a mark can't undo a hand-over the other tutor just confirmed.
      const { _id, pickup: _p, overdueAlertedAt: _o, ...fields } = a
      if (updatedOf(await attendance.where({ _id, pickup: null }).update(fields)) === 1) return true
      return (await getById<AttendanceRecord>(db, 'class_attendance', _id))?.pickup === null
    },
    // Two tutors confirming the same child at once: one hand-over is recorded.
    recordPickup: async (id, pickup) =>
      updatedOf(await attendance.where({ _id: id, pickup: null }).update({ pickup: _.set(pickup) })) === 1,
    attendanceOfSession: async sessionId => await all<AttendanceRecord>(attendance, { sessionId }),
    attendanceOfTerm: async termId => await all<AttendanceRecord>(attendance, { termId }),
    async termFigureInputs(termId, attended) {
      // Lists that stay short (a term spans at most 200 days: createTerm; seats are at most its
      // capacity, 500; the families who booked single sessions, a few dozen), counts of what grows
      // (marks: children × sessions). `count` gives no row for none on MongoDB (a row of 0 in mingo).
      // docs.cloudbase.net/api-reference/server/node-sdk/database/aggregate/stages/count, …/stages/group
      const $ = db.command.aggregate
      const found = await termJoined(termId, {
        sessions: { from: 'class_sessions', pipeline: $.pipeline().match({ termId }).limit(MAX).done() },
        seated: {
          from: 'class_enrolments',
          pipeline: $.pipeline()
            .match({ termId, status: 'enrolled' })
            .limit(MAX)
            .project({ _id: 0, householdId: 1, guardianUserId: 1 })
            .done()
        },
        waiting: {
          from: 'class_enrolments',
          pipeline: $.pipeline().match({ termId, status: 'waitlisted' }).count('n').done()
        },
        attended: {
          from: 'class_attendance',
          pipeline: $.pipeline()
            .match({ termId, status: _.in([...attended]) })
            .count('n')
            .done()
        },
        // One row per family (household and guardian) still booked.
        booked: {
          from: 'class_bookings',
          pipeline: $.pipeline()
            .match({ termId, status: 'booked' })
            .group({ _id: { householdId: '$householdId', guardianUserId: '$guardianUserId' } })
            .limit(MAX)
            .done()
        }
      })
      if (!found) return null
      const { sessions: s, seated, waiting, attended: marks, booked } = found.joined
      const n = (rows: unknown[]): number => (rows as Array<{ n?: number }>)[0]?.n ?? 0
      return {
        term: found.term,
        inputs: {
          sessions: s as SessionRecord[],
          seated: seated as Array<Pick<EnrolmentRecord, 'householdId' | 'guardianUserId'>>,
          waiting: n(waiting),
          childAttendances: n(marks),
          booked: (booked as Array<{ _id: { householdId?: string | null; guardianUserId: string } }>).map(b => ({
            householdId: b._id.householdId ?? null,
            guardianUserId: b._id.guardianUserId
          }))
        }
      }
    },
    notCollected: async (endedAfter, endedBefore) =>
      rowsOf<AttendanceRecord>(
        await attendance
          .where({
            overdueAlertedAt: null,
            pickup: null,
            status: _.in(['present', 'late']),
            sessionEndsAt: _.and(_.gte(endedAfter), _.lt(endedBefore))
          })
          .limit(MAX)
          .get()
      ),
    // First timer run wins: guardians and staff are alerted once per child and session.
    markOverdueAlerted: async (id, at) =>
      updatedOf(await attendance.where({ _id: id, overdueAlertedAt: null }).update({ overdueAlertedAt: at })) === 1,

    // One insert per code: two invitations drawing the same code can't both exist.
    insertInvite: async invite => await insertIfAbsent(db, 'guardian_invites', { ...invite }),
    invite: async id => await getById<GuardianInviteRecord>(db, 'guardian_invites', id),
    async takeInviteAttempt(openId, now, limit) {
      const attempts = db.collection('guardian_invite_attempts')
      const windowOpen = new Date(now.getTime() - 3600_000)
      // One conditional increment per attempt: 100 guesses fired at once can't all see "under the limit".
      const bump = async (): Promise<boolean> =>
        updatedOf(
          await attempts
            .where({ _id: openId, windowStart: _.gt(windowOpen), count: _.lt(limit) })
            .update({ count: _.inc(1) })
        ) === 1
      if (await bump()) return true
      // No live window: start one (an insert, or a conditional restart of a stale one: one of two wins).
      if (await insertIfAbsent(db, 'guardian_invite_attempts', { _id: openId, windowStart: now, count: 1 })) return true
      if (
        updatedOf(
          await attempts.where({ _id: openId, windowStart: _.lte(windowOpen) }).update({ windowStart: now, count: 1 })
        ) === 1
      )
        return true
      // Another attempt of the same burst started the window just now: count this one in it.
      return await bump()
    },
    // Two people entering the same code at once: one conditional update, one co-guardian.
    useInvite: async (id, openId, now) =>
      updatedOf(
        await db
          .collection('guardian_invites')
          .where({ _id: id, acceptedBy: null, expiresAt: _.gt(now) })
          .update({ acceptedBy: openId, acceptedAt: now, joinPending: true })
      ) === 1,
    // addToSet/pull change the array in the database: two co-guardians joining at once both stay.
    // Conditional on the invitation not on the child yet: a retry after a removal adds nobody.
    addCoGuardian: async (childId, openId, inviteId) =>
      updatedOf(
        await db
          .collection('children')
          .where({ _id: childId, coGuardianInvites: _.neq(inviteId) })
          .update({ coGuardianUserIds: _.addToSet(openId), coGuardianInvites: _.addToSet(inviteId) })
      ) === 1,
    finishJoin: async (inviteId, openId) =>
      updatedOf(
        await db
          .collection('guardian_invites')
          .where({ _id: inviteId, acceptedBy: openId, joinPending: true })
          .update({ joinPending: false })
      ) === 1,
    pendingJoinsSince: async before =>
      rowsOf<GuardianInviteRecord>(
        await db
          .collection('guardian_invites')
          .where({ joinPending: true, acceptedAt: _.lte(before) })
          .limit(MAX)
          .get()
      ),
    removeCoGuardian: async (childId, openId) =>
      updatedOf(
        await db
          .collection('children')
          .where({ _id: childId, coGuardianUserIds: openId })
          .update({ coGuardianUserIds: _.pull(openId) })
      ) === 1,
    async grantGuardianRole(openId) {
      await db
        .collection('users')
        .doc(openId)
        .update({ roles: _.addToSet('guardian') })
    },

    staffIds: async () =>
      rowsOf<{ _id: string }>(
        await db.collection('users').where({ roles: 'staff' }).field({ _id: true }).limit(MAX).get()
      ).map(u => u._id),
    userName: async openId => (await getById<{ name?: string }>(db, 'users', openId))?.name ?? null,
    async tutorPool(cursor) {
      const p = await pageById<{ _id: string; name?: string }>(db, 'users', { roles: 'tutor' }, cursor, PAGE, {
        _id: true,
        name: true
      })
      return { items: p.items.map(u => ({ _id: u._id, name: u.name ?? null })), cursor: p.cursor }
    },
    userRoles: async openId => (await getById<{ roles?: string[] }>(db, 'users', openId))?.roles ?? []
  }
}

// Read by staff (dashboard, exports, erasure)
// The staff context reads 四点半课堂 records only through these (the dashboard, the erasure's check
// for seats still held). Imports here, not at the top, so this block stays one piece beside the
// context's own edits.
import type {
  AttendanceRecord as AttendanceForStaff,
  ChildRecord as ChildForStaff,
  EnrolmentRecord as EnrolmentForStaff
} from '../../core/classes/class.model'
import { rowsJoin as rowsJoinForStaff, type Join as JoinForStaff } from '../db/join'

/** Every attendance mark and every enrolment, these fields of each (the dashboard's figures). */
export function attendanceJoinForStaff(
  db: Db,
  fields: ReadonlyArray<keyof AttendanceForStaff>,
  as: string
): JoinForStaff {
  return rowsJoinForStaff(db, 'class_attendance', {}, fields, as)
}
export function enrolmentsJoinForStaff(
  db: Db,
  fields: ReadonlyArray<keyof EnrolmentForStaff>,
  as: string
): JoinForStaff {
  return rowsJoinForStaff(db, 'class_enrolments', {}, fields, as)
}

/** The children of one grid, or of the community: their records decide a class record's grid. */
export function childrenJoinForStaff(
  db: Db,
  gridId: string | null,
  fields: ReadonlyArray<keyof ChildForStaff>,
  as: string
): JoinForStaff {
  return rowsJoinForStaff(db, 'children', gridId ? { gridId } : {}, fields, as)
}

/**
 * Seats (or places in the waitlist) this guardian still holds in terms not over by `today`: an
 * enrolment stays 'enrolled' after its term ends, so only live terms count (erasure waits for them).
 */
export async function countHeldClassSeatsForStaff(db: Db, guardianUserId: string, today: string): Promise<number> {
  const _ = db.command
  const held = rowsOf<{ termId: string }>(
    await db
      .collection('class_enrolments')
      .where({ guardianUserId, status: _.in(['enrolled', 'waitlisted', 'offered']) })
      .limit(100)
      .get()
  )
  const termIds = [...new Set(held.map(e => e.termId))]
  if (termIds.length === 0) return 0
  const live = new Set(
    rowsOf<{ _id: string }>(
      await db
        .collection('class_terms')
        .where({ _id: _.in(termIds), endDate: _.gte(today) })
        .field({ _id: true })
        .limit(100)
        .get()
    ).map(t => t._id)
  )
  return held.filter(e => live.has(e.termId)).length
}
