import { useCallback, useState } from 'react'
import type { WireError } from '@/core/shared/wire'
import { formProblems, noProblems, type FormProblems } from './field-errors'

/**
 * A form's problems from its last failed call: `field(name)` for each TextField's `error`,
 * `form` for SubmitButton's `problem`. Typing in a field clears that field's message.
 * `refusals`: business failure codes about one field (formProblems).
 */
export function useFormProblems(
  labels: Record<string, string>,
  refusals?: Record<string, string>
): {
  problems: FormProblems
  field: (name: string) => string | null
  form: string | null
  show: (error: WireError) => void
  clear: (name?: string) => void
} {
  const [problems, setProblems] = useState<FormProblems>(noProblems)
  // Labels and refusals are constants of the form: read through the ref-free closure of each render.
  const show = useCallback((error: WireError) => setProblems(formProblems(error, labels, refusals)), [labels, refusals])
  const clear = useCallback(
    (name?: string) =>
      setProblems(p => {
        if (name === undefined) return noProblems
        if (!(name in p.fields)) return p
        const { [name]: _gone, ...rest } = p.fields
        return { fields: rest, form: p.form }
      }),
    []
  )
  return { problems, field: name => problems.fields[name] ?? null, form: problems.form, show, clear }
}
