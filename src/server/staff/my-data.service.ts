/**
 * "My data": everything Linli holds about a person and their household (read through the
 * registry), the deletion request, and staff confirming it.
 *
 * Deliberately cross-collection: reading and erasing a person is a sweep over every collection
 * that may hold them (PIPL 查阅、复制、删除), driven by one table (personal-data.registry.ts) with
 * one generic rule per line, rather than a method in each context's repository. A context adds a
 * line there and its data is shown and erased; nothing here has to know the context, and a test
 * (test/support/erasure-traces.ts) scans every declared collection afterwards to prove nothing of
 * the person is left. The checks that need a context's meaning (seats still held) go through that
 * context's repository instead.
 */
import type { Caller } from '../../core/community/caller'
import type { UserRecord } from '../../core/community/community.model'
import { maskPhone } from '../../core/community/mask-phone'
import type { AuditPort } from '../../core/shared/audit'
import type { PhotoStore } from '../../core/shared/photo-store.ports'
import type { Clock } from '../../core/shared/clock'
import type { Result } from '../../core/shared/wire'
import { fail, ok } from '../../core/shared/wire'
import type { ErasureRecord } from '../../core/staff/staff.model'
import type { Page } from '../../core/shared/page'
import type { Db } from '../db/client'
import { dataOf, getById, insertIfAbsent } from '../db/client'
import { isMissingCollection } from '../db/read-all'
import { countHeldClassSeatsForStaff } from '../classes/classes.repository'
import { countHeldHallSeatsForStaff } from '../service-card/service-card.repository'
import { countHeldVolunteerSlotsForStaff } from '../volunteers/volunteers.repository'
import { shanghaiDate } from '../../core/shared/shanghai-time'
import { pageNewestFirst } from '../db/page'
import { halfDoneBefore } from '../../core/shared/half-done'
import type { Identifier, PersonalDataLine } from './personal-data.registry'
import { personalData } from './personal-data.registry'

/** Per line, at most this many documents are shown (a person has far fewer of any kind). */
const SHOW_MAX = 200

export interface MyDataSection {
  collection: string
  label: string
  count: number
  records: Array<Record<string, unknown>>
  onDelete: 'delete' | 'keep' | 'anonymise'
  why: string | null
}

export interface MyData {
  generatedAt: string
  name: string | null
  sections: MyDataSection[]
  erasure: { status: ErasureRecord['status']; requestedAt: string } | null
}

export interface MyDataDeps {
  db: Db
  clock: Clock
  audit: AuditPort
  /** Deletes the photos of lines with `files` (absent: a registry without such lines). */
  photos?: Pick<PhotoStore, 'remove'>
  registry?: PersonalDataLine[]
}

type Ids = Record<Identifier, string | null>

async function idsOf(db: Db, openId: string): Promise<{ ids: Ids; user: UserRecord | null }> {
  const user = await getById<UserRecord>(db, 'users', openId)
  return { user, ids: { openId, memberId: user?.memberId ?? null, householdId: user?.householdId ?? null } }
}

async function find(
  db: Db,
  line: PersonalDataLine,
  value: string,
  limit: number
): Promise<Array<Record<string, unknown>> | null> {
  try {
    const res = await db
      .collection(line.collection)
      .where({ [line.field]: value })
      .limit(limit)
      .get()
    return res.data as Array<Record<string, unknown>>
  } catch (err) {
    if (isMissingCollection(err)) return null
    throw err
  }
}

// 'pull' reads to the resident as "kept, without you", the same as anonymising.
const ruleOf = (line: PersonalDataLine): MyDataSection['onDelete'] =>
  line.erase === 'pull' || typeof line.erase !== 'string' ? 'anonymise' : line.erase

/** A `lookup` stage of either form. */
type LineJoin = Record<string, unknown> & { as: string }

/** Where a line's identifier is read from in the person's `users` record, never null (see below). */
const MEMBER_KEY = 'memberKey'
/** Stands for "no member id": no record's field holds it, so a line keyed by it joins nothing. */
const NO_MEMBER = '-'

/**
 * The join of one registry line's documents (at most SHOW_MAX) onto the person's `users` record;
 * null when the person has no such identifier. An OPENID or household id is known already (the
 * router read the record): a sub-pipeline led by a plain match, by index as `find` does. The member
 * id is the record's own field: the equality form, from a copy that is never null, since a null
 * local field would match every document lacking the field (MongoDB's and CloudBase's lookup).
 */
function lineJoin(db: Db, line: PersonalDataLine, caller: Caller, as: string): LineJoin | null {
  const known = line.holds === 'openId' ? caller.openId : line.holds === 'householdId' ? caller.householdId : undefined
  if (known === undefined) return { from: line.collection, localField: MEMBER_KEY, foreignField: line.field, as }
  if (known === null) return null
  const pipeline = db.command.aggregate
    .pipeline()
    .match({ [line.field]: known })
    .limit(SHOW_MAX)
    .done()
  return { from: line.collection, let: {}, pipeline, as }
}

