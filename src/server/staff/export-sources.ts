/**
 * The ledgers (台账) staff can export: one source per ledger, each a collection read in `_id`
 * order a page at a time plus a row builder. The generic part (pages, progress, the .xlsx) is in
 * export.service.ts; a context's ledger is one entry here. A source whose collection doesn't
 * exist in this environment is simply not offered.
 */
import { maskPhone } from '../../core/community/mask-phone'
import { quarterOf } from '../../core/shared/shanghai-time'
import type { Db } from '../db/client'
import type { CellValue, Column } from './xlsx.writer'

type Doc = Record<string, any>

export interface ExportSource {
  kind: string
  /** Ledger name: sheet name and file name. */
  title: string
  collection: string
  /** Field holding the grid, so a grid worker's export covers their grid only; null: the
   * records don't carry a grid, and only staff and admins (whole community) may export them. */
  gridField: string | null
  where?: Record<string, unknown>
  columns: Column[]
  /** `now`: the export's start, for ledgers of "this quarter". */
  rows: (docs: Doc[], db: Db, now: Date) => Promise<CellValue[][]>
}

/** `_id → value` for the related documents of one page (one query per 100 ids). */
async function lookup (db: Db, collection: string, ids: Array<string | null | undefined>): Promise<Map<string, Doc>> {
  const wanted = [...new Set(ids.filter((x): x is string => typeof x === 'string' && x.length > 0))]
  const out = new Map<string, Doc>()
  const _ = db.command
  for (let i = 0; i < wanted.length; i += 100) {
    const res = await db.collection(collection).where({ _id: _.in(wanted.slice(i, i + 100)) }).limit(100).get()
    for (const d of res.data as Doc[]) out.set(d._id, d)
  }
  return out
}

const gridNames = async (db: Db, docs: Doc[]): Promise<Map<string, Doc>> => await lookup(db, 'grids', docs.map(d => d.gridId))
const text = (v: unknown): string => (typeof v === 'string' ? v : v == null ? '' : String(v))
const genders: Record<string, string> = { F: '女', M: '男' }

export const exportSources: ExportSource[] = [
  {
    kind: 'residents',
    title: '居民花名册',
    collection: 'members',
    gridField: 'gridId',
    columns: [{ header: '网格' }, { header: '住户', width: 18 }, { header: '姓名' }, { header: '性别', width: 6 }, { header: '出生年份', width: 10 }, { header: '与户主关系', width: 12 }, { header: '电话（已隐藏）', width: 16 }, { header: '党员', width: 6 }],
    async rows (docs, db) {
      const [grids, households] = await Promise.all([gridNames(db, docs), lookup(db, 'households', docs.map(d => d.householdId))])
      return docs.map(m => [
        text(grids.get(m.gridId)?.name), text(households.get(m.householdId)?.door), text(m.name), genders[m.gender] ?? '',
        typeof m.birthYear === 'number' ? m.birthYear : null, text(m.relation), m.phone ? maskPhone(m.phone) : '', m.partyMember ? '是' : '否'
      ])
    }
  },
  {
    kind: 'party-members',
    title: '党员名册',
    collection: 'members',
    gridField: 'gridId',
    where: { partyMember: true },
    columns: [{ header: '网格' }, { header: '姓名' }, { header: '性别', width: 6 }, { header: '出生年份', width: 10 }, { header: '住户', width: 18 }, { header: '登记志愿者', width: 10 }],
    async rows (docs, db) {
      const [grids, households, volunteers] = await Promise.all([
        gridNames(db, docs), lookup(db, 'households', docs.map(d => d.householdId)), lookup(db, 'volunteers', docs.map(d => `vol-${d._id as string}`))
      ])
      return docs.map(m => [
        text(grids.get(m.gridId)?.name), text(m.name), genders[m.gender] ?? '', typeof m.birthYear === 'number' ? m.birthYear : null,
        text(households.get(m.householdId)?.door), volunteers.has(`vol-${m._id as string}`) ? '是' : '否'
      ])
    }
  },
  {
    kind: 'volunteers',
    title: '志愿者名册',
    collection: 'volunteers',
    gridField: 'gridId',
    columns: [{ header: '网格' }, { header: '姓名' }, { header: '党员', width: 6 }, { header: '登记时间', width: 18 }],
    async rows (docs, db) {
      const grids = await gridNames(db, docs)
      return docs.map(v => [text(grids.get(v.gridId)?.name), text(v.name), v.partyMember ? '是' : '否', v.since ? new Date(v.since) : null])
    }
  },
  {
    kind: 'elders',
    title: '老人台账',
    collection: 'elders',
    gridField: 'gridId',
    columns: [{ header: '网格' }, { header: '姓名' }, { header: '出生年份', width: 10 }, { header: '住户', width: 18 }],
    async rows (docs, db) {
      const [grids, members, households] = await Promise.all([
        gridNames(db, docs), lookup(db, 'members', docs.map(d => d.memberId)), lookup(db, 'households', docs.map(d => d.householdId))
      ])
      return docs.map(e => {
        const m = members.get(e.memberId)
        return [text(grids.get(e.gridId)?.name), text(e.name ?? m?.name), typeof (e.birthYear ?? m?.birthYear) === 'number' ? (e.birthYear ?? m?.birthYear) : null, text(households.get(e.householdId ?? m?.householdId)?.door)]
      })
    }
  }
]

