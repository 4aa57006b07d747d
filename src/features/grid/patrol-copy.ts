/** Words of the patrol page (网格巡查). */
import { minutesLabel } from '@/core/grid/patrol-time.rule'

export const patrolCopy = {
  nav: '网格巡查',
  loading: '正在加载…',
  retry: '重新加载',
  more: '加载更多',
  start: '开始巡查',
  startHint: '每天巡查一小时：走一走自己的网格，看到问题随手报',
  finish: '结束巡查',
  finishAsk: '结束这次巡查？',
  finishAskBody: (elapsed: string) => `已巡查 ${elapsed}。结束后开始新的巡查要再点“开始巡查”。`,
  finished: (minutes: number) => `本次巡查 ${minutesLabel(minutes)}`,
  running: '正在巡查',
  startedAt: (hhmm: string) => `${hhmm} 开始`,
  found: '发现问题，马上报',
  foundHint: '报的事会记在这次巡查里',
  note: '巡查情况（可不填）',
  notePlaceholder: '比如：北门堆物已清理，3栋楼道灯坏了已报',
  capNote: (hours: number) => `超过 ${hours} 小时没结束的巡查会自动结束，按 ${hours} 小时计`,
  today: '今天',
  month: (label: string) => `${label}`,
  ofPlan: (done: number, plan: number) => `${minutesLabel(done)} / 计划 ${minutesLabel(plan)}`,
  planMet: '已完成计划',
  history: '我的巡查记录',
  historyNone: '还没有巡查记录',
  open: '进行中',
  capped: '超时自动结束',
  board: (label: string) => `${label}各网格巡查时长`,
  boardHint: (plan: string) => `计划：每人每天 1 小时，本月到今天 ${plan}`,
  boardPast: (plan: string) => `计划：每人每天 1 小时，全月 ${plan}`,
  boardHours: '各网格本月巡查（小时）',
  boardMore: '查看各网格巡查记录',
  noWorker: '未配网格员',
  patrols: (n: number) => `${n} 次`,
  cappedCount: (n: number) => `${n} 次超时自动结束`,
  prevMonth: '上个月',
  thisMonth: '本月',
  notForYou: '巡查是网格员的工作；社工和管理员可在这里看各网格的巡查时长。'
}

/** 01:05:09 since `from`, for the running patrol. */
export function elapsedText(fromIso: string, nowMs: number): string {
  const s = Math.max(0, Math.floor((nowMs - Date.parse(fromIso)) / 1000))
  const two = (n: number): string => String(n).padStart(2, '0')
  return `${two(Math.floor(s / 3600))}:${two(Math.floor((s % 3600) / 60))}:${two(s % 60)}`
}