/**
 * Every registry line's documents and the erasure request, in one request (issue 19: a read ≤ 2,
 * router included; one query per line before, 42 for a resident). One aggregate started from the
 * person's own `users` record with a `lookup` per line, both of CloudBase's forms
 * (docs.cloudbase.net/api-reference/server/node-sdk/database/aggregate/stages/lookup) and `slice`
 * to cut a line to SHOW_MAX (…/aggregate/operators/slice). The registry stays the one table of
 * where a person is (see the top of this file); a line whose collection doesn't exist joins nothing.
 */
export async function readMyData(deps: MyDataDeps, caller: Caller): Promise<MyData> {
  const { db } = deps
  const $ = db.command.aggregate
  const lines = deps.registry ?? personalData
  const as = (i: number): string => `line${i}`
  let q = db
    .collection('users')
    .aggregate()
    .match({ _id: caller.openId })
    .limit(1)
    .addFields({ [MEMBER_KEY]: $.ifNull(['$memberId', NO_MEMBER]) })
  const joined = lines.map((line, i) => lineJoin(db, line, caller, as(i)))
  for (const join of joined) if (join) q = q.lookup(join)
  // The equality form has no limit of its own: each line is cut to SHOW_MAX as `find` cuts it.
  const cut = joined.flatMap(j => (j ? [[j.as, $.slice([`$${j.as}`, SHOW_MAX])]] : []))
  q = q.addFields(Object.fromEntries(cut))
  q = q.lookup({
    from: 'staff_erasures',
    let: {},
    pipeline: $.pipeline().match({ _id: caller.openId }).limit(1).done(),
    as: 'erasure'
  })
  const res = (await q.end()) as {
    data?: Array<UserRecord & { erasure?: ErasureRecord[] } & Record<string, unknown>>
  }
  const row = res.data?.[0] ?? null
  const ids: Ids = { openId: caller.openId, memberId: row?.memberId ?? null, householdId: caller.householdId }
  const sections: MyDataSection[] = []
  lines.forEach((line, i) => {
    if (!ids[line.holds]) return
    const docs = (row?.[as(i)] ?? []) as Array<Record<string, unknown>>
    if (docs.length === 0) return
    sections.push({
      collection: line.collection,
      label: line.label,
      count: docs.length,
      // Other household members' phone numbers are theirs, not the caller's: masked.
      records: docs.map(d =>
        line.holds === 'householdId' && typeof d.phone === 'string' && d._id !== ids.memberId
          ? { ...d, phone: maskPhone(d.phone) }
          : d
      ),
      onDelete: ruleOf(line),
      why: line.why ?? null
    })
  })
  const erasure = row?.erasure?.[0]
  return {
    generatedAt: deps.clock.now().toISOString(),
    name: row?.name ?? null,
    sections,
    erasure:
      erasure && erasure.status !== 'done'
        ? { status: erasure.status, requestedAt: new Date(erasure.requestedAt).toISOString() }
        : null
  }
}

export async function exportMyData(
  deps: MyDataDeps,
  caller: Caller
): Promise<Result<MyData & { fileName: string }, never>> {
  const data = await readMyData(deps, caller)
  await deps.audit.record({
    actor: caller.openId,
    action: 'staff.export-my-data',
    target: `users/${caller.openId}`,
    reason: '居民导出本人数据',
    data: { sections: data.sections.length }
  })
  return ok({ ...data, fileName: `linli-my-data-${data.generatedAt.slice(0, 10)}.json` })
}

/** What a person still holds that others could use: a hall seat, a class seat or place in line, a volunteer slot. */
export interface Holdings {
  hall: number
  classes: number
  volunteering: number
}

/**
 * Erasing an account that still holds a hall seat, a class seat (or a place in the waitlist) or a
 * volunteer slot would leave it held by nobody: the counters never get it back and the next in
 * line is never offered it. So the person cancels first, through the flows that hand it on.
 */
export async function activeHoldings(db: Db, openId: string, now: Date): Promise<Holdings> {
  // Each from the context that owns the seat (its repository); a context not deployed here holds none.
  const held = async (count: () => Promise<number>): Promise<number> => {
    try {
      return await count()
    } catch (err) {
      if (isMissingCollection(err)) return 0
      throw err
    }
  }
  const [hall, classes, volunteering] = await Promise.all([
    held(async () => await countHeldHallSeatsForStaff(db, openId, now)),
    held(async () => await countHeldClassSeatsForStaff(db, openId, shanghaiDate(now))),
    held(async () => await countHeldVolunteerSlotsForStaff(db, openId, now))
  ])
  return { hall, classes, volunteering }
}

