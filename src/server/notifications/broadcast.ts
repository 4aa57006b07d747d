/**
 * The minute timer's step that finishes community notices whose run died (due-work.ts); the
 * fan-out itself is a use case (core/notifications/broadcast.usecase.ts).
 */
import type { AuditPort } from '../../core/shared/audit'
import type { Clock } from '../../core/shared/clock'
import { resumeBroadcasts as resume } from '../../core/notifications/broadcast.usecase'
import type { Db } from '../db/client'
import { broadcastRepository } from './notifications.repository'

export async function resumeBroadcasts({
  db,
  clock,
  audit
}: {
  db: Db
  clock: Clock
  audit: AuditPort
}): Promise<number> {
  return await resume({ broadcasts: broadcastRepository(db), clock, audit })
}
