/**
 * Volunteering's ledgers (台账) for staff exports: the volunteers, their service hours, and the party
 * members' quarterly record. Grid names come from the community's repository.
 */
import { quarterOf } from '../../core/shared/shanghai-time'
import { gridNamesForLedgers } from '../community/community.repository'
import { unscoped } from '../db/community-scope'
import { lookup, readAllIfPresent } from '../db/read-all'
import type { ExportSource } from '../staff/export-source'
import { text, when } from '../staff/export-source'

export const volunteersLedger: ExportSource = {
  kind: 'volunteers',
  title: '志愿者名册',
  collection: 'volunteers',
  gridField: 'gridId',
  columns: [{ header: '网格' }, { header: '姓名' }, { header: '党员', width: 6 }, { header: '登记时间', width: 18 }],
  async rows(docs, db) {
    const grids = await gridNamesForLedgers(
      db,
      docs.map(d => d.gridId)
    )
    return docs.map(v => [
      text(grids.get(v.gridId)),
      text(v.name),
      v.partyMember ? '是' : '否',
      v.since ? new Date(v.since) : null
    ])
  }
}

export const volunteerHoursLedger: ExportSource = {
  kind: 'volunteer-hours',
  title: '志愿服务时长',
  collection: 'vol_attendance',
  gridField: null,
  columns: [
    { header: '志愿者' },
    { header: '党员', width: 6 },
    { header: '服务内容', width: 20 },
    { header: '地点', width: 16 },
    { header: '开始时间', width: 18 },
    { header: '时长（小时）', width: 12 },
    { header: '状态', width: 10 }
  ],
  async rows(docs, db) {
    const volunteers = await lookup(
      db,
      'volunteers',
      docs.map(d => d.volunteerId)
    )
    const statuses: Record<string, string> = {
      checked_in: '已签到',
      checked_out: '已签退',
      verified: '已认证',
      rejected: '未通过'
    }
    return docs.map(a => [
      text(volunteers.get(a.volunteerId)?.name),
      a.partyMember ? '是' : '否',
      text(a.title),
      text(a.place),
      when(a.startAt),
      typeof a.hours === 'number' ? a.hours : null,
      statuses[a.status] ?? text(a.status)
    ])
  }
}

export const partyQuarterlyLedger: ExportSource = {
  kind: 'party-quarterly',
  title: '党员季度服务记录',
  collection: 'volunteers',
  gridField: 'gridId',
  // Listed through the community's view (the street's people): its own party members, 双报到 being to where they live.
  where: { partyMember: true },
  columns: [
    { header: '季度', width: 14 },
    { header: '网格' },
    { header: '姓名' },
    { header: '认证时长（小时）', width: 14 },
    { header: '服务次数', width: 10 },
    { header: '认领岗位', width: 20 }
  ],
  async rows(docs, db, now) {
    const q = quarterOf(now)
    const _ = db.command
    const ids = docs.map(d => String(d._id))
    const grids = await gridNamesForLedgers(
      db,
      docs.map(d => d.gridId)
    )
    const hours = new Map<string, { hours: number; times: number }>()
    const posts = new Map<string, string[]>()
    for (let i = 0; i < ids.length; i += 100) {
      const chunk = ids.slice(i, i + 100)
      const [att, claims] = await Promise.all([
        // Their service anywhere in the street counts (the one record); their posts are this community's.
        readAllIfPresent(unscoped(db), 'vol_attendance', {
          volunteerId: _.in(chunk),
          status: 'verified',
          startAt: _.gte(q.from).and(_.lt(q.to))
        }),
        readAllIfPresent(db, 'vol_post_claims', { volunteerId: _.in(chunk), active: true })
      ])
      for (const a of att) {
        const h = hours.get(a.volunteerId) ?? { hours: 0, times: 0 }
        h.hours += Number(a.hours ?? 0)
        h.times++
        hours.set(a.volunteerId, h)
      }
      const postNames = await lookup(
        db,
        'vol_posts',
        claims.map(c => c.postId)
      )
      for (const c of claims) {
        posts.set(c.volunteerId, [...(posts.get(c.volunteerId) ?? []), text(postNames.get(c.postId)?.name)])
      }
    }
    return docs.map(v => {
      const h = hours.get(String(v._id))
      return [
        q.label,
        text(grids.get(v.gridId)),
        text(v.name),
        h ? Math.round(h.hours * 10) / 10 : 0,
        h?.times ?? 0,
        (posts.get(String(v._id)) ?? []).join('、')
      ]
    })
  }
}
