/**
 * The volunteers context's stored records. `volunteers` is shared with the demo seed (minimal
 * records there); this context adds the profile fields. Everything else lives in `vol_*`
 * collections. Deterministic `_id`s where a rule needs uniqueness (see each record).
 */

export const partyTypes = ['在职', '直管', '流动', '退休'] as const
export type PartyType = (typeof partyTypes)[number]

export const volunteerStatuses = ['pending', 'approved', 'rejected'] as const
export type VolunteerStatus = (typeof volunteerStatuses)[number]

export interface PartyInfo {
  /** 在职/直管/流动/退休 党员 */
  type: PartyType
  /** The employer's party organisation (双报到: the record is fed back to it). */
  employerOrg: string | null
}

/**
 * `volunteers/vol-<memberId>` (or `vol-u-<openId>` for a user with no member record): the person's one record for the
 * whole street (issue 20), whichever communities they serve in.
 */
export interface VolunteerRecord {
  _id: string
  /**
   * The home community (where they live, registered and were approved), as data: the record is street-wide. Its staff
   * review the registration; its 双报到 posts and quarterly quota apply. Absent: a record from before the street, of
   * the first community (DEFAULT_COMMUNITY_ID).
   */
  communityId?: string
  memberId: string | null
  userId: string | null
  householdId: string | null
  gridId: string | null
  name: string
  partyMember: boolean
  since: Date
  /** Seeded records have no status: they count as approved. */
  status?: VolunteerStatus
  phone?: string | null
  skills?: string[]
  /** Free words the volunteer chose: 工作日晚上, 周末上午… */
  availability?: string[]
  teamIds?: string[]
  party?: PartyInfo | null
  appliedAt?: Date
  reviewedAt?: Date | null
  reviewedBy?: string | null
  reviewNote?: string | null
  /** Short number printed on certificates (志愿者编号). */
  number?: string
}

export interface TeamRecord {
  _id: string
  name: string
  intro: string
  /** `users._id` of the team leader, who may publish tasks for the team. */
  leaderUserId: string | null
  order: number
}

export interface TaskRole {
  key: string
  name: string
  slots: number
  skills: string[]
}

export const taskStatuses = ['open', 'cancelled'] as const
export type TaskStatus = (typeof taskStatuses)[number]

/** `vol_tasks`: an activity with a time, a place and slots per role. */
export interface TaskRecord {
  _id: string
  title: string
  teamId: string | null
  place: string
  detail: string
  startAt: Date
  endAt: Date
  roles: TaskRole[]
  /**
   * Free slots per role key. Claiming is ONE conditional update on this counter
   * (`where({_id, 'slotsLeft.<key>': gt(0)}).update({inc(-1)})`), never read-check-write.
   */
  slotsLeft: Record<string, number>
  /**
   * Per role key, who holds its taken slots (a claim's `slotHolder`), kept in the counter's own
   * conditional updates (server/db/seats.ts): a retry takes no second slot, and the no-show
   * timer gives back a slot nobody holds. Absent on tasks made before it existed.
   */
  slotHolders?: Record<string, string[]>
  /** Withdrawals later than this many hours before the start are recorded (迟退). */
  withdrawCutoffHours: number
  organiserUserId: string
  status: TaskStatus
  /** Why and when the organiser called it off (status 'cancelled'). */
  cancelReason?: string
  cancelledAt?: Date
  /** Set on tasks generated from a weekly roster. */
  seriesId: string | null
  createdAt: Date
}

/** `vol_series`: a weekly roster (每周固定排班); tasks are generated from it weeks ahead. */
export interface SeriesRecord {
  _id: string
  title: string
  teamId: string | null
  place: string
  detail: string
  /** 1 = Monday … 7 = Sunday, in Beijing time. */
  weekday: number
  /** 'HH:mm' Beijing time. */
  startTime: string
  endTime: string
  roles: TaskRole[]
  withdrawCutoffHours: number
  organiserUserId: string
  weeksAhead: number
  active: boolean
  createdAt: Date
}

/** `pending`: between recording the claim and holding its time and slot (a retry or the no-show timer finishes it). */
export const claimStatuses = ['pending', 'claimed', 'seeking_substitute', 'withdrawn', 'handed_over'] as const
export type ClaimStatus = (typeof claimStatuses)[number]

