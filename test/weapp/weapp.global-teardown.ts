/** Jest globalTeardown of the `weapp` project: stops the shared local cloud and deletes its data. */
import type { LocalCloudProcess } from '../support/local-cloud'

export default async function globalTeardown(): Promise<void> {
  await (globalThis as { linliWeappCloud?: LocalCloudProcess }).linliWeappCloud?.dispose()
}
