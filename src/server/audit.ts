/**
 * The audit writer (`audit` collection): who, what, when, why, target. Every state change goes
 * through it; entries are only ever added, never updated.
 */
import type { AuditEntry, AuditPort } from '../core/shared/audit'
import type { Clock } from '../core/shared/clock'
import type { Db } from './db/client'

export interface AuditRecord extends AuditEntry {
  at: Date
}

export function auditWriter (db: Db, clock: Clock): AuditPort {
  return {
    async record (entry) {
      const doc: AuditRecord = { ...entry, at: clock.now() }
      await db.collection('audit').add(doc)
    }
  }
}
