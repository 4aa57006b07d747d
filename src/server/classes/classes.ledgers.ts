/** The after-school class's ledgers (台账) for staff exports: attendance and the class roster. */
import type { AttendanceMark, EnrolmentStatus } from '../../core/classes/class.model'
import { lookup } from '../db/read-all'
import type { ExportSource } from '../staff/export-source'
import { labelOf, text, when } from '../staff/export-source'

const marks: Record<AttendanceMark, string> = { present: '出勤', absent: '缺勤', late: '迟到' }
const enrolmentStates: Record<EnrolmentStatus, string> = {
  pending: '待审核',
  enrolled: '在读',
  waitlisted: '候补',
  offered: '候补转正待确认',
  cancelled: '已取消',
  lapsed: '已失效'
}

export const attendanceLedger: ExportSource = {
  kind: 'attendance',
  title: '课堂考勤',
  collection: 'class_attendance',
  gridField: null,
  columns: [
    { header: '日期', width: 12 },
    { header: '课堂', width: 18 },
    { header: '孩子' },
    { header: '出勤', width: 8 },
    { header: '接走', width: 12 },
    { header: '记录时间', width: 18 },
    { header: '备注', width: 20 }
  ],
  async rows(docs, db) {
    const sessions = await lookup(
      db,
      'class_sessions',
      docs.map(d => d.sessionId)
    )
    return docs.map(a => {
      const s = sessions.get(a.sessionId)
      return [
        text(s?.date),
        text(s?.title),
        text(a.childName),
        labelOf(marks, a.status),
        a.pickup ? `${text(a.pickup.name)}（${text(a.pickup.relation)}）` : '',
        when(a.markedAt),
        text(a.note)
      ]
    })
  }
}

export const classRosterLedger: ExportSource = {
  kind: 'class-roster',
  title: '课堂名册',
  collection: 'class_enrolments',
  gridField: null,
  columns: [
    { header: '学期', width: 20 },
    { header: '孩子' },
    { header: '状态', width: 10 },
    { header: '候补序号', width: 10 },
    { header: '报名时间', width: 18 }
  ],
  async rows(docs, db) {
    const terms = await lookup(
      db,
      'class_terms',
      docs.map(d => d.termId)
    )
    return docs.map(e => [
      text(terms.get(e.termId)?.title),
      text(e.childName),
      labelOf(enrolmentStates, e.status),
      typeof e.waitSeq === 'number' && e.status === 'waitlisted' ? e.waitSeq : null,
      when(e.requestedAt)
    ])
  }
}
