/**
 * Ledger exports to .xlsx, built in steps the client drives so large ones show progress and no
 * call runs long: `start` counts the rows and opens a job; each `step` reads the next 1000 source
 * records after the job's `lastKey`, stores their rows as one page and advances the job; the step
 * that reads the last (short) page writes the file. `part` hands the file out in base64 pieces a
 * function response can carry. Every export is audited.
 */
import type { Caller } from '../../core/community/caller'
import { hasAnyRole } from '../../core/community/caller'
import { policies } from '../../core/community/roles'
import type { AuditPort } from '../../core/shared/audit'
import type { Clock } from '../../core/shared/clock'
import type { Result } from '../../core/shared/wire'
import { fail, ok } from '../../core/shared/wire'
import { shanghaiDate } from '../../core/shared/shanghai-time'
import { gridScopeFor } from '../../core/staff/scope.rule'
import type { ExportJobRecord } from '../../core/staff/staff.model'
import type { Db } from '../db/client'
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
  const whole = hasAnyRole(caller, policies.staff)
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

export async function startExport(
  deps: ExportDeps,
  input: { kind: string; gridId?: string },
  caller: Caller
): Promise<Result<ExportJobView, 'NOT_FOUND' | 'FORBIDDEN'>> {
  const source = (deps.sources ?? exportSources).find(s => s.kind === input.kind)
  if (!source || !(await collectionExists(deps.db, source.collection))) return fail('NOT_FOUND', '暂不支持导出这类台账')
  const scope = gridScopeFor(caller, input.gridId)
  if (!scope.ok) return scope
  // Records without a grid can't be limited to one: only the whole community's staff get them.
  if (!source.gridField && scope.value !== null) return fail('FORBIDDEN', '这类台账只能由社工或管理员导出')
  const total = await countWhere(deps.db, source.collection, whereOf(source, scope.value))
  const job: ExportJobRecord = {
    _id: deps.newId(),
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
    fileBytes: 0
  }
  await deps.db.collection('staff_exports').add(job)
  await deps.audit.record({
    actor: caller.openId,
    action: 'staff.start-export',
    target: `staff_exports/${job._id}`,
    reason: `导出${source.title}`,
    data: { kind: source.kind, gridId: scope.value, total }
  })
  return ok(view(job))
}

/** Someone else's export reads as missing: its rows may be of a grid this caller can't see. */
const isOwn = (job: ExportJobRecord, caller: Caller): boolean =>
  job.createdBy === caller.openId || hasAnyRole(caller, policies.admins)

async function ownJob(deps: ExportDeps, jobId: string, caller: Caller): Promise<Result<ExportJobRecord, 'NOT_FOUND'>> {
  const job = await getById<ExportJobRecord>(deps.db, 'staff_exports', jobId)
  if (!job || !isOwn(job, caller)) return fail('NOT_FOUND', '没有找到这次导出')
  return ok(job)
}

export async function exportStep(
  deps: ExportDeps,
  jobId: string,
  caller: Caller
): Promise<Result<ExportJobView, 'NOT_FOUND'>> {
  const found = await ownJob(deps, jobId, caller)
  if (!found.ok) return found
  const job = found.value
  if (job.status !== 'running') return ok(view(job))
  const source = (deps.sources ?? exportSources).find(s => s.kind === job.kind)
  if (!source) return fail('NOT_FOUND', '暂不支持导出这类台账')

  const { db } = deps
  const _ = db.command
  const base = whereOf(source, job.gridId)
  const filter = job.lastKey ? { ...base, _id: _.gt(job.lastKey) } : base
  const docs = (await db.collection(source.collection).where(filter).orderBy('_id', 'asc').limit(EXPORT_PAGE).get())
    .data as Array<Record<string, any>>
  const rows = await source.rows(docs, db, new Date(job.createdAt))
  const page = job.pages
  // Same _id for the same page: a repeated step overwrites it with the same rows.
  await db
    .collection('staff_export_pages')
    .doc(`${job._id}:${page}`)
    .set({ jobId: job._id, page, rows: rows.map(encodeRow) })
  // Two steps of one job at once (a double tap, a retry) both wrote the page above; only the one
  // that still sees `pages === page` advances the job, so rows are never counted twice.
  const last = docs.length < EXPORT_PAGE
  const advanced = await db
    .collection('staff_exports')
    .where({ _id: job._id, status: 'running', pages: page })
    .update({
      pages: page + 1,
      // Progress counts source records read: a ledger may list fewer rows than it reads.
      done: _.inc(docs.length),
      lastKey: docs.length > 0 ? String(docs[docs.length - 1]._id) : job.lastKey,
      ...(last ? { status: 'writing' } : {})
    })
  if (updated(advanced) === 1 && last) {
    try {
      await writeFile(deps, job, page + 1, caller)
    } catch (err) {
      // Leave a job people can see failed (and start again), not one stuck "writing".
      await db.collection('staff_exports').doc(job._id).update({ status: 'failed' })
      throw err
    }
  }
  const now = await getById<ExportJobRecord>(db, 'staff_exports', job._id)
  return ok(view(now ?? job))
}

async function writeFile(deps: ExportDeps, job: ExportJobRecord, pages: number, caller: Caller): Promise<void> {
  const { db } = deps
  const source = (deps.sources ?? exportSources).find(s => s.kind === job.kind)!
  const rows: CellValue[][] = []
  for (let p = 0; p < pages; p++) {
    const doc = await getById<{ rows: unknown[][] }>(db, 'staff_export_pages', `${job._id}:${p}`)
    for (const r of doc?.rows ?? []) rows.push(r.map(decodeCell))
  }
  const grid = job.gridId ? ((await gridNamesForLedgers(db, [job.gridId])).get(job.gridId) ?? job.gridId) : null
  const file = await tableToXlsx({ sheet: job.title, columns: source.columns, rows })
  const b64 = file.toString('base64')
  const parts = Math.max(1, Math.ceil(b64.length / PART_CHARS))
  for (let i = 0; i < parts; i++) {
    await db
      .collection('staff_export_files')
      .doc(`${job._id}:${i}`)
      .set({ jobId: job._id, part: i, data: b64.slice(i * PART_CHARS, (i + 1) * PART_CHARS) })
  }
  const fileName = `${job.title}${grid ? `-${grid}` : ''}-${shanghaiDate(deps.clock.now())}.xlsx`
  await db
    .collection('staff_exports')
    .doc(job._id)
    .update({ status: 'done', fileName, fileParts: parts, fileBytes: file.length, doneAt: deps.clock.now() })
  // The rows now live in the file; the pages were only a staging area.
  await db.collection('staff_export_pages').where({ jobId: job._id }).remove()
  await deps.audit.record({
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
  const { db } = deps
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
