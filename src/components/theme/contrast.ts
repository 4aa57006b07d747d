/** WCAG 2.x contrast ratio between two #rrggbb colours (1 … 21). */
export function contrastRatio(foreground: string, background: string): number {
  const l1 = relativeLuminance(foreground)
  const l2 = relativeLuminance(background)
  const [hi, lo] = l1 > l2 ? [l1, l2] : [l2, l1]
  return (hi + 0.05) / (lo + 0.05)
}

export function relativeLuminance(hex: string): number {
  const m = /^#([0-9a-f]{6})$/i.exec(hex.trim())
  if (!m) throw new Error(`not a #rrggbb colour: ${hex}`)
  const n = parseInt(m[1], 16)
  const channel = (c: number): number => {
    const s = c / 255
    return s <= 0.03928 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4)
  }
  return 0.2126 * channel((n >> 16) & 255) + 0.7152 * channel((n >> 8) & 255) + 0.0722 * channel(n & 255)
}

/**
 * Every text-on-background pair the UI uses, by token name (without `--color-`).
 * Adding a pair here is how a new colour combination gets checked (tokens.test.ts).
 */
export const textPairs: ReadonlyArray<readonly [text: string, background: string]> = [
  ['ink', 'bg'],
  ['ink', 'surface'],
  ['ink', 'surface-warm'],
  ['ink-soft', 'bg'],
  ['ink-soft', 'surface'],
  ['ink-soft', 'surface-warm'],
  ['primary', 'bg'],
  ['primary', 'surface'],
  ['primary', 'surface-warm'],
  ['on-primary', 'primary'],
  ['on-primary', 'primary-pressed'],
  ['on-primary-soft', 'primary-soft'],
  ['calm', 'surface'],
  ['on-primary', 'calm'],
  ['on-calm-soft', 'calm-soft'],
  ['ink', 'calm-soft'],
  ['on-muted', 'muted-bg'],
  ['on-muted', 'surface'],
  ['danger', 'surface'],
  ['danger', 'bg'],
  ['on-danger-soft', 'danger-soft'],
  // The form kit: a field's problem on its card, the unread count on the 消息 tile, a disabled
  // button (muted, readable) on the page.
  ['on-danger-soft', 'surface'],
  ['on-primary', 'danger'],
  ['on-muted', 'bg'],
  ['focus', 'surface']
]