/** `vol_claims/<taskId>:<volunteerId>`: the deterministic _id makes a second claim impossible. */
export interface ClaimRecord {
  _id: string
  /** The task's community, stamped by the community's view of the database (read back on the person's own list). */
  communityId?: string
  taskId: string
  volunteerId: string
  userId: string
  roleKey: string
  status: ClaimStatus
  claimedAt: Date
  withdrawnAt: Date | null
  /** Who took over a 'handed_over' claim. */
  substituteVolunteerId: string | null
  /**
   * Under which id the task lists this claim's slot: its own `_id`, or the taken-over claim's (a substitute keeps that
   * slot).
   */
  slotHolder?: string
  /**
   * 'handed_over' but the substitute's claim not yet written and told (takeOver): a retry or the no-show timer finishes
   * or undoes it.
   */
  handingOver?: boolean
  startAt: Date
  endAt: Date
  title: string
  /** The requestId of the claim that created or last revived it: its retry is answered, not refused. */
  requestId?: string | null
}

/** One held time range in a person's ledger. */
export interface Hold {
  claimId: string
  /** The claim's community (the ledger is street-wide); absent: the first community's, from before the street. */
  communityId?: string
  taskId: string
  startAt: Date
  endAt: Date
  /** When the hold was taken: a hold whose claim never got written (a crash in between) is dropped after a while. */
  at?: Date
}

/**
 * `vol_ledgers/<volunteerId>`: the time ranges a person holds. Changed only by a conditional
 * update on `version`, so two concurrent claims by one person can't both pass the overlap check.
 */
export interface LedgerRecord {
  _id: string
  version: number
  holds: Hold[]
}

export const markKinds = ['late_withdrawal', 'no_show'] as const
export type MarkKind = (typeof markKinds)[number]

/** `vol_marks`: late withdrawals and no-shows; staff only; removed after 6 months by a timer. */
export interface MarkRecord {
  _id: string
  volunteerId: string
  name: string
  kind: MarkKind
  taskId: string
  title: string
  at: Date
}

export const attendanceStatuses = ['checked_in', 'checked_out', 'verified', 'rejected'] as const
export type AttendanceStatus = (typeof attendanceStatuses)[number]

/**
 * `vol_attendance/<claimId>`: one per claim. The only source of hours: volunteer totals, team
 * totals and a party member's service record are all read from verified records here, so an
 * hour can't be counted twice.
 */
export interface AttendanceRecord {
  _id: string
  /** The task's community, stamped by the community's view of the database (read back on the one record). */
  communityId?: string
  taskId: string
  volunteerId: string
  userId: string
  teamId: string | null
  partyMember: boolean
  title: string
  place: string
  startAt: Date
  checkInAt: Date
  checkOutAt: Date | null
  checkInBy: 'qr' | 'organiser'
  checkOutBy: 'qr' | 'organiser' | null
  minutes: number
  hours: number
  status: AttendanceStatus
  verifiedBy: string | null
  verifiedAt: Date | null
}

export const postCategories = [
  '政策宣传',
  '环境整治',
  '治安维护',
  '邻里互助',
  '文明劝导',
  '关爱老幼',
  '法律服务',
  '文化活动',
  '卫生健康',
  '矛盾调解'
] as const
export type PostCategory = (typeof postCategories)[number]

/** `vol_posts`: a service post (服务岗位) party members claim (设岗定责). */
export interface PostRecord {
  _id: string
  category: PostCategory
  name: string
  duty: string
  order: number
}

/** `vol_post_claims/<postId>:<volunteerId>` */
export interface PostClaimRecord {
  _id: string
  postId: string
  volunteerId: string
  userId: string | null
  claimedAt: Date
  active: boolean
}

/** `vol_certificates/<serial>`: an issued 志愿服务记录证明 (民政部令第67号). */
export interface CertificateRecord {
  _id: string
  serial: string
  /** The holder's home community (the certificates are street-wide): its staff may open it. Absent: the first. */
  communityId?: string
  volunteerId: string
  userId: string
  name: string
  volunteerNumber: string
  phoneMasked: string | null
  /**
   * Service items: date, content, hours (verified records only), and the community served (issue 20: one certificate
   * for service anywhere in the street; absent on certificates from before).
   */
  items: Array<{ date: string; content: string; hours: number; community?: string }>
  totalHours: number
  from: string | null
  to: string | null
  issuer: string
  issuedAt: Date
}
