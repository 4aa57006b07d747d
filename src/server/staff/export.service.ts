/**
 * Ledger exports to .xlsx, built in steps the client drives so large ones show progress and no
 * call runs long: `start` counts the rows and opens a job; each `step` reads the next 1000 source
 * records after the job's `lastKey`, stores their rows as one page and advances the job; the step
 * that reads the last (short) page writes the file. `part` hands the file out in base64 pieces a
 * function response can carry. Every export is audited.
 */
import type { Caller } from '../../core/community/caller'
import { hasAnyRole, isStreetOnly } from '../../core/community/caller'
import { policies } from '../../core/community/roles'
import type { AuditPort } from '../../core/shared/audit'
import type { Clock } from '../../core/shared/clock'
import type { Result } from '../../core/shared/wire'
import { fail, ok } from '../../core/shared/wire'
import { shanghaiDate } from '../../core/shared/shanghai-time'
import { gridScopeFor } from '../../core/staff/scope.rule'
import type { ExportJobRecord } from '../../core/staff/staff.model'
import { STREET_OFFICE_SCOPE } from '../../core/staff/staff.model'
import { auditWriter } from '../audit'
import type { Db } from '../db/client'
import { scopeDb, scopeOf, unscoped } from '../db/community-scope'
import { streetCommunities } from '../community/street.repository'
import { countWhere, getById, updatedOf as updated } from '../db/client'
import { gridNamesForLedgers } from '../community/community.repository'
import type { ExportSource } from './export-source'
import { exportSources } from './export-sources'
import type { CellValue } from './xlsx.writer'
import { tableToXlsx } from './xlsx.writer'

export const EXPORT_PAGE = 1000
/** Base64 characters per file part: well under a function response's size limit. */
const PART_CHARS = 512 * 1024

export interface ExportDeps {
  db: Db
  clock: Clock
  audit: AuditPort
  newId: () => string
  sources?: ExportSource[]
}

export interface ExportJobView {
  jobId: string
  kind: string
  title: string
  status: ExportJobRecord['status']
  total: number
  done: number
  /** 0–100 */
  percent: number
  fileName: string | null
  fileParts: number
  fileBytes: number
}

const view = (j: ExportJobRecord): ExportJobView => ({
  jobId: j._id,
  kind: j.kind,
  title: j.title,
  status: j.status,
  total: j.total,
  done: j.done,
  percent: j.status === 'done' ? 100 : j.total === 0 ? 0 : Math.min(99, Math.floor((j.done / j.total) * 100)),
  fileName: j.fileName,
  fileParts: j.fileParts,
  fileBytes: j.fileBytes
})

async function collectionExists(db: Db, name: string): Promise<boolean> {
  try {
    await db.collection(name).limit(1).get()
    return true
  } catch {
    return false
  }
}

export async function exportKinds(
  deps: ExportDeps,
  caller: Caller
): Promise<Result<Array<{ kind: string; title: string }>, never>> {
  // The whole community's ledgers for its staff, and for the street's, who read every community whole.
  const whole = hasAnyRole(caller, policies.staffOrStreet)
  const sources = (deps.sources ?? exportSources).filter(s => whole || s.gridField !== null)
  // One probe per collection, not per ledger (three ledgers read `members`, two `volunteers`): 9
  // requests for a grid worker's eight ledgers before, 6 now; 13 for staff's twelve, 10 now. Not
  // one request: a `lookup` into a collection that doesn't exist joins nothing, as one into an
  // empty collection does, so only a query of its own tells "not deployed here" from "no rows yet".
  const collections = [...new Set(sources.map(s => s.collection))]
  const present = await Promise.all(collections.map(async c => await collectionExists(deps.db, c)))
  const exists = new Set(collections.filter((_, i) => present[i]))
  return ok(sources.filter(s => exists.has(s.collection)).map(s => ({ kind: s.kind, title: s.title })))
}

function whereOf(source: ExportSource, gridId: string | null): Record<string, unknown> {
  return { ...(source.where ?? {}), ...(gridId && source.gridField ? { [source.gridField]: gridId } : {}) }
}

/**
 * A street role's ledgers (台账, issue 20). A street role reads a community and changes nothing there, so its export
 * jobs (staff_exports, their pages and file parts: the caller's own artefacts) are not written in the community: they
 * are the street office's own records (STREET_OFFICE_SCOPE), while the rows are read through each community's
 * read-only view. The community's records stay untouched, and no community scope is loosened to allow it. Such a job
 * names the communities it reads (`sources`) and carries a `street-` id, so the steps find it there again.
 */
const STREET_JOB = 'street-'
const isStreetJob = (jobId: string): boolean => jobId.startsWith(STREET_JOB)

