/**
 * How an SOS is worded for each person it reaches: the elder hears about "您的紧急呼叫", the
 * family about "您的母亲张桂芳", staff about the elder by name with what a responder needs.
 * Pure: the use cases pass in the facts.
 */
import type { SosCall } from './elder-care.model'

export type SosAudience = 'elder' | 'family' | 'staff'

/** What the family member is to the elder (their `relation`, e.g. 儿子) → what the elder is to them. */
const elderIs: Array<{ relations: string[]; F: string; M: string }> = [
  { relations: ['儿子', '女儿', '儿媳', '女婿', '子女'], F: '母亲', M: '父亲' },
  { relations: ['孙子', '孙女'], F: '奶奶', M: '爷爷' },
  { relations: ['外孙', '外孙女'], F: '外婆', M: '外公' },
  { relations: ['老伴', '妻子', '丈夫', '配偶'], F: '老伴', M: '老伴' }
]

/** "您的母亲张桂芳"; "您的家人张桂芳" when the relation or the elder's gender is not known. */
export function kinName(elderName: string, relation: string, gender: 'F' | 'M' | null): string {
  const rule = gender ? elderIs.find(r => r.relations.includes(relation)) : undefined
  return `您的${rule && gender ? rule[gender] : '家人'}${elderName}`
}

/** 她 / 他 / 老人: how a notice to the family refers back to the elder. */
export function pronounOf(gender: 'F' | 'M' | null): string {
  return gender === 'F' ? '她' : gender === 'M' ? '他' : '老人'
}

type CallFacts = Pick<SosCall, 'state' | 'elderName' | 'ackBy' | 'resolved'>

/** The headline of the call's page, for whoever reads it. */
export function sosTitle(audience: SosAudience, call: Pick<SosCall, 'elderName'>, kin: string): string {
  if (audience === 'elder') return '您发出了紧急呼叫'
  if (audience === 'family') return `${kin}发出了紧急呼叫`
  return `${call.elderName}的紧急呼叫`
}

/** Where the call stands, in the reader's words. */
export function sosStatusLine(audience: SosAudience, call: CallFacts, gender: 'F' | 'M' | null): string {
  const ta = pronounOf(gender)
  switch (call.state) {
    case 'open':
      if (audience === 'staff') return '还没有人响应：请到养老服务台点“我来处理”'
      return audience === 'elder' ? '已通知值班社工和网格员，正在等待响应' : '已通知社区值班社工和网格员，正在等待响应'
    case 'acknowledged':
      return audience === 'elder'
        ? `${call.ackBy?.name ?? '工作人员'}已响应，正在赶来`
        : `${call.ackBy?.name ?? '工作人员'}已前往处理`
    case 'resolved':
      return `已处理完毕：${call.resolved?.note ?? ''}`
    case 'cancelled':
      return audience === 'family' ? `${ta}取消了呼叫（误按），没有危险` : '已取消（误按）'
  }
}

/** The family's alert at a ladder level: at the press, and again when nobody has answered. */
export function familyAlertWords(
  kin: string,
  gender: 'F' | 'M' | null,
  level: number
): { title: string; body: string } {
  const ta = pronounOf(gender)
  return level <= 1
    ? {
        title: `${kin}发出了紧急呼叫`,
        body: `已通知社区值班社工和网格员，正在等待他们响应。点这里查看进展，或直接打电话给${ta}。`
      }
    : {
        title: `${kin}发出了紧急呼叫`,
        body: `已过去2分钟，还没有工作人员响应。请马上打电话给${ta}，或拨打社区值班电话。`
      }
}

/** Progress the elder and the family hear (acknowledged, resolved, cancelled). */
export function progressWords(
  audience: 'elder' | 'family',
  call: CallFacts,
  kin: string,
  gender: 'F' | 'M' | null
): { title: string; body: string } | null {
  const ta = pronounOf(gender)
  const who = call.ackBy?.name ?? '工作人员'
  switch (call.state) {
    case 'acknowledged':
      return audience === 'elder'
        ? { title: `${who}已响应您的紧急呼叫`, body: `${who}已响应您的紧急呼叫，正在赶来。` }
        : { title: `${who}已前往处理`, body: `${kin}的紧急呼叫：${who}已响应，正在赶去。` }
    case 'resolved':
      return audience === 'elder'
        ? { title: '您的紧急呼叫已处理完毕', body: `处理情况：${call.resolved?.note ?? ''}` }
        : { title: `${kin}的紧急呼叫已处理`, body: `${call.resolved?.name ?? who}：${call.resolved?.note ?? ''}` }
    case 'cancelled':
      return audience === 'elder'
        ? null
        : {
            title: `${kin}取消了紧急呼叫`,
            body: `${ta}在10秒内取消了呼叫（误按），没有危险。如不放心，可以打电话给${ta}。`
          }
    default:
      return null
  }
}
