/**
 * Every state change, and every staff read of a sensitive field, leaves an audit entry
 * (design.md, "Privacy and safety"): who, what, when, why, target.
 */
export interface AuditEntry {
  /** OPENID of the person acting, or `system:<job>` for scripts and timers. */
  actor: string
  /** `<context>.<verb>`, e.g. `community.grant-role`. */
  action: string
  /** What was touched: `<collection>/<_id>`. */
  target: string
  /** Why, in words a reviewer understands (Chinese or English). */
  reason?: string
  /** Small, non-sensitive facts about the change (never full phone numbers). */
  data?: Record<string, unknown>
  /**
   * Optional idempotency key: an entry with a key is stored once however often it is recorded
   * (a follow-through that a retry or a timer repeats). Without one, every record is a new entry.
   */
  key?: string
}

export interface AuditPort {
  /** Stamps the time itself (through the Clock); resolves once the entry is stored. */
  record: (entry: AuditEntry) => Promise<void>
}
