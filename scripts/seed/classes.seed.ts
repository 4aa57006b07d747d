/**
 * The after-school class's demo data: one current term (from two weeks ago to two months ahead,
 * weekdays 16:30–18:00) with its sessions, demo-guardian's elder child enrolled with both parents
 * as authorised pickup adults, demo-volunteer as tutor on the sessions around today, a few past
 * attendances (so the staff figures aren't all zero), and one parent-school (家长学校) lecture.
 * Deterministic ids; idempotent (does nothing once `term-demo` exists).
 */
import type {
  AttendanceRecord,
  ChildRecord,
  EnrolmentRecord,
  PickupAdult,
  TermRecord
} from '../../src/core/classes/class.model'
import { planSessions } from '../../src/core/classes/session-plan.rule'
import { addDays, shanghaiInstant, shanghaiDate } from '../../src/core/shared/shanghai-time'
import type { Db } from '../../src/server/db/client'
import { getById, insertIfAbsent } from '../../src/server/db/client'
import type { MemberRecord, UserRecord } from '../../src/core/community/community.model'
import { demoPhone, seedScope } from './demo-community'

export const DEMO_TERM_ID = 'term-demo'
export const DEMO_LECTURE_ID = 'term-demo-lecture'
/** The demo parents' own pickup codes (shown to demo-guardian in the app). */
export const demoPickupCodes = { father: '246801', mother: '246802' }

export async function seedClasses(db: Db, now: Date = new Date()): Promise<{ written: number }> {
  const { id, index } = seedScope(db)
  const termId = id(DEMO_TERM_ID)
  if (await getById(db, 'class_terms', termId)) return { written: 0 }
  let written = 0
  const today = shanghaiDate(now)
  const guardianId = id('demo-guardian')
  const tutorId = id('demo-volunteer')
  const children = (await db.collection('children').where({ guardianUserId: guardianId }).orderBy('_id', 'asc').get())
    .data as ChildRecord[]
  // The parents: the guardian persona and their spouse (demo-community.ts).
  const guardian = await getById<UserRecord>(db, 'users', guardianId)
  const spouse = (
    guardian?.householdId
      ? (await db.collection('members').where({ householdId: guardian.householdId, relation: '配偶' }).limit(1).get())
          .data
      : []
  )[0] as MemberRecord | undefined
  const adults: PickupAdult[] = [
    { adultId: 'a1', name: guardian?.name ?? '父亲', relation: '父亲', code: demoPickupCodes.father },
    { adultId: 'a2', name: spouse?.name ?? '母亲', relation: '母亲', code: demoPickupCodes.mother }
  ]
  for (const c of children) {
    if (c.pickupAdults) continue
    await db
      .collection('children')
      .doc(c._id)
      .update({
        pickupAdults: db.command.set(adults),
        emergencyContacts: db.command.set([{ name: adults[1].name, relation: '母亲', phone: demoPhone(index, 9001) }]),
        allergies: '',
        notes: ''
      })
  }
  // The elder child (born 2017) goes to the class; the younger one is for a guardian to enrol.
  const elder = [...children].sort((a, b) => a.grade.localeCompare(b.grade, 'zh')).reverse()[0] ?? null

  const startDate = addDays(today, -14)
  const endDate = addDays(today, 60)
  const term: TermRecord = {
    _id: termId,
    kind: 'class',
    title: '四点半课堂（本学期）',
    room: '社区活动中心二楼',
    startDate,
    endDate,
    weekdays: [1, 2, 3, 4, 5],
    startTime: '16:30',
    endTime: '18:00',
    capacity: 30,
    seatsLeft: elder ? 29 : 30,
    waitSeq: 0,
    waiting: 0,
    seatHolders: elder ? [`${termId}:${elder._id}`] : [],
    waiters: [],
    grades: [],
    enrolOpensAt: shanghaiInstant(addDays(today, -30), '08:00'),
    enrolClosesAt: shanghaiInstant(endDate, '16:30'),
    minTutors: 2,
    offerHours: 12,
    sessionCount: 0,
    createdBy: id('demo-staff'),
    createdAt: now
  }
  const sessions = planSessions(term, [])
  term.sessionCount = sessions.length
  // demo-volunteer tutors the sessions of the past two weeks and the next two.
  for (const s of sessions) if (s.date >= startDate && s.date <= addDays(today, 14)) s.tutorIds = [tutorId]
  for (let i = 0; i < sessions.length; i += 200) await db.collection('class_sessions').add(sessions.slice(i, i + 200))
  written += sessions.length

  if (elder) {
    const e: EnrolmentRecord = {
      _id: `${termId}:${elder._id}`,
      termId,
      childId: elder._id,
      childName: elder.name,
      guardianUserId: guardianId,
      householdId: elder.householdId,
      status: 'enrolled',
      waitSeq: null,
      offerExpiresAt: null,
      requestedAt: now,
      updatedAt: now
    }
    if (await insertIfAbsent(db, 'class_enrolments', { ...e })) written++
    for (const s of sessions.filter(x => x.date < today)) {
      const a: AttendanceRecord = {
        _id: `${s._id}:${elder._id}`,
        sessionId: s._id,
        termId,
        childId: elder._id,
        childName: elder.name,
        guardianUserId: guardianId,
        status: 'present',
        reportedByGuardian: false,
        note: null,
        markedBy: tutorId,
        markedAt: s.startsAt,
        sessionEndsAt: s.endsAt,
        pickup: {
          adultId: 'a2',
          name: adults[1].name,
          relation: '母亲',
          at: new Date(s.endsAt.getTime() + 5 * 60_000),
          confirmedBy: tutorId
        },
        overdueAlertedAt: null
      }
      if (await insertIfAbsent(db, 'class_attendance', { ...a })) written++
    }
  }

  const lectureDay = addDays(today, 7)
  const lecture: TermRecord = {
    _id: id(DEMO_LECTURE_ID),
    kind: 'lecture',
    title: '家长学校：如何陪孩子写作业',
    room: '社区会议室',
    startDate: lectureDay,
    endDate: lectureDay,
    weekdays: [1, 2, 3, 4, 5, 6, 7],
    startTime: '19:00',
    endTime: '20:30',
    capacity: 40,
    seatsLeft: 40,
    waitSeq: 0,
    waiting: 0,
    seatHolders: [],
    waiters: [],
    grades: [],
    enrolOpensAt: now,
    enrolClosesAt: shanghaiInstant(lectureDay, '19:00'),
    minTutors: 0,
    offerHours: 12,
    sessionCount: 1,
    createdBy: id('demo-staff'),
    createdAt: new Date(now.getTime() - 1000)
  }
  if (await insertIfAbsent(db, 'class_terms', { ...lecture })) {
    await db.collection('class_sessions').add(planSessions(lecture, []))
    written += 2
  }
  // The term last: its presence marks the seed as done, so an interrupted run repeats.
  if (await insertIfAbsent(db, 'class_terms', { ...term })) written++
  return { written }
}
