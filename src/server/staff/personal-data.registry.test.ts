import { collections } from '../db/collections'
import { exportSources } from './export-sources'
import { personalData } from './personal-data.registry'

const declared = new Set(collections.map(c => c.name))

describe('the staff context names only collections that are declared', () => {
  it.each(personalData.map(l => [l.collection, l.field] as const))('personal data line %s.%s', collection => {
    expect(declared.has(collection)).toBe(true)
  })

  it.each(exportSources.map(s => [s.kind, s.collection] as const))('ledger %s reads %s', (_kind, collection) => {
    expect(declared.has(collection)).toBe(true)
  })

  it('keeps or anonymises, never deletes, the records the community must keep', () => {
    const rule = (collection: string) =>
      personalData
        .filter(l => l.collection === collection)
        .map(l => (typeof l.erase === 'string' ? l.erase : 'anonymise'))
    expect(rule('audit')).toEqual(['keep'])
    expect(rule('vol_attendance')).toEqual(['keep'])
    expect(rule('volunteers')).toEqual(['anonymise', 'anonymise']) // by member (seeded) and by OPENID (registered in the app)
    expect(rule('users')).toEqual(['delete'])
  })
})
