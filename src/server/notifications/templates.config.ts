/**
 * Subscribe-message templates: ids and field keys come from the mini-program console
 * (功能 → 订阅消息), so they are configuration, set as the `notifications` function's environment
 * variable LINLI_TEMPLATES (JSON: `{ "booking": { "id": "...", "fields": [...] }, ... }`).
 * The defaults are the fields of the common public-library templates we chose; offline their ids
 * are placeholders and the outbox shows exactly what would go.
 */
import * as z from 'zod'
import type { TemplateKey } from '../../core/notifications/notify.ports'
import { templateKeys } from '../../core/notifications/notify.ports'
import type { TemplateSpec } from '../../core/notifications/template-fields.rule'
import { fieldTypes } from '../../core/notifications/template-fields.rule'

const specSchema = z.object({
  id: z.string().min(1),
  fields: z
    .array(
      z.object({
        key: z.string().regex(/^[a-z_]+\d+$/),
        type: z.enum(fieldTypes),
        from: z.enum(['title', 'body', 'when', 'place', 'status'])
      })
    )
    .min(1)
    .max(5)
})

const defaults: Record<TemplateKey, TemplateSpec> = {
  booking: {
    id: 'local-booking',
    fields: [
      { key: 'thing1', type: 'thing', from: 'title' },
      { key: 'time2', type: 'time', from: 'when' },
      { key: 'thing3', type: 'thing', from: 'place' },
      { key: 'phrase4', type: 'phrase', from: 'status' }
    ]
  },
  status: {
    id: 'local-status',
    fields: [
      { key: 'thing1', type: 'thing', from: 'title' },
      { key: 'phrase2', type: 'phrase', from: 'status' },
      { key: 'thing3', type: 'thing', from: 'body' }
    ]
  },
  reminder: {
    id: 'local-reminder',
    fields: [
      { key: 'thing1', type: 'thing', from: 'title' },
      { key: 'time2', type: 'time', from: 'when' },
      { key: 'thing3', type: 'thing', from: 'place' }
    ]
  },
  alert: {
    id: 'local-alert',
    fields: [
      { key: 'thing1', type: 'thing', from: 'title' },
      { key: 'thing2', type: 'thing', from: 'body' },
      { key: 'time3', type: 'time', from: 'when' }
    ]
  }
}

/** The templates in force: LINLI_TEMPLATES over the defaults, each entry validated. */
export function templatesFromEnv(raw = process.env.LINLI_TEMPLATES): Record<TemplateKey, TemplateSpec> {
  if (!raw) return defaults
  const parsed = z.record(z.enum(templateKeys), specSchema).safeParse(JSON.parse(raw))
  if (!parsed.success) throw new Error(`LINLI_TEMPLATES is not valid: ${parsed.error.message}`)
  return { ...defaults, ...parsed.data }
}
