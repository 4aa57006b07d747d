/** The Chinese a resident sees for each of the `classes` context's failure codes (classes.contract.ts). */
import type { ClassesCode } from './classes.contract'

export const classMessages = {
  NOT_FOUND: '没有找到相关记录',
  TERM_NOT_OPEN: '现在不在报名时间内',
  GRADE_NOT_ELIGIBLE: '孩子的年级不在本期招收范围内',
  ALREADY_ENROLLED: '孩子已经报名或在候补中，不用重复报名',
  NOT_ENROLLED: '孩子没有报名这一期',
  NO_OFFER: '没有待确认的名额，可能已过期',
  OFFER_EXPIRED: '名额确认已过期，已让给下一位',
  SESSION_CANCELLED: '这一次课已取消',
  SESSION_STARTED: '课已经开始，不能再请假，请直接联系老师',
  NOT_TUTOR_TODAY: '您不是这次课的辅导老师',
  PICKUP_REFUSED: '接送码不对，此人不在孩子的授权接送名单上，不能接走孩子',
  ALREADY_PICKED_UP: '孩子已经被接走了',
  NOT_PRESENT: '孩子今天没有签到，不能办理接送',
  TOO_MANY_ADULTS: '授权接送人最多 5 位',
  NOT_A_TUTOR: '这位还不是登记的辅导老师',
  PICKUP_LIST_BUSY: '家人正在同时修改接送名单，请稍后再试',
  NO_DROP_IN: '这一期不接受单次报名',
  SESSION_FULL: '这次课的单次名额已满',
  INVITE_INVALID: '邀请码不对或已过期，请让家人重新生成',
  ALREADY_GUARDIAN: '您已经是这个孩子的监护人了',
  TOO_MANY_GUARDIANS: '每个孩子最多邀请 3 位共同监护人',
  TOO_MANY_ATTEMPTS: '邀请码输入次数太多，请一小时后再试',
  CONFLICT: '操作冲突，请刷新后重试'
} as const satisfies Partial<Record<ClassesCode, string>>