const STATUS_CN: Record<string, string> = {
  submitted: '已提交', accepted: '已受理', in_progress: '办理中', needs_materials: '待补材料', done: '已办结', rated: '已评价', cancelled: '已取消',
  triaged: '已分诊', assigned: '已派单', in_service: '服务中', completed: '已完成',
  open: '未响应', acknowledged: '已响应', resolved: '已处置',
  enrolled: '在读', waitlisted: '候补', offered: '候补转正待确认', pending: '待审核', lapsed: '已失效',
  present: '出勤', absent: '缺勤', late: '迟到'
}
const cn = (v: unknown): string => STATUS_CN[String(v)] ?? text(v)
const when = (v: unknown): Date | null => (v ? new Date(v as string) : null)

exportSources.push(
  {
    kind: 'attendance',
    title: '课堂考勤',
    collection: 'class_attendance',
    gridField: null,
    columns: [{ header: '日期', width: 12 }, { header: '课堂', width: 18 }, { header: '孩子' }, { header: '出勤', width: 8 }, { header: '接走', width: 12 }, { header: '记录时间', width: 18 }, { header: '备注', width: 20 }],
    async rows (docs, db) {
      const sessions = await lookup(db, 'class_sessions', docs.map(d => d.sessionId))
      return docs.map(a => {
        const s = sessions.get(a.sessionId)
        return [text(s?.date), text(s?.title), text(a.childName), cn(a.status), a.pickup ? `${text(a.pickup.name)}（${text(a.pickup.relation)}）` : '', when(a.markedAt), text(a.note)]
      })
    }
  },
  {
    kind: 'class-roster',
    title: '课堂名册',
    collection: 'class_enrolments',
    gridField: null,
    columns: [{ header: '学期', width: 20 }, { header: '孩子' }, { header: '状态', width: 10 }, { header: '候补序号', width: 10 }, { header: '报名时间', width: 18 }],
    async rows (docs, db) {
      const terms = await lookup(db, 'class_terms', docs.map(d => d.termId))
      return docs.map(e => [text(terms.get(e.termId)?.title), text(e.childName), cn(e.status), typeof e.waitSeq === 'number' && e.status === 'waitlisted' ? e.waitSeq : null, when(e.requestedAt)])
    }
  },
  {
    kind: 'service-requests',
    title: '便民服务诉求台账',
    collection: 'service_requests',
    gridField: null,
    columns: [{ header: '事项', width: 20 }, { header: '方式', width: 8 }, { header: '居民' }, { header: '状态', width: 10 }, { header: '办理人' }, { header: '期限', width: 18 }, { header: '逾期', width: 6 }, { header: '评分', width: 6 }, { header: '提交时间', width: 18 }, { header: '代办', width: 6 }],
    async rows (docs) {
      return docs.map(r => [
        text(r.itemName), r.mode === 'home' ? '上门' : '代办', text(r.residentName), cn(r.status), text(r.handlerName), when(r.dueAt),
        r.overdue ? '是' : '否', typeof r.rating?.stars === 'number' ? r.rating.stars : null, when(r.createdAt), r.submittedBy ? '是' : '否'
      ])
    }
  },
  {
    kind: 'care-requests',
    title: '居家养老服务台账',
    collection: 'care_requests',
    gridField: 'gridId',
    columns: [{ header: '网格' }, { header: '老人' }, { header: '服务', width: 16 }, { header: '状态', width: 10 }, { header: '服务人员' }, { header: '提交时间', width: 18 }, { header: '评分', width: 6 }],
    async rows (docs, db) {
      const grids = await gridNames(db, docs)
      return docs.map(r => [text(grids.get(r.gridId)?.name), text(r.elderName), text(r.serviceName), cn(r.state), text(r.assignee?.name), when(r.createdAt), typeof r.rating === 'number' ? r.rating : null])
    }
  },
  {
    kind: 'sos-calls',
    title: '一键呼叫记录',
    collection: 'sos_calls',
    gridField: 'gridId',
    columns: [{ header: '网格' }, { header: '老人' }, { header: '呼叫时间', width: 18 }, { header: '状态', width: 10 }, { header: '响应人' }, { header: '响应用时（分钟）', width: 14 }],
    async rows (docs, db) {
      const grids = await gridNames(db, docs)
      return docs.map(c => [
        text(grids.get(c.gridId)?.name), text(c.elderName), when(c.pressedAt), cn(c.state), text(c.ackBy?.name),
        c.ackBy?.at ? Math.round((new Date(c.ackBy.at).getTime() - new Date(c.pressedAt).getTime()) / 60000) : null
      ])
    }
  }
)

