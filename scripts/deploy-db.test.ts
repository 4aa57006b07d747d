import { collections } from '../src/server/db/collections'
import { planDeploy } from './deploy-db'

test('the deploy plan creates every declared collection and index, unique ones as unique', () => {
  const steps = planDeploy(collections)
  for (const c of collections) {
    expect(steps).toContainEqual({ collection: c.name })
    for (const i of c.indexes) {
      const step = steps.find((s) => s.collection === c.name && s.index?.IndexName === i.name)
      expect(step?.index?.MgoKeySchema.MgoIsUnique).toBe(i.unique === true)
      expect(step?.index?.MgoKeySchema.MgoIndexKeys.map((k) => k.Name)).toEqual(Object.keys(i.keys))
    }
  }
  // a collection comes before its indexes
  const first = steps.findIndex((s) => s.collection === 'households')
  expect(steps[first].index).toBeUndefined()
})
