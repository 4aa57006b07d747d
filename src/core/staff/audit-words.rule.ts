/**
 * The audit log in words: every audited action code (`classes.hand-over`) and target collection
 * (`class_attendance/…`) as the Chinese a staff member reads. One table, read by the audit page
 * and by the server's category filter, so a code never reaches the screen.
 */

/** Action categories: the context prefix of an action code. */
export const auditCategories = {
  classes: '四点半课堂',
  community: '社区与住户',
  'elder-care': '居家养老',
  'service-card': '便民服务',
  notifications: '消息通知',
  staff: '工作台与权限',
  volunteers: '志愿服务'
} as const
export type AuditCategory = keyof typeof auditCategories
export const auditCategoryKeys = Object.keys(auditCategories) as AuditCategory[]

/** Every action code written by `audit.record`, in words. Dynamic ones are listed expanded. */
export const auditActionWords: Record<string, string> = {
  'classes.accept-co-guardian': '接受共同监护邀请',
  'classes.accept-offer': '接受候补名额',
  'classes.add-pickup-adult': '添加接送人',
  'classes.book-session': '预约单次课堂',
  'classes.book-session-undone': '单次课堂预约未成，已撤回',
  'classes.cancel-booking': '取消课堂预约',
  'classes.cancel-enrolment': '取消报名',
  'classes.cancel-session': '取消一次课堂',
  'classes.create-term': '创建学期',
  'classes.drop-in-returned': '退回无人占用的单次课名额',
  'classes.enrol': '报名课堂',
  'classes.export-csv': '导出课堂名单',
  'classes.hand-over': '接送交接',
  'classes.invite-co-guardian': '邀请共同监护人',
  'classes.mark-attendance': '课堂签到',
  'classes.not-collected': '孩子无人接',
  'classes.offer-lapsed': '候补名额过期',
  'classes.offer-seat': '发出候补名额',
  'classes.pickup-refused': '拒绝交给非接送人',
  'classes.read-child': '查看孩子资料',
  'classes.register-child': '登记孩子',
  'classes.remove-co-guardian': '移除共同监护人',
  'classes.remove-pickup-adult': '移除接送人',
  'classes.report-absence': '请假',
  'classes.tutor-assign': '安排辅导老师',
  'classes.tutor-sign-up': '辅导老师报名',
  'classes.tutor-withdraw': '辅导老师退出',
  'community.add': '街道新增社区',
  'community.bind-household': '绑定住户',
  'community.edit-member': '修改家庭成员',
  'community.issue-bind-code': '生成绑定码',
  'community.remove-duty': '删除值班安排',
  'community.reveal-phone': '查看完整电话',
  'community.save-duty': '保存值班安排',
  'community.seed-demo': '写入演示数据',
  'community.set-hall-day': '设置大厅单日时间',
  'community.set-hall-week': '设置大厅每周时间',
  'community.set-head': '设置户主',
  'community.set-hotlines': '修改服务热线',
  'community.staff-bind': '工作人员代为绑定住户',
  'elder-care.create-elder': '建立老人档案',
  'elder-care.link-proxy': '关联家属代办',
  'elder-care.patrol-overdue': '巡访逾期',
  'elder-care.patrol-plan': '制定巡访计划',
  'elder-care.patrol-visit': '记录巡访',
  'elder-care.read-elder': '查看老人档案',
  'elder-care.read-request': '查看服务申请',
  'elder-care.read-sos': '查看紧急呼叫',
  'elder-care.read-street-sos': '街道查看各社区紧急呼叫',
  'elder-care.save-menu': '保存助餐菜单',
  'elder-care.save-service-type': '保存服务项目',
  'elder-care.sos-ack': '响应紧急呼叫',
  'elder-care.sos-cancel': '取消紧急呼叫',
  'elder-care.sos-escalate': '紧急呼叫升级',
  'elder-care.sos-press': '发起紧急呼叫',
  'elder-care.sos-resolve': '紧急呼叫处理完毕',
  'elder-care.standing-order': '设置长期订餐',
  'elder-care.submit-request': '提交养老服务申请',
  'elder-care.timeout': '服务接单超时',
  'elder-care.triage': '受理养老服务申请',
  'elder-care.assign': '派单',
  'elder-care.accept': '接单',
  'elder-care.decline': '拒绝派单',
  'elder-care.check-in': '上门签到',
  'elder-care.check-out': '上门服务完成',
  'elder-care.rate': '评价养老服务',
  'elder-care.follow-up': '服务回访',
  'elder-care.reopen': '重新打开服务申请',
  'elder-care.cancel': '取消养老服务申请',
  'elder-care.unlink-proxy': '解除家属代办',
  'elder-care.update-elder': '修改老人档案',
  'notifications.broadcast': '发布社区通知',
  'notifications.follow-up-done': '完成电话回访',
  'notifications.set-prefs': '修改消息设置',
  'service-card.book': '预约办事',
  'service-card.cancel-booking': '取消办事预约',
  'service-card.cancel-slot': '取消可预约时段',
  'service-card.check-in': '办事签到',
  'service-card.create-item': '新建服务事项',
  'service-card.eligibility-approve': '通过上门/代办资格申请',
  'service-card.eligibility-ask': '申请上门/代办资格',
  'service-card.eligibility-decline': '不通过上门/代办资格申请',
  'service-card.item-edited': '修改服务事项',
  'service-card.item-retired': '停用服务事项',
  'service-card.item-restored': '恢复服务事项',
  'service-card.item-reordered': '调整服务事项顺序',
  'service-card.item-verified': '核对服务事项',
  'service-card.nag-stale': '提醒久未处理的申请',
  'service-card.no-show': '预约未到',
  'service-card.publish-slot': '发布可预约时段',
  'service-card.request-accept': '受理代办申请',
  'service-card.request-start': '开始办理',
  'service-card.request-ask_materials': '要求补充材料',
  'service-card.request-supply_materials': '补充材料',
  'service-card.request-finish': '办结',
  'service-card.request-cancel': '取消代办申请',
  'service-card.request-rate': '评价代办服务',
  'service-card.request-overdue': '代办申请逾期',
  'service-card.set-tags': '设置居民标签',
  'service-card.submit-request': '提交代办申请',
  'staff.answer-survey': '填写满意度调查',
  'staff.confirm-erasure': '确认删除个人信息',
  'staff.create-invite': '生成邀请码',
  'staff.export-done': '台账导出完成',
  'staff.export-my-data': '导出本人数据',
  'staff.grant-role': '授予角色',
  'staff.publish-survey': '发布满意度调查',
  'staff.redeem-invite': '凭邀请码加入',
  'staff.remove-old-exports': '清理过期导出文件',
  'staff.request-erasure': '申请删除个人信息',
  'staff.revoke-role': '撤销角色',
  'staff.start-export': '开始导出台账',
  'volunteers.approve': '通过志愿者申请',
  'volunteers.reject': '驳回志愿者申请',
  'volunteers.cancel-task': '取消志愿任务',
  'volunteers.check-in': '志愿签到',
  'volunteers.check-out': '志愿签退',
  'volunteers.claim': '报名志愿任务',
  'volunteers.claim-post': '认领服务岗',
  'volunteers.create-post': '新建服务岗',
  'volunteers.create-series': '新建系列任务',
  'volunteers.create-team': '新建志愿队伍',
  'volunteers.export-employer': '导出单位志愿时长',
  'volunteers.export-member': '导出志愿者时长',
  'volunteers.forget-marks': '清除签到标记',
  'volunteers.issue-certificate': '开具志愿证明',
  'volunteers.no-show': '志愿者未到',
  'volunteers.organiser-check-in': '组织者代为签到',
  'volunteers.organiser-check-out': '组织者代为签退',
  'volunteers.publish-task': '发布志愿任务',
  'volunteers.quarter-check': '季度时长核对',
  'volunteers.read-applications': '查看志愿者申请',
  'volunteers.read-marks': '查看签到标记',
  'volunteers.register': '注册志愿者',
  'volunteers.release-post': '释放服务岗',
  'volunteers.seek-substitute': '找人替班',
  'volunteers.take-over': '接替任务',
  'volunteers.take-over-undone': '替班未完成，班次退回原志愿者',
  'volunteers.withdraw': '退出志愿任务'
}

