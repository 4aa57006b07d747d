import { menuFor, mayUse } from './staff-access.rule'

const keys = (roles: Parameters<typeof menuFor>[0]) => menuFor(roles, true).map(i => i.key)

describe('staff menu', () => {
  it('shows a resident only their own data and the survey', () => {
    expect(keys(['resident'])).toEqual(['survey', 'my-data'])
  })

  it('shows a grid worker the reports to handle first, then the dashboard, exports and survey results, not roles or audit', () => {
    expect(keys(['grid_worker'])).toEqual([
      'grid-reports',
      'grid-patrol',
      'grid-visits',
      'grid-inspections',
      'dashboard',
      'exports',
      'survey-results',
      'survey',
      'my-data'
    ])
  })

  it('shows an admin everything, roles and audit included', () => {
    expect(keys(['admin', 'staff'])).toEqual([
      'grid-reports',
      'grid-patrol',
      'grid-visits',
      'grid-inspections',
      'dashboard',
      'grid-figures',
      'exports',
      'survey-results',
      'erasures',
      'roles',
      'audit',
      'survey',
      'my-data'
    ])
  })

  it('shows staff without admin no roles or audit', () => {
    expect(keys(['staff'])).not.toContain('roles')
    expect(keys(['staff'])).not.toContain('audit')
    expect(mayUse(['staff'], 'audit')).toBe(false)
  })

  it('shows an unregistered visitor nothing', () => {
    expect(menuFor([], false)).toEqual([])
  })

  it('shows a street role the street workbench and what they may read, never the survey of a community', () => {
    expect(keys(['street_staff'])).toEqual([
      'street',
      'dashboard',
      'grid-figures',
      'exports',
      'survey-results',
      'my-data'
    ])
    expect(keys(['street_admin'])).toEqual([
      'street',
      'dashboard',
      'grid-figures',
      'exports',
      'survey-results',
      'roles',
      'audit',
      'my-data'
    ])
    expect(keys(['staff', 'street_staff'])).toContain('survey')
    expect(mayUse(['street_staff'], 'roles')).toBe(false)
    // The figures are read; inspections are work, not the street's.
    expect(mayUse(['street_staff'], 'inspections')).toBe(false)
  })

  it('shows the grid’s figures to staff and the street, not to a grid worker', () => {
    expect(mayUse(['staff'], 'gridFigures')).toBe(true)
    expect(mayUse(['grid_worker'], 'gridFigures')).toBe(false)
  })
})
