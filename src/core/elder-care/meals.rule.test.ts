import type { MealOrder, StandingOrder } from './elder-care.model'
import { effectiveOrder, orderOpen } from './meals.rule'

describe('meal order cutoff (09:30 Asia/Shanghai)', () => {
  const menu = { date: '2026-11-24', cutoff: '09:30' }
  it('is open until 09:29:59 Shanghai (01:29:59 UTC) and closed from 09:30', () => {
    expect(orderOpen(menu, new Date('2026-11-24T01:29:59Z'))).toBe(true)
    expect(orderOpen(menu, new Date('2026-11-24T01:30:00Z'))).toBe(false)
    expect(orderOpen(menu, new Date('2026-11-23T15:59:00Z'))).toBe(true) // 23:59 the evening before
  })
})

describe('standing weekly orders', () => {
  const standing: StandingOrder = {
    _id: 'e1',
    elderId: 'e1',
    weekdays: [1, 3, 5],
    mode: 'delivery',
    active: true,
    by: 'u',
    at: new Date()
  }
  const own = (status: MealOrder['status']): MealOrder => ({
    _id: '2026-11-23:e1',
    date: '2026-11-23',
    elderId: 'e1',
    elderName: '张',
    gridId: 'g',
    householdId: 'h',
    mode: 'dine_in',
    status,
    source: 'single',
    by: 'u',
    proxy: false,
    at: new Date()
  })
  it('counts on its weekdays only (2026-11-23 is a Monday)', () => {
    expect(effectiveOrder('2026-11-23', null, standing)).toEqual({ mode: 'delivery', source: 'standing' })
    expect(effectiveOrder('2026-11-24', null, standing)).toBeNull()
  })
  it("gives way to the day's own order or cancellation", () => {
    expect(effectiveOrder('2026-11-23', own('ordered'), standing)).toEqual({ mode: 'dine_in', source: 'single' })
    expect(effectiveOrder('2026-11-23', own('cancelled'), standing)).toBeNull()
    expect(effectiveOrder('2026-11-23', null, { ...standing, active: false })).toBeNull()
  })
})
