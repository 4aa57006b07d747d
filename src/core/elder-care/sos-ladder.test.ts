import { canCancel, dueAt, dueLevel } from './sos-ladder'

const pressedAt = new Date('2026-11-23T02:00:00Z')
const at = (s: number): Date => new Date(pressedAt.getTime() + s * 1000)

describe('SOS ladder', () => {
  it('escalates to family at 2 minutes and to the admin after, only while unacknowledged', () => {
    expect(dueLevel({ state: 'open', level: 2, pressedAt }, at(119))).toBeNull()
    expect(dueLevel({ state: 'open', level: 2, pressedAt }, at(120))?.audience).toBe('family')
    expect(dueLevel({ state: 'open', level: 3, pressedAt }, at(239))).toBeNull()
    expect(dueLevel({ state: 'open', level: 3, pressedAt }, at(240))?.audience).toBe('admin')
    expect(dueLevel({ state: 'open', level: 4, pressedAt }, at(9999))).toBeNull()
    expect(dueLevel({ state: 'acknowledged', level: 2, pressedAt }, at(600))).toBeNull()
    expect(dueLevel({ state: 'cancelled', level: 2, pressedAt }, at(600))).toBeNull()
    expect(dueAt(pressedAt, 2)).toEqual(at(120))
    expect(dueAt(pressedAt, 4)).toBeNull()
  })

  it('lets a mistaken press be cancelled for 10 seconds only', () => {
    expect(canCancel({ state: 'open', pressedAt }, at(10))).toBe(true)
    expect(canCancel({ state: 'open', pressedAt }, at(11))).toBe(false)
    expect(canCancel({ state: 'acknowledged', pressedAt }, at(3))).toBe(false)
  })
})
