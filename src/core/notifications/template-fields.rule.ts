/**
 * Turns a notice into a subscribe message's `data`, keeping every value inside WeChat's rule for
 * its field type: a value that breaks it makes the send fail with 47003 and the grant is wasted.
 * Which template has which fields is configuration (the ids and field names come from the
 * mini-program console); the value rules are WeChat's and live here.
 */
import { shanghaiDate, shanghaiHHmm } from '../shared/shanghai-time'
import type { Notice } from './notify.ports'

export const fieldTypes = ['thing', 'time', 'date', 'phrase', 'character_string', 'name'] as const
export type FieldType = (typeof fieldTypes)[number]

/** Where a field's value comes from in the notice. */
export type FieldSource = 'title' | 'body' | 'when' | 'place' | 'status'

export interface TemplateField {
  /** The console's key, e.g. `thing1`, `time2`. */
  key: string
  type: FieldType
  from: FieldSource
}

export interface TemplateSpec {
  /** Template id from the mini-program console. */
  id: string
  fields: TemplateField[]
}

/** Each template as staff know it (the outbox shows these, not `thing1`/`time2`). */
export const templateNames: Record<string, string> = {
  booking: '预约/报名结果',
  status: '进度通知',
  reminder: '活动/服务提醒',
  alert: '紧急通知'
}

/** What a field holds, by where its value comes from. */
export const fieldSourceLabels: Record<FieldSource, string> = {
  title: '事项',
  body: '内容',
  when: '时间',
  place: '地点',
  status: '状态'
}

/**
 * A sent message in words: the template's name and each field's label, found through the spec
 * whose id the message carries. A message of an unknown template keeps its keys as labels.
 */
export function describeMessage(
  templates: Record<string, TemplateSpec>,
  templateId: string,
  data: Record<string, { value: string }>
): { templateName: string; fields: Array<{ key: string; label: string; value: string }> } {
  const entry = Object.entries(templates).find(([, spec]) => spec.id === templateId)
  const labelOf = (key: string): string => {
    const field = entry?.[1].fields.find(f => f.key === key)
    return field ? fieldSourceLabels[field.from] : key
  }
  return {
    templateName: entry ? (templateNames[entry[0]] ?? '订阅消息') : '订阅消息',
    fields: Object.entries(data).map(([key, v]) => ({ key, label: labelOf(key), value: v.value }))
  }
}

/** WeChat's maximum lengths, in characters. */
const limits: Partial<Record<FieldType, number>> = {
  thing: 20,
  phrase: 5,
  character_string: 32,
  name: 10
}

/** 2026年11月24日 (Beijing calendar day). */
function chineseDate(at: Date): string {
  const [y, m, d] = shanghaiDate(at).split('-').map(Number)
  return `${y}年${m}月${d}日`
}

/** Cuts to `max` characters (not UTF-16 units: a CJK extension character counts once). */
function cut(text: string, max: number): string {
  const chars = Array.from(text)
  return chars.length <= max ? text : chars.slice(0, max - 1).join('') + '…'
}

/** One field's value under its type's rule; null when the notice has nothing for it. */
export function fieldValue(field: TemplateField, notice: Notice): string | null {
  const raw = notice[field.from]
  if (raw === undefined || raw === null || raw === '') return null
  switch (field.type) {
    case 'time':
      return raw instanceof Date ? `${chineseDate(raw)} ${shanghaiHHmm(raw)}` : null
    case 'date':
      return raw instanceof Date ? chineseDate(raw) : null
    case 'phrase': {
      // Chinese characters only, at most 5: drop anything else rather than fail the send.
      const han = Array.from(String(raw))
        .filter(ch => /\p{Script=Han}/u.test(ch))
        .join('')
      return han ? Array.from(han).slice(0, 5).join('') : null
    }
    case 'character_string': {
      const ascii = String(raw).replace(/[^\x21-\x7e]/g, '')
      return ascii ? cut(ascii, 32) : null
    }
    default: {
      const text = (raw instanceof Date ? '' : String(raw)).replace(/\s+/g, ' ').trim()
      return text ? cut(text, limits[field.type] ?? 20) : null
    }
  }
}

/**
 * The `data` object for `subscribeMessage.send`. A field the notice can't fill gets a plain
 * placeholder, because WeChat rejects a message with a missing field.
 */
export function templateData(spec: TemplateSpec, notice: Notice): Record<string, { value: string }> {
  const data: Record<string, { value: string }> = {}
  for (const field of spec.fields) {
    data[field.key] = { value: fieldValue(field, notice) ?? placeholder(field.type, notice) }
  }
  return data
}

function placeholder(type: FieldType, notice: Notice): string {
  if (type === 'time') return fieldValue({ key: '', type, from: 'when' }, { ...notice, when: new Date() }) ?? ''
  if (type === 'phrase') return '通知'
  return '详见小程序'
}
