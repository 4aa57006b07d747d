/** The volunteers context's failure codes and the Chinese a resident sees. */
import { fail, type Result } from '../shared/wire'
import { contentRejected } from '../notifications/content-check.ports'

export const volunteersErrors = {
  NOT_FOUND: '没有找到相关记录',
  FORBIDDEN: '您没有权限进行此操作',
  ALREADY_REGISTERED: '您已经提交过志愿者登记',
  NOT_APPROVED: '您的志愿者登记还未通过审核',
  ALREADY_REVIEWED: '这份登记已经审核过了',
  TEAM_UNKNOWN: '所选队伍不存在',
  TASK_CLOSED: '该活动已取消或已开始，不能再报名',
  TASK_FULL: '该岗位名额已满',
  TASK_ENDED: '活动已经结束，不能再取消',
  ROLE_UNKNOWN: '该活动没有这个岗位',
  SKILL_MISSING: '该岗位需要相应技能',
  ALREADY_CLAIMED: '您已经报名了这个活动',
  TIME_CONFLICT: '这个时间您已报名了其他活动',
  BUSY: '报名的人太多了，请稍后再试',
  NOT_CLAIMED: '您没有报名这个活动',
  NO_SUBSTITUTE_NEEDED: '这个班次已经有人替班或不需要替班',
  CODE_INVALID: '签到码不正确或已过期，请扫描现场最新的二维码',
  NOT_CHECKED_IN: '还没有签到',
  ALREADY_CHECKED: '已经签到过了',
  ALREADY_ATTENDED: '您已签到，不能再取消报名或找人替班；有事请当面告诉组织者',
  TOO_EARLY: '活动开始前1小时才能签到',
  NOT_ENDED: '还没有签退，不能核实',
  ALREADY_VERIFIED: '这条记录已经核实过了',
  NO_HOURS: '还没有核实过的服务时长，暂时不能开具证明',
  NOT_PARTY_MEMBER: '服务岗位由党员认领',
  HOME_COMMUNITY_ONLY: '志愿者登记和党员服务岗位在您居住的社区办理，请回到本人社区再试',
  CONTENT_REJECTED: contentRejected
} as const
export type VolunteersErrorCode = keyof typeof volunteersErrors

/**
 * A failure with its stable code and its Chinese; typed by the code, so a use case answers only its contract's codes.
 */
export const failWith = <C extends VolunteersErrorCode>(code: C, details?: unknown): Result<never, C> =>
  fail(code, volunteersErrors[code], details)