function holdingsText(h: Holdings): string | null {
  const parts = [
    h.hall > 0 ? `大厅预约 ${h.hall} 个` : null,
    h.classes > 0 ? `四点半课堂报名或候补 ${h.classes} 个` : null,
    h.volunteering > 0 ? `志愿活动 ${h.volunteering} 个` : null
  ].filter((p): p is string => p !== null)
  return parts.length > 0 ? parts.join('、') : null
}

export async function requestErasure(
  deps: MyDataDeps,
  caller: Caller
): Promise<Result<{ status: ErasureRecord['status'] }, 'HOLDINGS_ACTIVE'>> {
  const now = deps.clock.now()
  const held = holdingsText(await activeHoldings(deps.db, caller.openId, now))
  if (held) return fail('HOLDINGS_ACTIVE', `请先取消您还没到期的${held}，再申请删除：删除后这些名额就没法再让给别人了`)
  const record: ErasureRecord = {
    _id: caller.openId,
    status: 'pending',
    name: caller.name ?? '',
    gridId: caller.gridId,
    requestedAt: now,
    confirmedBy: null,
    doneAt: null,
    outcome: null
  }
  // _id = OPENID: asking twice leaves one request.
  const created = await insertIfAbsent(
    deps.db,
    'staff_erasures',
    record as unknown as { _id: string } & Record<string, unknown>
  )
  if (!created) {
    const existing = await getById<ErasureRecord>(deps.db, 'staff_erasures', caller.openId)
    // A finished request from an earlier account with this OPENID: start a new one.
    if (existing?.status === 'done') {
      const { _id, ...fresh } = record
      await deps.db.collection('staff_erasures').doc(_id).set(fresh)
    } else return ok({ status: existing?.status ?? 'pending' })
  }
  await deps.audit.record({
    actor: caller.openId,
    action: 'staff.request-erasure',
    target: `staff_erasures/${caller.openId}`,
    reason: '居民申请删除个人信息'
  })
  return ok({ status: 'pending' })
}

export interface ErasureView {
  userId: string
  name: string
  gridId: string | null
  status: ErasureRecord['status']
  requestedAt: string
}

export async function listErasures(
  deps: MyDataDeps,
  cursor: string | undefined
): Promise<Result<Page<ErasureView>, never>> {
  const page = await pageNewestFirst<ErasureRecord>(
    deps.db,
    'staff_erasures',
    { status: 'pending' },
    'requestedAt',
    cursor
  )
  return ok({
    items: page.items.map(e => ({
      userId: e._id,
      name: e.name,
      gridId: e.gridId,
      status: e.status,
      requestedAt: new Date(e.requestedAt).toISOString()
    })),
    cursor: page.cursor
  })
}

type ErasureOutcome = NonNullable<ErasureRecord['outcome']>

export async function confirmErasure(
  deps: MyDataDeps,
  userId: string,
  caller: Caller
): Promise<Result<{ outcome: ErasureOutcome }, 'NOT_FOUND' | 'CONFLICT' | 'HOLDINGS_ACTIVE'>> {
  const { db } = deps
  const now = deps.clock.now()
  const request = await getById<ErasureRecord>(db, 'staff_erasures', userId)
  if (!request || request.status === 'done') return fail('NOT_FOUND', '没有待处理的删除申请')
  // Confirmed before and stopped half-way (the function cut off, a failed request): long enough
  // ago that the first call is surely over, so this confirmation finishes it.
  if (request.status === 'processing' && stoppedBefore(request, now))
    return ok({ outcome: await eraseAll(deps, request, caller.openId) })
  // Booked again since the request: the same rule as at the request.
  const held = holdingsText(await activeHoldings(db, userId, now))
  if (held) return fail('HOLDINGS_ACTIVE', `这位居民还有没到期的${held}，请先请本人取消（或由工作人员代为取消）再删除`)
  // The other identifiers are kept on the request while it runs: the account that tells them is
  // erased last, and a resumed run must still find the lines keyed by them.
  const { ids } = await idsOf(db, userId)
  const start = {
    status: 'processing' as const,
    confirmedBy: caller.openId,
    processingAt: now,
    memberId: ids.memberId,
    householdId: ids.householdId,
    linesDone: [],
    outcome: {}
  }
  // Two staff confirming at once: one conditional update moves pending → processing.
  const claim = await db
    .collection('staff_erasures')
    .where({ _id: userId, status: 'pending' })
    .update({ ...start, outcome: db.command.set({}) })
  if (Number((claim as { updated?: number }).updated) !== 1) return fail('CONFLICT', '这条申请正在由其他工作人员处理')
  return ok({ outcome: await eraseAll(deps, { ...request, ...start }, caller.openId) })
}