/** Where a job's documents are: the street office's own records for a street job, else the caller's community. */
function jobsDb(deps: ExportDeps, jobId: string, caller: Caller): Db | null {
  if (!isStreetJob(jobId)) return deps.db
  return hasAnyRole(caller, policies.street) ? streetOffice(deps.db) : null
}

const streetOffice = (db: Db): Db => scopeDb(unscoped(db), { communityId: STREET_OFFICE_SCOPE })
/** One community's records as a street role reads them. */
const readOnlyIn = (db: Db, communityId: string): Db => scopeDb(unscoped(db), { communityId, readOnly: true })

/** The database a job's rows come from: its current source community (read-only), or the caller's own. */
function sourceDb(deps: ExportDeps, job: ExportJobRecord): Db {
  const from = job.sources?.[job.at ?? 0]
  return from ? readOnlyIn(deps.db, from.communityId) : deps.db
}

/** An export is audited where its rows are: in each community it reads (a street job), else in the caller's. */
async function audited(deps: ExportDeps, job: ExportJobRecord, entry: Parameters<AuditPort['record']>[0]) {
  if (!job.sources) return await deps.audit.record(entry)
  for (const c of job.sources) await auditWriter(readOnlyIn(deps.db, c.communityId), deps.clock).record(entry)
}

export async function startExport(
  deps: ExportDeps,
  input: { kind: string; gridId?: string; street?: boolean },
  caller: Caller
): Promise<Result<ExportJobView, 'NOT_FOUND' | 'FORBIDDEN'>> {
  const source = (deps.sources ?? exportSources).find(s => s.kind === input.kind)
  if (!source || !(await collectionExists(deps.db, source.collection))) return fail('NOT_FOUND', '暂不支持导出这类台账')
  if (input.street && !hasAnyRole(caller, policies.street)) {
    return fail('FORBIDDEN', '全街道的台账由街道工作人员导出；社区的台账请在本社区导出')
  }
  if (input.street && input.gridId) return fail('FORBIDDEN', '全街道的台账不分网格，请不要选择网格')
  const scope = gridScopeFor(caller, input.gridId)
  if (!scope.ok) return scope
  // Records without a grid can't be limited to one: only the whole community's staff get them.
  if (!source.gridField && scope.value !== null) return fail('FORBIDDEN', '这类台账只能由社工或管理员导出')
  const street = input.street === true || isStreetOnly(caller)
  const here = scopeOf(deps.db)?.communityId
  const sources = street
    ? (await streetCommunities(unscoped(deps.db))).filter(c => input.street || c.communityId === here)
    : undefined
  if (sources && sources.length === 0) return fail('NOT_FOUND', '没有找到这个社区，请在街道工作台重新选择')
  const where = whereOf(source, scope.value)
  const total = sources
    ? (
        await Promise.all(
          sources.map(async c => await countWhere(readOnlyIn(deps.db, c.communityId), source.collection, where))
        )
      ).reduce((a, b) => a + b, 0)
    : await countWhere(deps.db, source.collection, where)
  const job: ExportJobRecord = {
    _id: `${street ? STREET_JOB : ''}${deps.newId()}`,
    kind: source.kind,
    title: source.title,
    gridId: scope.value,
    createdBy: caller.openId,
    createdAt: deps.clock.now(),
    status: 'running',
    total,
    done: 0,
    pages: 0,
    lastKey: null,
    fileName: null,
    fileParts: 0,
    fileBytes: 0,
    ...(sources ? { sources, at: 0, communityColumn: input.street === true } : {})
  }
  await (street ? streetOffice(deps.db) : deps.db).collection('staff_exports').add(job)
  await audited(deps, job, {
    actor: caller.openId,
    action: 'staff.start-export',
    target: `staff_exports/${job._id}`,
    reason: `导出${source.title}${input.street ? '（全街道）' : ''}`,
    data: { kind: source.kind, gridId: scope.value, total, ...(sources ? { street: input.street === true } : {}) }
  })
  return ok(view(job))
}

/**
 * Someone else's export reads as missing: its rows may be of a grid this caller can't see. A community's admins see
 * its exports; the street's admins the street's.
 */
const isOwn = (job: ExportJobRecord, caller: Caller): boolean =>
  job.createdBy === caller.openId || hasAnyRole(caller, isStreetJob(job._id) ? policies.streetAdmins : policies.admins)

async function ownJob(
  deps: ExportDeps,
  jobId: string,
  caller: Caller
): Promise<Result<{ job: ExportJobRecord; db: Db }, 'NOT_FOUND'>> {
  const db = jobsDb(deps, jobId, caller)
  const job = db ? await getById<ExportJobRecord>(db, 'staff_exports', jobId) : null
  if (!db || !job || !isOwn(job, caller)) return fail('NOT_FOUND', '没有找到这次导出')
  return ok({ job, db })
}

