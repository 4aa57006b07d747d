/** The Chinese messages of the service-card context's failure codes (the codes: service-card.contract.ts). */
import { contentRejected } from '../notifications/content-check.ports'
import type { ServiceCardCode } from './service-card.contract'

export const serviceCardMessages = {
  NOT_FOUND: '没有找到这项内容，可能已被删除',
  FORBIDDEN: '您没有权限进行此操作',
  CONFLICT: '内容已被他人修改，请刷新后再试',
  CATEGORY_NOT_FOUND: '服务类别不存在',
  OWNER_NOT_STAFF: '负责人须为社区工作人员',
  ITEM_RETIRED: '该服务事项已停办',
  MODE_NOT_OFFERED: '该事项不提供这种办理方式',
  SLOT_IN_PAST: '预约时段须在当前时间之后',
  WRONG_WINDOW: '这个窗口不办理所选事项',
  NO_ITEM_AT_WINDOW: '这个窗口没有可预约的事项；请在事项的“在哪里办”里写明窗口（如 1号窗口），或换一个窗口',
  OUTSIDE_HOURS: '这个时段不在事项的办理时间内',
  SLOT_CLOSED: '该时段已不能预约，请选择其他时段',
  SLOT_FULL: '该时段已约满，请选择其他时段',
  OVERLAPPING_BOOKING: '您在这个时间已有预约，同一时间只能约一个',
  ALREADY_BOOKED_ITEM: '您已经约过这项服务了，一般约一次就够',
  NOT_CANCELLABLE: '该预约已不能取消',
  CANCEL_TOO_LATE: '距开始不到2小时，不能在线取消，请致电社区',
  CHECK_IN_NOT_OPEN: '未到签到时间（开始前30分钟起可签到）',
  NOT_ELIGIBLE: '上门和代办是给老年人、残疾人、行动不便和低保家庭的，请先在“我的上门与代办”里申请资格',
  ALREADY_ELIGIBLE: '您已经可以申请上门和代办了，不用再申请资格',
  ELIGIBILITY_DECIDED: '这条资格申请已经处理过了，请刷新后再看',
  NOT_IN_YOUR_GRID: '这位居民不在您负责的网格，请由所在网格的网格员或社工处理',
  INVALID_TRANSITION: '当前状态不能进行这个操作，请刷新后再试',
  RESIDENT_NOT_FOUND: '没有找到这位居民',
  CONTENT_REJECTED: contentRejected
} as const satisfies Record<ServiceCardCode, string>
