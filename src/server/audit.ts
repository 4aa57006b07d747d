/**
 * The audit writer (`audit` collection): who, what, when, why, target. Every state change goes
 * through it; entries are only ever added, never updated (a keyed one once).
 */
import type { AuditEntry, AuditPort } from '../core/shared/audit'
import type { Clock } from '../core/shared/clock'
import type { Db } from './db/client'
import { insertIfAbsent } from './db/client'

export interface AuditRecord extends AuditEntry {
  at: Date
}

export function auditWriter(db: Db, clock: Clock): AuditPort {
  return {
    async record(entry) {
      const doc: AuditRecord = { ...entry, at: clock.now() }
      // A keyed entry is its own `_id`: recording it again (a repeated follow-through) adds nothing.
      if (entry.key) await insertIfAbsent(db, 'audit', { ...doc, _id: entry.key })
      else await db.collection('audit').add(doc)
    }
  }
}
