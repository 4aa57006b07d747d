import { readFileSync } from 'fs'
import path from 'path'
import { contrastRatio, textPairs } from './contrast'
import { ELDER_FACTOR } from './text-scale'

// The CSS file is the single source of the tokens; read it as text.
const css = readFileSync(path.join(__dirname, 'tokens.css'), 'utf8')
const ROOT_PX = 16 // 1rem at the default browser / WeChat page size

function colour(name: string): string {
  const m = new RegExp(`--color-${name}:\\s*(#[0-9a-fA-F]{6})\\s*;`).exec(css)
  if (!m) throw new Error(`--color-${name} is not a #rrggbb token in tokens.css`)
  return m[1]
}

/** px at scale 1 of a `--name: calc(Xrem * var(--text-scale))` token. */
function sizePx(name: string): number {
  const m = new RegExp(`--${name}:\\s*calc\\(([0-9.]+)rem \\* var\\(--text-scale\\)\\)`).exec(css)
  if (!m) throw new Error(`--${name} is not a scaled rem token in tokens.css`)
  return parseFloat(m[1]) * ROOT_PX
}

describe('WCAG contrast of every text/background pair', () => {
  test.each(textPairs.map(([t, b]) => [t, b]))('%s on %s ≥ 4.5:1', (text, background) => {
    expect(contrastRatio(colour(text), colour(background))).toBeGreaterThanOrEqual(4.5)
  })

  test('the calculator agrees with known values', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5)
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2)
  })
})

describe('sizes', () => {
  test('tap targets are at least 44px', () => {
    expect(sizePx('tap-min')).toBeGreaterThanOrEqual(44)
    expect(sizePx('tap-large')).toBeGreaterThanOrEqual(44)
  })

  test('no text token is below 15px, body is at least 17px', () => {
    for (const t of ['fs-small', 'fs-body', 'fs-lead', 'fs-title', 'fs-headline', 'fs-figure']) {
      expect(sizePx(t)).toBeGreaterThanOrEqual(15)
    }
    expect(sizePx('fs-body')).toBeGreaterThanOrEqual(17)
  })

  test('长辈版 body text is at least 20px and targets grow too', () => {
    expect(sizePx('fs-body') * ELDER_FACTOR).toBeGreaterThanOrEqual(20)
    expect(sizePx('tap-min') * ELDER_FACTOR).toBeGreaterThanOrEqual(56)
  })
})
