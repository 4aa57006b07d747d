/**
 * Filling the form kit's fields (components/form) in jsdom component tests, and the router's answer
 * to bad input, so each form's test says what a person types and sees, not how Taro reports it.
 */
import { act, screen } from '@testing-library/react'

/**
 * Types `value` into the field named `name`: Taro's H5 Input and Textarea report typing as an 'input' event with
 * detail.value.
 */
export function typeInto(name: string, value: string): void {
  act(() => {
    document
      .querySelector(`[name="${name}"]`)!
      .dispatchEvent(new CustomEvent('input', { detail: { value }, bubbles: true }))
  })
}

/** The kit's field named `name` on the screen, or null when the screen shows none. */
export function fieldNamed(name: string): Element | null {
  return document.querySelector(`[name="${name}"]`)
}

/** The text of every button on the screen (Taro's H5 Button), in page order. */
export function buttonTexts(): string[] {
  return Array.from(document.querySelectorAll('taro-button-core')).map(b => b.textContent?.trim() ?? '')
}

/** Chooses `value` in the date or time picker named `name`: the kit's PickerField reports it as a 'change' event. */
export function pickIn(name: string, value: string): void {
  act(() => {
    document
      .querySelector(`taro-picker-core[name="${name}"]`)!
      .dispatchEvent(new CustomEvent('change', { detail: { value }, bubbles: true }))
  })
}

/** The router's INVALID_INPUT answer (router.ts invalid()): issue paths from the request's root. */
export function invalidInput(
  path: string,
  message: string
): {
  ok: false
  error: { code: 'INVALID_INPUT'; message: string; details: { issues: Array<{ path: string; message: string }> } }
} {
  return {
    ok: false,
    error: { code: 'INVALID_INPUT', message: '提交的内容有误，请检查后重试', details: { issues: [{ path, message }] } }
  }
}

/** Waits for `text` and expects it to be the problem shown at the field named `name` (the kit's `${name}-error`). */
export async function expectAtField(name: string, text: string): Promise<void> {
  const shown = await screen.findByText(text)
  expect(shown.closest('[role="alert"]')?.id).toBe(`${name}-error`)
}