/** A `processing` erasure whose run is surely over (its function's timeout has passed). */
const stoppedBefore = (e: ErasureRecord, now: Date): boolean =>
  new Date(e.processingAt ?? e.requestedAt).getTime() <= halfDoneBefore(now).getTime()

const lineKey = (line: PersonalDataLine): string => `${line.collection}:${line.field}`

/**
 * Applies every line's erase rule to a `processing` request, then marks it done. Each line is
 * safe to apply again (deleting what is gone, overwriting with the same values, pulling a value
 * no longer there change nothing), and the lines done are recorded with their counts as they
 * finish, so a run that stops is resumed (confirmErasure again, or the staff timer) from the line
 * it stopped in; counts of that line's first, cut-off pass are not in the outcome.
 */
async function eraseAll(deps: MyDataDeps, request: ErasureRecord, actor: string): Promise<ErasureOutcome> {
  const { db } = deps
  const userId = request._id
  const ids: Ids = { openId: userId, memberId: request.memberId ?? null, householdId: request.householdId ?? null }
  const outcome: ErasureOutcome = { ...(request.outcome ?? {}) }
  const linesDone = new Set(request.linesDone ?? [])
  const registry = deps.registry ?? personalData
  // Identifier lines first; the account (users) last, since it tells us the other identifiers.
  const ordered = [...registry.filter(l => l.collection !== 'users'), ...registry.filter(l => l.collection === 'users')]
  for (const line of ordered) {
    // Household lines concern everyone in the household: never erased with one person.
    if (line.holds === 'householdId' || linesDone.has(lineKey(line))) continue
    const value = ids[line.holds]
    if (!value) continue
    const tally = (outcome[line.collection] ??= { deleted: 0, anonymised: 0, kept: 0 })
    for (;;) {
      const docs = await find(db, line, value, 1000)
      if (!docs || docs.length === 0) break
      if (line.erase === 'keep') {
        tally.kept += docs.length
        break
      }
      if (line.erase === 'delete') {
        const files = docs.flatMap(d =>
          (line.files ?? []).flatMap(f => (Array.isArray(d[f]) ? (d[f] as string[]) : []))
        )
        if (files.length) {
          if (!deps.photos) throw new Error(`erasure: ${line.collection} holds photos but no photo store was given`)
          await deps.photos.remove(files)
        }
        const res = await db
          .collection(line.collection)
          .where({ [line.field]: value })
          .remove()
        tally.deleted += Number((res as { deleted?: number }).deleted ?? docs.length)
      } else if (line.erase === 'pull') {
        const res = await db
          .collection(line.collection)
          .where({ [line.field]: value })
          .update({ [line.field]: db.command.pull(value) })
        tally.anonymised += Number((res as { updated?: number }).updated ?? docs.length)
      } else {
        const res = await db
          .collection(line.collection)
          .where({ [line.field]: value })
          .update(line.erase.anonymise)
        tally.anonymised += Number((res as { updated?: number }).updated ?? docs.length)
        // Anonymising the identifier field itself leaves nothing to find again; otherwise stop too.
      }
      if (line.erase !== 'delete' || docs.length < 1000) break
    }
    linesDone.add(lineKey(line))
    // Only while processing: a run overlapping one that just finished leaves the done record alone.
    await db
      .collection('staff_erasures')
      .where({ _id: userId, status: 'processing' })
      .update({ outcome: db.command.set(outcome), linesDone: [...linesDone] })
  }
  const now = deps.clock.now()
  // The identifiers go with the name: the done request keeps only its counts.
  const done = await db
    .collection('staff_erasures')
    .where({ _id: userId, status: 'processing' })
    .update({
      status: 'done',
      name: '',
      doneAt: now,
      outcome: db.command.set(outcome),
      memberId: null,
      householdId: null,
      linesDone: []
    })
  if (Number((done as { updated?: number }).updated) === 1) {
    await deps.audit.record({
      actor,
      action: 'staff.confirm-erasure',
      target: `staff_erasures/${userId}`,
      reason: actor === request.confirmedBy ? '确认居民的删除申请' : '完成中断的删除申请',
      data: { onBehalfOf: userId, confirmedBy: request.confirmedBy, collections: Object.keys(outcome).length }
    })
  }
  return outcome
}

/**
 * Staff timer `erasures`: confirmed erasures a fault left `processing` (a failed request, the
 * function cut off at its timeout) once that run is surely over, finished from where they stopped.
 */
export async function resumeErasures(deps: MyDataDeps): Promise<{ resumed: number }> {
  const _ = deps.db.command
  const stopped = dataOf<ErasureRecord>(
    await deps.db
      .collection('staff_erasures')
      .where({ status: 'processing', processingAt: _.lte(halfDoneBefore(deps.clock.now())) })
      .limit(20)
      .get()
  )
  for (const e of stopped) await eraseAll(deps, e, 'system:staff-erasures')
  return { resumed: stopped.length }
}
