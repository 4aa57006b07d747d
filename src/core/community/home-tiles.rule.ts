/**
 * Which tiles the home page shows for which roles. A context not built yet shows "即将开放"
 * (flip `available` here when one ships).
 */
import type { HomeTile } from './home.schemas'
import type { Role } from './roles'
import { policies } from './roles'

interface TileRule {
  tile: HomeTile
  /** null: everyone, registered or not. */
  roles: readonly Role[] | null
}

const rules: TileRule[] = [
  { tile: { key: 'service-card', title: '便民服务', subtitle: '办事指南 · 大厅预约', available: true }, roles: null },
  {
    tile: { key: 'classes', title: '四点半课堂', subtitle: '报名 · 签到 · 接送', available: true },
    roles: [...policies.guardians, ...policies.tutors]
  },
  // Everyone: family members book care for their parents (家属代办) as well as elders for themselves.
  { tile: { key: 'elder-care', title: '居家养老', subtitle: '助餐 · 上门服务', available: true }, roles: null },
  {
    tile: { key: 'sos', title: '一键呼叫', subtitle: '紧急时通知网格员和家属', available: true },
    roles: policies.elders
  },
  // Everyone: any resident may report a problem (随手拍/报事) and follow the community's open ones (小事快办).
  { tile: { key: 'grid', title: '随手拍', subtitle: '报事 · 小事快办', available: true }, roles: null },
  // Everyone: it is where residents register as volunteers.
  { tile: { key: 'volunteers', title: '志愿服务', subtitle: '认领任务 · 服务时长', available: true }, roles: null },
  {
    tile: { key: 'staff', title: '工作台', subtitle: '待办 · 派单 · 统计', available: true },
    roles: policies.workbench
  },
  { tile: { key: 'community', title: '我的社区', subtitle: '网格 · 楼栋 · 联系人', available: true }, roles: null },
  { tile: { key: 'notifications', title: '消息', subtitle: '通知与提醒', available: true }, roles: null }
]

/** Tiles in display order; an unregistered caller (no roles) sees a plain resident's set. */
export function tilesFor(roles: readonly Role[]): HomeTile[] {
  return rules.filter(r => r.roles === null || r.roles.some(role => roles.includes(role))).map(r => ({ ...r.tile }))
}