exportSources.push(
  {
    kind: 'volunteer-hours',
    title: '志愿服务时长',
    collection: 'vol_attendance',
    gridField: null,
    columns: [{ header: '志愿者' }, { header: '党员', width: 6 }, { header: '服务内容', width: 20 }, { header: '地点', width: 16 }, { header: '开始时间', width: 18 }, { header: '时长（小时）', width: 12 }, { header: '状态', width: 10 }],
    async rows (docs, db) {
      const volunteers = await lookup(db, 'volunteers', docs.map(d => d.volunteerId))
      const statuses: Record<string, string> = { checked_in: '已签到', checked_out: '已签退', verified: '已认证', rejected: '未通过' }
      return docs.map(a => [
        text(volunteers.get(a.volunteerId)?.name), a.partyMember ? '是' : '否', text(a.title), text(a.place), when(a.startAt),
        typeof a.hours === 'number' ? a.hours : null, statuses[a.status] ?? text(a.status)
      ])
    }
  },
  {
    kind: 'party-quarterly',
    title: '党员季度服务记录',
    collection: 'volunteers',
    gridField: 'gridId',
    where: { partyMember: true },
    columns: [{ header: '季度', width: 14 }, { header: '网格' }, { header: '姓名' }, { header: '认证时长（小时）', width: 14 }, { header: '服务次数', width: 10 }, { header: '认领岗位', width: 20 }],
    async rows (docs, db, now) {
      const q = quarterOf(now)
      const _ = db.command
      const ids = docs.map(d => String(d._id))
      const grids = await gridNames(db, docs)
      const hours = new Map<string, { hours: number, times: number }>()
      const posts = new Map<string, string[]>()
      if (ids.length > 0) {
        for (let i = 0; i < ids.length; i += 100) {
          const chunk = ids.slice(i, i + 100)
          const [att, claims] = await Promise.all([
            readSafe(db, 'vol_attendance', { volunteerId: _.in(chunk), status: 'verified', startAt: _.gte(q.from).and(_.lt(q.to)) }),
            readSafe(db, 'vol_post_claims', { volunteerId: _.in(chunk), active: true })
          ])
          for (const a of att) {
            const h = hours.get(a.volunteerId) ?? { hours: 0, times: 0 }
            h.hours += Number(a.hours ?? 0)
            h.times++
            hours.set(a.volunteerId, h)
          }
          const postNames = await lookup(db, 'vol_posts', claims.map(c => c.postId))
          for (const c of claims) posts.set(c.volunteerId, [...(posts.get(c.volunteerId) ?? []), text(postNames.get(c.postId)?.name)])
        }
      }
      return docs.map(v => {
        const h = hours.get(String(v._id))
        return [q.label, text(grids.get(v.gridId)?.name), text(v.name), h ? Math.round(h.hours * 10) / 10 : 0, h?.times ?? 0, (posts.get(String(v._id)) ?? []).join('、')]
      })
    }
  }
)

