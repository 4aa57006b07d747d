/**
 * Where Linli keeps personal data (PIPL: 查阅、复制、删除), one line per collection and field.
 * "My data" reads every line; a confirmed deletion applies each line's `erase` rule. A context
 * that stores something about a person adds its lines here (nothing else to change); a line whose
 * collection doesn't exist in this environment is skipped.
 *
 * erase:
 *   'delete'        the documents go
 *   { anonymise }   the documents stay (the community must keep them: verified volunteer hours,
 *                   household registers) with these fields overwritten
 *   'pull'          the identifier is taken out of the (array) field; the documents stay (a
 *                   co-guardian leaves the child's record, which is the family's)
 *   'keep'          kept unchanged, with the reason shown to the resident (audit entries: the log
 *                   is append-only and kept for accountability; once the account is gone the
 *                   OPENID in it no longer leads to a name)
 */
export type Identifier = 'openId' | 'memberId' | 'householdId'

export interface PersonalDataLine {
  collection: string
  /** The field holding the identifier (`_id` when the document is keyed by it). */
  field: string
  holds: Identifier
  /** What the resident sees this as. */
  label: string
  erase: 'delete' | 'keep' | 'pull' | { anonymise: Record<string, unknown> }
  /** Why it is kept or anonymised rather than deleted. */
  why?: string
  /**
   * Fields holding cloud storage fileIDs (photos, photo-store.ports.ts): on 'delete' the files are deleted from
   * storage before their documents (a stop in between leaves the documents, and the next run deletes again).
   */
  files?: string[]
}

export const ERASED_NAME = '已注销用户'

