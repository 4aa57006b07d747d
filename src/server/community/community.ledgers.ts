/**
 * The community's ledgers (台账) for staff exports: its residents, its party members, and the
 * residents served. The export engine (staff/export.service.ts) pages through `members`; the rows
 * name grids and doors from here, and ask volunteering, the service card and elder care about
 * their own records through their repositories.
 */
import { maskPhone } from '../../core/community/mask-phone'
import type { UserRecord } from '../../core/community/community.model'
import type { Db } from '../db/client'
import { careOfEldersForLedgers, eldersOfMembersForLedgers } from '../elder-care/elder-care.repository'
import { readAllIfPresent } from '../db/read-all'
import { serviceOfResidentsForLedgers } from '../service-card/service-card.repository'
import type { ExportSource, LedgerDoc } from '../staff/export-source'
import { text } from '../staff/export-source'
import { volunteerMembersForLedgers } from '../volunteers/volunteers.repository'
import { gridNamesForLedgers, householdDoorsForLedgers } from './community.repository'

const genders: Record<string, string> = { F: '女', M: '男' }

/** The grid names and doors of one page of members. */
async function placesOf(db: Db, docs: LedgerDoc[]): Promise<[Map<string, string>, Map<string, string>]> {
  return await Promise.all([
    gridNamesForLedgers(
      db,
      docs.map(d => d.gridId)
    ),
    householdDoorsForLedgers(
      db,
      docs.map(d => d.householdId)
    )
  ])
}

export const residentsLedger: ExportSource = {
  kind: 'residents',
  title: '居民花名册',
  collection: 'members',
  gridField: 'gridId',
  columns: [
    { header: '网格' },
    { header: '住户', width: 18 },
    { header: '姓名' },
    { header: '性别', width: 6 },
    { header: '出生年份', width: 10 },
    { header: '与户主关系', width: 12 },
    { header: '电话（已隐藏）', width: 16 },
    { header: '党员', width: 6 }
  ],
  async rows(docs, db) {
    const [grids, doors] = await placesOf(db, docs)
    return docs.map(m => [
      text(grids.get(m.gridId)),
      text(doors.get(m.householdId)),
      text(m.name),
      genders[m.gender] ?? '',
      typeof m.birthYear === 'number' ? m.birthYear : null,
      text(m.relation),
      m.phone ? maskPhone(m.phone) : '',
      m.partyMember ? '是' : '否'
    ])
  }
}

export const partyMembersLedger: ExportSource = {
  kind: 'party-members',
  title: '党员名册',
  collection: 'members',
  gridField: 'gridId',
  where: { partyMember: true },
  columns: [
    { header: '网格' },
    { header: '姓名' },
    { header: '性别', width: 6 },
    { header: '出生年份', width: 10 },
    { header: '住户', width: 18 },
    { header: '登记志愿者', width: 10 }
  ],
  async rows(docs, db) {
    const [[grids, doors], volunteers] = await Promise.all([
      placesOf(db, docs),
      volunteerMembersForLedgers(
        db,
        docs.map(d => String(d._id))
      )
    ])
    return docs.map(m => [
      text(grids.get(m.gridId)),
      text(m.name),
      genders[m.gender] ?? '',
      typeof m.birthYear === 'number' ? m.birthYear : null,
      text(doors.get(m.householdId)),
      volunteers.has(String(m._id)) ? '是' : '否'
    ])
  }
}

export const residentsServedLedger: ExportSource = {
  kind: 'residents-served',
  title: '服务居民台账',
  collection: 'members',
  gridField: 'gridId',
  columns: [
    { header: '网格' },
    { header: '住户', width: 18 },
    { header: '姓名' },
    { header: '便民诉求（件）', width: 14 },
    { header: '大厅预约（次）', width: 14 },
    { header: '养老服务（次）', width: 14 },
    { header: '一键呼叫（次）', width: 14 }
  ],
  // One row per resident who was served at all; the others are read (progress counts them) but not listed.
  async rows(docs, db) {
    const memberIds = docs.map(d => String(d._id))
    const [users, elders, [grids, doors]] = await Promise.all([
      readAllIfPresent<UserRecord>(db, 'users', { memberId: db.command.in(memberIds) }),
      eldersOfMembersForLedgers(db, memberIds),
      placesOf(db, docs)
    ])
    const [served, cared] = await Promise.all([
      serviceOfResidentsForLedgers(
        db,
        users.map(u => String(u._id))
      ),
      careOfEldersForLedgers(
        db,
        elders.map(e => String(e._id))
      )
    ])
    const tally = (list: LedgerDoc[], key: string): Map<string, number> => {
      const m = new Map<string, number>()
      for (const d of list) m.set(String(d[key]), (m.get(String(d[key])) ?? 0) + 1)
      return m
    }
    const byUser = {
      requests: tally(served.requests, 'residentId'),
      bookings: tally(
        served.bookings.filter(b => b.status !== 'cancelled'),
        'residentId'
      )
    }
    const byElder = {
      care: tally(
        cared.care.filter(c => c.state !== 'cancelled'),
        'elderId'
      ),
      sos: tally(cared.sos, 'elderId')
    }
    const userOf = new Map(users.map(u => [String(u.memberId), String(u._id)]))
    const elderOf = new Map(elders.map(e => [String(e.memberId), String(e._id)]))
    return docs.flatMap(m => {
      const u = userOf.get(String(m._id)) ?? ''
      const e = elderOf.get(String(m._id)) ?? ''
      const counts = [
        byUser.requests.get(u) ?? 0,
        byUser.bookings.get(u) ?? 0,
        byElder.care.get(e) ?? 0,
        byElder.sos.get(e) ?? 0
      ]
      if (counts.every(c => c === 0)) return []
      return [[text(grids.get(m.gridId)), text(doors.get(m.householdId)), text(m.name), ...counts]]
    })
  }
}
