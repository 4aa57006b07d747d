import { aCaller } from '../../../test/factories/caller.factory'
import { gridScopeFor } from './scope.rule'

describe('grid scope', () => {
  const worker = aCaller({ roles: ['grid_worker'], gridId: 'grid-1' })

  it('keeps a grid worker to their own grid', () => {
    expect(gridScopeFor(worker, undefined)).toEqual({ ok: true, value: 'grid-1' })
    expect(gridScopeFor(worker, 'grid-1')).toEqual({ ok: true, value: 'grid-1' })
    expect(gridScopeFor(worker, 'grid-2')).toMatchObject({ ok: false, code: 'FORBIDDEN' })
  })

  it('lets staff see one grid or all', () => {
    const staff = aCaller({ roles: ['staff'] })
    expect(gridScopeFor(staff, undefined)).toEqual({ ok: true, value: null })
    expect(gridScopeFor(staff, 'grid-3')).toEqual({ ok: true, value: 'grid-3' })
  })

  it('refuses a grid worker without a grid', () => {
    expect(gridScopeFor(aCaller({ roles: ['grid_worker'], gridId: null }), undefined)).toMatchObject({
      ok: false,
      code: 'FORBIDDEN'
    })
  })
})