export async function exportStep(
  deps: ExportDeps,
  jobId: string,
  caller: Caller
): Promise<Result<ExportJobView, 'NOT_FOUND'>> {
  const found = await ownJob(deps, jobId, caller)
  if (!found.ok) return found
  const { job, db } = found.value
  if (job.status !== 'running') return ok(view(job))
  const source = (deps.sources ?? exportSources).find(s => s.kind === job.kind)
  if (!source) return fail('NOT_FOUND', '暂不支持导出这类台账')

  const _ = db.command
  const from = sourceDb(deps, job)
  const base = whereOf(source, job.gridId)
  const filter = job.lastKey ? { ...base, _id: _.gt(job.lastKey) } : base
  const docs = (await from.collection(source.collection).where(filter).orderBy('_id', 'asc').limit(EXPORT_PAGE).get())
    .data as Array<Record<string, any>>
  const read = await source.rows(docs, from, new Date(job.createdAt))
  // The street's ledger says whose each row is (社区).
  const name = job.sources?.[job.at ?? 0]?.name ?? ''
  const rows = job.communityColumn ? read.map(r => [name, ...r]) : read
  const page = job.pages
  // Same _id for the same page: a repeated step overwrites it with the same rows.
  await db
    .collection('staff_export_pages')
    .doc(`${job._id}:${page}`)
    .set({ jobId: job._id, page, rows: rows.map(encodeRow) })
  // Two steps of one job at once (a double tap, a retry) both wrote the page above; only the one
  // that still sees `pages === page` advances the job, so rows are never counted twice.
  const short = docs.length < EXPORT_PAGE
  // A street job reads its communities one after another: a short page ends a community, the last one the job.
  const nextCommunity = short && job.sources && (job.at ?? 0) < job.sources.length - 1
  const last = short && !nextCommunity
  const advanced = await db
    .collection('staff_exports')
    .where({ _id: job._id, status: 'running', pages: page })
    .update({
      pages: page + 1,
      // Progress counts source records read: a ledger may list fewer rows than it reads.
      done: _.inc(docs.length),
      lastKey: nextCommunity ? null : docs.length > 0 ? String(docs[docs.length - 1]._id) : job.lastKey,
      ...(nextCommunity ? { at: (job.at ?? 0) + 1 } : {}),
      ...(last ? { status: 'writing' } : {})
    })
  if (updated(advanced) === 1 && last) {
    try {
      await writeFile(deps, db, job, page + 1, caller)
    } catch (err) {
      // Leave a job people can see failed (and start again), not one stuck "writing".
      await db.collection('staff_exports').doc(job._id).update({ status: 'failed' })
      throw err
    }
  }
  const now = await getById<ExportJobRecord>(db, 'staff_exports', job._id)
  return ok(view(now ?? job))
}

async function writeFile(deps: ExportDeps, db: Db, job: ExportJobRecord, pages: number, caller: Caller): Promise<void> {
  const source = (deps.sources ?? exportSources).find(s => s.kind === job.kind)!
  const rows: CellValue[][] = []
  for (let p = 0; p < pages; p++) {
    const doc = await getById<{ rows: unknown[][] }>(db, 'staff_export_pages', `${job._id}:${p}`)
    for (const r of doc?.rows ?? []) rows.push(r.map(decodeCell))
  }
  const from = sourceDb(deps, job)
  const grid = job.gridId ? ((await gridNamesForLedgers(from, [job.gridId])).get(job.gridId) ?? job.gridId) : null
  const columns = job.communityColumn ? [{ header: '社区', width: 14 }, ...source.columns] : source.columns
  const file = await tableToXlsx({ sheet: job.title, columns, rows })
  const b64 = file.toString('base64')
  const parts = Math.max(1, Math.ceil(b64.length / PART_CHARS))
  for (let i = 0; i < parts; i++) {
    await db
      .collection('staff_export_files')
      .doc(`${job._id}:${i}`)
      .set({ jobId: job._id, part: i, data: b64.slice(i * PART_CHARS, (i + 1) * PART_CHARS) })
  }
  // Whose ledger, in its name: the street's, a community's for a street role, a grid's.
  const whose = job.communityColumn ? '全街道' : job.sources?.length === 1 ? job.sources[0].name : null
  const fileName = `${job.title}${whose ? `-${whose}` : ''}${grid ? `-${grid}` : ''}-${shanghaiDate(deps.clock.now())}.xlsx`
  await db
    .collection('staff_exports')
    .doc(job._id)
    .update({ status: 'done', fileName, fileParts: parts, fileBytes: file.length, doneAt: deps.clock.now() })
  // The rows now live in the file; the pages were only a staging area.
  await db.collection('staff_export_pages').where({ jobId: job._id }).remove()
  await audited(deps, job, {
    actor: caller.openId,
    action: 'staff.export-done',
    target: `staff_exports/${job._id}`,
    reason: `导出${job.title}完成`,
    data: { kind: job.kind, gridId: job.gridId, rows: rows.length, bytes: file.length }
  })
}

