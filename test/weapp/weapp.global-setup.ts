/**
 * Jest globalSetup of the `weapp` project: fresh builds (built here when missing or stale, never
 * skipped), then ONE local cloud serving the built functions with dev login, seeded with the demo
 * community as `npm run seed` does, shared by every weapp test file (its port in
 * LINLI_WEAPP_CLOUD_PORT). The tests are written so that one file's writes (a booking, an SOS)
 * don't change what another asserts.
 */
import { startLocalCloud, type LocalCloudProcess } from '../support/local-cloud'
import { ensureBuilds, seedDemo } from './weapp-cloud'

export default async function globalSetup(): Promise<void> {
  await ensureBuilds()
  const cloud = await startLocalCloud({ functions: true })
  try {
    await seedDemo(cloud.port)
  } catch (err) {
    await cloud.dispose()
    throw err
  }
  process.env.LINLI_WEAPP_CLOUD_PORT = String(cloud.port)
  // Where its files are (a test checks what a phone's upload left in storage).
  process.env.LINLI_WEAPP_CLOUD_DATA_DIR = cloud.dataDir
  ;(globalThis as { linliWeappCloud?: LocalCloudProcess }).linliWeappCloud = cloud
}