/** Which records an audit target points at, as a staff member names them. */
export const auditTargetWords: Record<string, string> = {
  broadcasts: '社区通知',
  care_requests: '养老服务申请',
  care_service_types: '养老服务项目',
  children: '孩子资料',
  communities: '社区',
  class_attendance: '课堂签到记录',
  class_bookings: '课堂预约',
  class_enrolments: '课堂报名',
  class_sessions: '课堂',
  class_terms: '学期',
  duty_roster: '值班安排',
  elder_proxies: '家属代办关系',
  elders: '老人档案',
  eligibility_requests: '上门/代办资格申请',
  follow_ups: '电话回访',
  hall_bookings: '办事预约',
  hall_slots: '可预约时段',
  households: '住户',
  meal_menus: '助餐菜单',
  meal_orders: '订餐',
  meal_standing: '长期订餐',
  members: '家庭成员',
  notify_prefs: '消息设置',
  patrol_plans: '巡访计划',
  resident_tags: '居民标签',
  service_items: '服务事项',
  service_requests: '代办申请',
  settings: '社区设置',
  sos_calls: '紧急呼叫',
  staff_erasures: '删除申请',
  staff_exports: '台账导出',
  staff_invites: '邀请码',
  staff_survey_answers: '满意度调查答卷',
  staff_surveys: '满意度调查',
  users: '账号',
  vol_attendance: '志愿签到记录',
  vol_certificates: '志愿证明',
  vol_claims: '志愿任务报名',
  vol_post_claims: '服务岗认领',
  vol_posts: '服务岗',
  vol_series: '系列任务',
  vol_tasks: '志愿任务',
  vol_teams: '志愿队伍',
  volunteers: '志愿者'
}

export const categoryOf = (action: string): AuditCategory | null => {
  const prefix = action.split('.')[0]
  return prefix in auditCategories ? (prefix as AuditCategory) : null
}

/** An action in words; one not in the table still reads as its category, never as code. */
export function auditActionText(action: string): string {
  const words = auditActionWords[action]
  if (words) return words
  const category = categoryOf(action)
  return category ? `${auditCategories[category]}操作` : '其他操作'
}

/** The action codes of one category, for the server's filter. */
export const actionsOfCategory = (category: AuditCategory): string[] =>
  Object.keys(auditActionWords).filter(a => categoryOf(a) === category)

/** A target in words: the kind of record, and whom it is about when known ("账号 · 王秀兰"). */
export function auditTargetText(target: string, about?: string | null): string {
  const collection = target.split('/')[0]
  const noun = auditTargetWords[collection] ?? '记录'
  return about ? `${noun} · ${about}` : noun
}
