/**
 * Turns a failed call into messages a person can act on, where they look: at the field.
 * The router answers INVALID_INPUT with `details.issues[]` ({ path: 'payload.a.b', message }) in Chinese
 * (router.ts, zod's zh-CN locale); each issue goes to the field its path starts with, named by the
 * field's label. A business refusal about one field (a wrong code: CODE_INVALID, INVITE_INVALID...)
 * goes to that field when the form names it in `refusals`. Everything else (any other "can't", the
 * network) is one message for the form, shown beside its submit button rather than in a toast over it.
 */
import type { WireError } from '@/core/shared/wire'

export interface FormProblems {
  /** Field name → "标题：至少2个字". */
  fields: Record<string, string>
  /** What no field owns; null when every problem has its field. */
  form: string | null
}

export const noProblems: FormProblems = { fields: {}, form: null }

interface Issue {
  path: string
  message: string
}

function issuesOf(error: WireError): Issue[] {
  const details = error.details as { issues?: unknown } | undefined
  if (!details || !Array.isArray(details.issues)) return []
  return details.issues.filter(
    (i): i is Issue =>
      typeof i === 'object' &&
      i !== null &&
      typeof (i as Issue).path === 'string' &&
      typeof (i as Issue).message === 'string'
  )
}

/**
 * `labels` maps each field of the form (its payload key, or a dotted path) to its label.
 * An issue is shown at the longest label key its path starts with.
 * `refusals` maps a business failure code to the field it is about; its message, already a whole
 * sentence naming the thing ("接送码不对…"), is shown there as it is.
 */
export function formProblems(
  error: WireError,
  labels: Record<string, string>,
  refusals: Record<string, string> = {}
): FormProblems {
  const owner = refusals[error.code]
  if (owner !== undefined) return { fields: { [owner]: error.message }, form: null }
  if (error.code !== 'INVALID_INPUT') return { fields: {}, form: error.message }
  const keys = Object.keys(labels).sort((a, b) => b.length - a.length)
  const fields: Record<string, string> = {}
  const unowned: string[] = []
  for (const issue of issuesOf(error)) {
    // The router names paths from the request's root: 'payload.title' is the form's 'title'.
    const path = issue.path.replace(/^payload\./, '')
    const key = keys.find(k => path === k || path.startsWith(`${k}.`))
    if (!key) {
      unowned.push(issue.message)
      continue
    }
    // The first problem of a field is the one to fix first.
    fields[key] ??= `${labels[key]}：${issue.message}`
  }
  const form = unowned.length > 0 || Object.keys(fields).length === 0 ? [error.message, ...unowned].join('；') : null
  return { fields, form }
}

/** Characters as a person counts them (a CJK extension character counts once). */
export const charCount = (text: string): number => Array.from(text).length