exportSources.unshift({
  kind: 'residents-served',
  title: '服务居民台账',
  collection: 'members',
  gridField: 'gridId',
  columns: [{ header: '网格' }, { header: '住户', width: 18 }, { header: '姓名' }, { header: '便民诉求（件）', width: 14 }, { header: '大厅预约（次）', width: 14 }, { header: '养老服务（次）', width: 14 }, { header: '一键呼叫（次）', width: 14 }],
  // One row per resident who was served at all; the others are read (progress counts them) but not listed.
  async rows (docs, db) {
    const _ = db.command
    const memberIds = docs.map(d => String(d._id))
    const [users, elders, grids, households] = await Promise.all([
      readSafe(db, 'users', { memberId: _.in(memberIds) }),
      readSafe(db, 'elders', { memberId: _.in(memberIds) }),
      gridNames(db, docs),
      lookup(db, 'households', docs.map(d => d.householdId))
    ])
    const userIds = users.map(u => String(u._id))
    const elderIds = elders.map(e => String(e._id))
    const [requests, bookings, care, sos] = await Promise.all([
      userIds.length ? readSafe(db, 'service_requests', { residentId: _.in(userIds) }) : [],
      userIds.length ? readSafe(db, 'hall_bookings', { residentId: _.in(userIds) }) : [],
      elderIds.length ? readSafe(db, 'care_requests', { elderId: _.in(elderIds) }) : [],
      elderIds.length ? readSafe(db, 'sos_calls', { elderId: _.in(elderIds) }) : []
    ])
    const tally = (list: Doc[], key: string): Map<string, number> => {
      const m = new Map<string, number>()
      for (const d of list) m.set(String(d[key]), (m.get(String(d[key])) ?? 0) + 1)
      return m
    }
    const byUser = { requests: tally(requests, 'residentId'), bookings: tally(bookings.filter(b => b.status !== 'cancelled'), 'residentId') }
    const byElder = { care: tally(care.filter(c => c.state !== 'cancelled'), 'elderId'), sos: tally(sos, 'elderId') }
    const userOf = new Map(users.map(u => [String(u.memberId), String(u._id)]))
    const elderOf = new Map(elders.map(e => [String(e.memberId), String(e._id)]))
    return docs.flatMap(m => {
      const u = userOf.get(String(m._id)) ?? ''
      const e = elderOf.get(String(m._id)) ?? ''
      const counts = [byUser.requests.get(u) ?? 0, byUser.bookings.get(u) ?? 0, byElder.care.get(e) ?? 0, byElder.sos.get(e) ?? 0]
      if (counts.every(c => c === 0)) return []
      return [[text(grids.get(m.gridId)?.name), text(households.get(m.householdId)?.door), text(m.name), ...counts]]
    })
  }
})

/** Every matching document (1000 a query, `_id` order); none when the collection doesn't exist here. */
async function readSafe (db: Db, collection: string, where: Record<string, unknown>): Promise<Doc[]> {
  const _ = db.command
  const out: Doc[] = []
  let last: string | null = null
  try {
    for (;;) {
      const filter = last ? _.and([where, { _id: _.gt(last) }]) : where
      const page = (await db.collection(collection).where(filter).orderBy('_id', 'asc').limit(1000).get()).data as Doc[]
      out.push(...page)
      if (page.length < 1000) return out
      last = String(page[page.length - 1]._id)
    }
  } catch {
    return out
  }
}

export function exportSource (kind: string): ExportSource | undefined {
  return exportSources.find(s => s.kind === kind)
}