export async function exportPart(
  deps: ExportDeps,
  jobId: string,
  part: number,
  caller: Caller
): Promise<Result<{ part: number; parts: number; fileName: string; data: string }, 'NOT_FOUND' | 'CONFLICT'>> {
  // The job and the asked part in one request (3 before, router included): the part joined by its
  // `_id`, known already, through CloudBase's `lookup` sub-pipeline form
  // (docs.cloudbase.net/api-reference/server/node-sdk/database/aggregate/stages/lookup).
  const db = jobsDb(deps, jobId, caller)
  if (!db) return fail('NOT_FOUND', '没有找到这次导出')
  const res = (await db
    .collection('staff_exports')
    .aggregate()
    .match({ _id: jobId })
    .limit(1)
    .lookup({
      from: 'staff_export_files',
      let: {},
      pipeline: db.command.aggregate
        .pipeline()
        .match({ _id: `${jobId}:${part}` })
        .limit(1)
        .done(),
      as: 'file'
    })
    .end()) as { data?: Array<ExportJobRecord & { file?: Array<{ data: string }> }> }
  const found = res.data?.[0]
  if (!found || !isOwn(found, caller)) return fail('NOT_FOUND', '没有找到这次导出')
  const { file, ...job } = found
  if (job.status !== 'done' || !job.fileName) return fail('CONFLICT', '文件还在生成中，请稍候')
  if (part >= job.fileParts) return fail('NOT_FOUND', '没有这部分文件')
  const doc = file?.[0]
  if (!doc) return fail('NOT_FOUND', '没有这部分文件')
  return ok({ part, parts: job.fileParts, fileName: job.fileName, data: doc.data })
}

/** Dates survive the database as Dates, but mark them so a string never turns into one. */
function encodeRow(row: CellValue[]): unknown[] {
  return row.map(v => (v instanceof Date ? { d: v.toISOString() } : v))
}

function decodeCell(v: unknown): CellValue {
  if (v && typeof v === 'object' && 'd' in v) return new Date(String((v as { d: string }).d))
  return v as CellValue
}

/** Files and staging pages are kept this long; a ledger is downloaded right away, and personal
 * data shouldn't linger in copies (PIPL: keep the minimum). */
export const EXPORT_KEEP_DAYS = 7

/**
 * The street office's old exports (STREET_OFFICE_SCOPE) go with the street's first community's clean-up: the tick runs
 * each community's jobs, and the street's own records are no community's (one request a day more for each).
 */
export async function removeOldStreetExports(
  deps: Pick<ExportDeps, 'db' | 'clock' | 'audit'>
): Promise<{ removed: number } | null> {
  const street = unscoped(deps.db)
  const [first] = await streetCommunities(street)
  if (first?.communityId !== scopeOf(deps.db)?.communityId) return null
  const office = streetOffice(deps.db)
  return await removeOldExports({ db: office, clock: deps.clock, audit: auditWriter(office, deps.clock) })
}

/**
 * The daily clean-up timer: removes exports older than EXPORT_KEEP_DAYS (their file parts, any
 * staging pages and the job), as `system:export-cleanup`, audited.
 */
export async function removeOldExports(deps: Pick<ExportDeps, 'db' | 'clock' | 'audit'>): Promise<{ removed: number }> {
  const { db } = deps
  const _ = db.command
  const before = new Date(deps.clock.now().getTime() - EXPORT_KEEP_DAYS * 24 * 3600_000)
  const old = (
    await db
      .collection('staff_exports')
      .where({ createdAt: _.lt(before) })
      .limit(100)
      .get()
  ).data as ExportJobRecord[]
  for (const job of old) {
    await db.collection('staff_export_files').where({ jobId: job._id }).remove()
    await db.collection('staff_export_pages').where({ jobId: job._id }).remove()
    await db.collection('staff_exports').doc(job._id).remove()
  }
  if (old.length > 0) {
    await deps.audit.record({
      actor: 'system:export-cleanup',
      action: 'staff.remove-old-exports',
      target: 'staff_exports',
      reason: `删除${EXPORT_KEEP_DAYS}天前的导出文件`,
      data: { removed: old.length }
    })
  }
  return { removed: old.length }
}
