import { tilesFor } from './home-tiles.rule'
import type { Role } from './roles'

const keys = (roles: Role[]): string[] => tilesFor(roles).map(t => t.key)

describe('tilesFor', () => {
  it('gives a plain resident the service card, elder care (to book for a parent), 随手拍 (to report a problem), volunteering (to register), community and messages', () => {
    expect(keys(['resident'])).toEqual([
      'service-card',
      'elder-care',
      'grid',
      'volunteers',
      'community',
      'notifications'
    ])
  })

  it('gives an unregistered caller the same set as a plain resident', () => {
    expect(keys([])).toEqual(keys(['resident']))
  })

  it('adds the after-school class for a guardian', () => {
    expect(keys(['resident', 'guardian'])).toEqual([
      'service-card',
      'classes',
      'elder-care',
      'grid',
      'volunteers',
      'community',
      'notifications'
    ])
  })

  it('adds SOS for an elder', () => {
    expect(keys(['resident', 'elder'])).toEqual([
      'service-card',
      'elder-care',
      'sos',
      'grid',
      'volunteers',
      'community',
      'notifications'
    ])
  })

  it.each<[Role]>([['volunteer'], ['tutor']])('adds volunteering for %s', role => {
    expect(keys(['resident', role])).toContain('volunteers')
  })

  it.each<[Role]>([['tutor'], ['staff'], ['admin']])('shows the class to %s, who run it', role => {
    expect(keys([role])).toContain('classes')
  })

  it('keeps the class from a grid worker, who has no part in it', () => {
    expect(keys(['grid_worker'])).not.toContain('classes')
  })

  it.each<[Role]>([['grid_worker'], ['staff'], ['admin']])('adds the workbench for %s', role => {
    expect(keys([role])).toContain('staff')
  })

  it('lists each tile once when several roles grant it', () => {
    expect(keys(['volunteer', 'tutor', 'staff', 'admin']).filter(k => k === 'volunteers' || k === 'staff')).toEqual([
      'volunteers',
      'staff'
    ])
  })

  it('marks every context available now that all are built', () => {
    const tiles = tilesFor(['resident', 'guardian', 'elder', 'volunteer', 'staff'])
    expect(tiles.every(t => t.available)).toBe(true)
  })

  it('returns fresh objects, so a caller cannot change the rules', () => {
    tilesFor(['resident'])[0].available = false
    expect(tilesFor(['resident'])[0].available).toBe(true)
  })
})
