/**
 * `npm run deploy:db`: create every collection and index declared in
 * src/server/db/collections.ts in a real CloudBase environment. Safe to re-run: existing
 * collections and indexes are left as they are.
 *
 *   TCB_ENV=<env id> TCB_SECRET_ID=<id> TCB_SECRET_KEY=<key> npm run deploy:db
 *   npm run deploy:db -- --dry-run        print what it would do, touch nothing
 *
 * The database SDK has no index API, so this uses the management API (@cloudbase/manager-node),
 * the same calls the CloudBase console makes.
 */
import { collections, type CollectionSpec } from '../src/server/db/collections'

export interface DeployStep {
  collection: string
  /** undefined: the collection itself */
  index?: { IndexName: string; MgoKeySchema: { MgoIsUnique: boolean; MgoIndexKeys: Array<{ Name: string; Direction: string }> } }
}

export function planDeploy (specs: CollectionSpec[]): DeployStep[] {
  return specs.flatMap((c) => [
    { collection: c.name },
    ...c.indexes.map((i) => ({
      collection: c.name,
      index: {
        IndexName: i.name,
        MgoKeySchema: {
          MgoIsUnique: i.unique === true,
          MgoIndexKeys: Object.entries(i.keys).map(([Name, dir]) => ({ Name, Direction: String(dir) }))
        }
      }
    }))
  ])
}

async function deploy (): Promise<void> {
  const steps = planDeploy(collections)
  if (process.argv.includes('--dry-run')) {
    for (const s of steps) {
      console.log(s.index
        ? `index      ${s.collection}.${s.index.IndexName} ${JSON.stringify(s.index.MgoKeySchema)}`
        : `collection ${s.collection}`)
    }
    return
  }
  const { TCB_ENV, TCB_SECRET_ID, TCB_SECRET_KEY } = process.env
  if (!TCB_ENV || !TCB_SECRET_ID || !TCB_SECRET_KEY) {
    console.error('Set TCB_ENV, TCB_SECRET_ID and TCB_SECRET_KEY (a CAM key with CloudBase access), or pass --dry-run.')
    process.exit(2)
  }
  // Loaded lazily: only a real deploy needs the management SDK.
  const CloudBase = require('@cloudbase/manager-node')
  const manager = new CloudBase({ envId: TCB_ENV, secretId: TCB_SECRET_ID, secretKey: TCB_SECRET_KEY })
  const db = manager.database
  for (const [n, s] of steps.entries()) {
    const label = `[${n + 1}/${steps.length}] ${s.collection}${s.index ? '.' + s.index.IndexName : ''}`
    if (!s.index) {
      const r = await db.createCollectionIfNotExists(s.collection)
      console.log(`${label}: ${r.IsCreated ? 'created' : 'exists'}`)
      continue
    }
    const exists = await db.checkIndexExists(s.collection, s.index.IndexName)
    if (exists.Exists) {
      console.log(`${label}: exists`)
      continue
    }
    await db.updateCollection(s.collection, { CreateIndexes: [s.index] })
    console.log(`${label}: created`)
  }
}

// Run only as a script, not when the test imports planDeploy.
if (/deploy-db\.ts$/.test(process.argv[1] ?? '')) {
  deploy().catch((err: unknown) => {
    console.error(`deploy failed: ${String((err as Error)?.message ?? err)}`)
    process.exit(1)
  })
}
