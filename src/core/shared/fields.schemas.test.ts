import { calendarDate, clockTime, instant, pageCursor, plainText, text } from './fields.schemas'

describe('calendarDate: a day that exists', () => {
  it.each(['2024-02-29', '2025-12-31', '2026-01-01'])('accepts %s', day => {
    expect(calendarDate().safeParse(day).success).toBe(true)
  })
  it.each(['2024-13-01', '2024-02-30', '2023-02-29', '2025-04-31', '2025-00-10', '2025-1-1', '2025-01-01T00:00'])(
    'refuses %s',
    day => {
      expect(calendarDate().safeParse(day).success).toBe(false)
    }
  )
})

describe('clockTime and instant', () => {
  it('takes 00:00–23:59 only', () => {
    expect(clockTime().safeParse('23:59').success).toBe(true)
    expect(clockTime().safeParse('24:00').success).toBe(false)
  })
  it('reads an ISO instant with an offset into a Date, and refuses impossible days', () => {
    expect(instant().parse('2025-06-01T08:00:00+08:00')).toEqual(new Date('2025-06-01T00:00:00Z'))
    expect(instant().safeParse('2025-02-30T08:00:00Z').success).toBe(false)
    expect(instant().safeParse('2025-06-01 08:00').success).toBe(false)
  })
})

describe('text: what a person types, without what no person types', () => {
  it('strips control characters, bidi overrides and lone surrogates, keeps newlines and emoji', () => {
    expect(plainText('王\u0000芳\u001b[31m')).toBe('王芳[31m')
    expect(plainText('\u202Egnp.exe')).toBe('gnp.exe')
    expect(plainText('a\uD800b\uDC00c')).toBe('abc')
    expect(plainText('第一行\n第二行\t👍')).toBe('第一行\n第二行\t👍')
  })
  it('counts the length of what is left, after trimming', () => {
    expect(text().min(1).safeParse(' \u0000 ').success).toBe(false)
    expect(text().max(2).parse(' 张\u0007三 ')).toBe('张三')
  })
})

describe('pageCursor', () => {
  it('takes what our pages hand out, and nothing else', () => {
    for (const c of ['eyJ0IjoxfQ', 'term-demo:2026-11-23', '40', 'hh-1-1-201-m3'])
      expect(pageCursor().safeParse(c).success).toBe(true)
    for (const c of ['a\u0000b', '{"$gt":""}', 'x y']) expect(pageCursor().safeParse(c).success).toBe(false)
  })
})