export const personalData: PersonalDataLine[] = [
  // community
  { collection: 'users', field: '_id', holds: 'openId', label: '账号信息', erase: 'delete' },
  {
    collection: 'members',
    field: '_id',
    holds: 'memberId',
    label: '居民登记信息',
    erase: { anonymise: { name: ERASED_NAME, phone: null } },
    why: '户籍登记按规定保留，姓名与电话已清除'
  },
  {
    collection: 'households',
    field: '_id',
    holds: 'householdId',
    label: '住户信息',
    erase: 'keep',
    why: '住户信息属于全家，不随个人删除'
  },
  {
    collection: 'members',
    field: 'householdId',
    holds: 'householdId',
    label: '家庭成员',
    erase: 'keep',
    why: '其他家庭成员的信息不随个人删除'
  },
  { collection: 'children', field: 'guardianUserId', holds: 'openId', label: '登记的孩子', erase: 'delete' },
  { collection: 'consents', field: 'guardianUserId', holds: 'openId', label: '监护人同意书', erase: 'delete' },
  { collection: 'elders', field: 'memberId', holds: 'memberId', label: '老人档案', erase: 'delete' },
  {
    // The same fields as the OPENID line below: a seeded registration has both ids, and this line
    // runs first (it nulls userId, so the other line then finds nothing).
    collection: 'volunteers',
    field: 'memberId',
    holds: 'memberId',
    label: '志愿者档案',
    erase: { anonymise: { name: ERASED_NAME, userId: null, phone: null, skills: [], availability: [], party: null } },
    why: '已认证的志愿服务时长须保留，个人信息已清除'
  },
  // notifications
  // an inbox item carries its subscribe message (push) until the minute job queues it in deliveries
  { collection: 'inbox', field: 'to', holds: 'openId', label: '消息', erase: 'delete' },
  { collection: 'deliveries', field: 'to', holds: 'openId', label: '订阅消息发送记录', erase: 'delete' },
  { collection: 'grants', field: 'openId', holds: 'openId', label: '订阅消息授权', erase: 'delete' },
  { collection: 'notify_prefs', field: '_id', holds: 'openId', label: '消息设置', erase: 'delete' },
  {
    collection: 'follow_ups',
    field: 'openId',
    holds: 'openId',
    label: '电话回访记录',
    erase: { anonymise: { name: ERASED_NAME, phone: null } },
    why: '回访工作记录须保留，姓名与电话已清除'
  },
  // service-card
  {
    collection: 'service_requests',
    field: 'residentId',
    holds: 'openId',
    label: '便民服务诉求',
    erase: { anonymise: { residentName: ERASED_NAME, note: '' } },
    why: '办事台账须保留，姓名与留言已清除'
  },
  {
    collection: 'hall_bookings',
    field: 'residentId',
    holds: 'openId',
    label: '大厅预约',
    erase: { anonymise: { residentName: ERASED_NAME } },
    why: '预约记录须保留，姓名已清除'
  },
  { collection: 'booking_locks', field: 'residentId', holds: 'openId', label: '预约占用时段', erase: 'delete' },
  { collection: 'resident_tags', field: '_id', holds: 'openId', label: '服务标签', erase: 'delete' },
  { collection: 'eligibility_requests', field: '_id', holds: 'openId', label: '上门/代办资格申请', erase: 'delete' },
  // elder-care
  { collection: 'elder_proxies', field: 'userId', holds: 'openId', label: '代老人办理授权', erase: 'delete' },
  {
    collection: 'care_requests',
    field: 'createdBy',
    holds: 'openId',
    label: '提交的养老服务需求',
    erase: { anonymise: { note: '' } },
    why: '服务记录须保留，留言已清除'
  },
  // grid (网格): a resident's own reports go with their photos; the ones they only follow keep going without them
  {
    collection: 'grid_reports',
    field: 'reporterUserId',
    holds: 'openId',
    label: '提交的随手拍报告（含照片）',
    erase: 'delete',
    files: ['photos', 'afterPhotos']
  },
  {
    collection: 'grid_reports',
    field: 'followerUserIds',
    holds: 'openId',
    label: '关注的报告（我也遇到）',
    erase: 'pull',
    why: '报告属于报告人，您的关注已解除'
  },
  {
    collection: 'grid_reports',
    field: 'ownerUserId',
    holds: 'openId',
    label: '作为工作人员负责的报告',
    erase: 'keep',
    why: '报告的处理台账须保留（首问负责）；账号删除后，记录不再能对应到您的姓名'
  },
  // classes
  {
    collection: 'class_enrolments',
    field: 'guardianUserId',
    holds: 'openId',
    label: '课堂报名',
    erase: { anonymise: { childName: ERASED_NAME } },
    why: '课堂名册须保留，孩子姓名已清除'
  },
  {
    collection: 'children',
    field: 'coGuardianUserIds',
    holds: 'openId',
    label: '共同管理的孩子',
    erase: 'pull',
    why: '孩子的登记属于邀请您的家人，您的共同监护人身份已解除'
  },
  { collection: 'guardian_invites', field: 'invitedBy', holds: 'openId', label: '发出的共同监护邀请', erase: 'delete' },
  {
    collection: 'guardian_invites',
    field: 'acceptedBy',
    holds: 'openId',
    label: '接受的共同监护邀请',
    erase: 'delete'
  },
  { collection: 'guardian_invite_attempts', field: '_id', holds: 'openId', label: '邀请码输入次数', erase: 'delete' },
  {
    collection: 'class_bookings',
    field: 'guardianUserId',
    holds: 'openId',
    label: '课堂单次报名',
    erase: { anonymise: { childName: ERASED_NAME } },
    why: '课堂名册须保留，孩子姓名已清除'
  },
  {
    collection: 'class_attendance',
    field: 'markedBy',
    holds: 'openId',
    label: '作为辅导老师记录的考勤',
    erase: 'keep',
    why: '孩子的考勤台账须保留；账号删除后，记录不再能对应到您的姓名'
  },
  {
    collection: 'class_attendance',
    field: 'pickup.confirmedBy',
    holds: 'openId',
    label: '作为辅导老师确认的接送',
    erase: 'keep',
    why: '孩子的接送台账须保留；账号删除后，记录不再能对应到您的姓名'
  },
  {
    collection: 'class_sessions',
    field: 'tutorIds',
    holds: 'openId',
    label: '担任辅导老师的课次',
    erase: 'pull',
    why: '课次属于课堂，您的辅导老师安排已解除'
  },
  {
    collection: 'class_attendance',
    field: 'guardianUserId',
    holds: 'openId',
    label: '课堂考勤与接送',
    erase: { anonymise: { childName: ERASED_NAME, pickup: null, note: null } },
    why: '考勤台账须保留，姓名与接送人已清除'
  },
  // volunteers (a registration made in the app carries the OPENID; seeded ones only the memberId above)
  {
    collection: 'volunteers',
    field: 'userId',
    holds: 'openId',
    label: '志愿者登记（电话、技能、党员报到信息）',
    erase: { anonymise: { name: ERASED_NAME, userId: null, phone: null, skills: [], availability: [], party: null } },
    why: '已认证的志愿服务时长须保留，个人信息已清除'
  },
  {
    collection: 'vol_teams',
    field: 'leaderUserId',
    holds: 'openId',
    label: '担任队长的志愿服务队',
    erase: { anonymise: { leaderUserId: null } },
    why: '服务队属于社区，您的队长身份已解除'
  },
  // vol_marks (late withdrawals, no-shows) are keyed by volunteer number and forgotten after 6 months by a timer.
  {
    collection: 'vol_claims',
    field: 'userId',
    holds: 'openId',
    label: '志愿任务认领',
    erase: 'keep',
    why: '任务名额记录须保留'
  },
  {
    collection: 'vol_attendance',
    field: 'userId',
    holds: 'openId',
    label: '志愿服务签到与时长',
    erase: 'keep',
    why: '已认证的志愿服务时长须保留'
  },
  { collection: 'vol_post_claims', field: 'userId', holds: 'openId', label: '认领的服务岗位', erase: 'delete' },
  {
    collection: 'vol_certificates',
    field: 'userId',
    holds: 'openId',
    label: '志愿服务证明',
    erase: { anonymise: { name: ERASED_NAME, phoneMasked: null } },
    why: '证明编号须可查验，姓名与电话已清除'
  },
  // staff
  {
    collection: 'staff_survey_answers',
    field: 'openId',
    holds: 'openId',
    label: '满意度调查答卷',
    erase: { anonymise: { openId: null, comment: '' } },
    why: '统计结果保留，答卷不再关联到您'
  },
  {
    collection: 'audit',
    field: 'actor',
    holds: 'openId',
    label: '操作记录',
    erase: 'keep',
    why: '审计日志只增不改，依规保留'
  },
  // cross-cutting: the answers kept a day so a retried tap gets the first answer (src/server/idempotency.ts)
  { collection: 'idempotency', field: 'openId', holds: 'openId', label: '防重复提交记录（保留一天）', erase: 'delete' }
]
