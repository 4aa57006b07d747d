/**
 * An in-memory NotifyPort for use-case tests: records what would have been told, and keeps the
 * port's promise of one delivery per key, so tests can assert "told once" after retries.
 */
import type { Notice, NotifyPort } from '../../src/core/notifications/notify.ports'

export interface FakeNotifier extends NotifyPort {
  sent: Notice[]
  scheduled: Map<string, { notice: Notice; at: Date }>
  /** Causes settled (notify.ports settle), with the note. */
  settled: Map<string, string>
  /** Notices sent to this recipient (OPENID or phone). */
  to: (recipient: string) => Notice[]
}

export function fakeNotifier(): FakeNotifier {
  const sent: Notice[] = []
  const seen = new Set<string>()
  const scheduled = new Map<string, { notice: Notice; at: Date }>()
  const settled = new Map<string, string>()
  const recipientOf = (n: Notice): string => (typeof n.to === 'string' ? n.to : n.to.phone)
  return {
    sent,
    scheduled,
    settled,
    to: recipient => sent.filter(n => recipientOf(n) === recipient),
    async notify(notice) {
      const id = `${notice.key}>${recipientOf(notice)}`
      if (seen.has(id)) return
      seen.add(id)
      sent.push(notice)
    },
    async schedule(notice, at) {
      scheduled.set(notice.key, { notice, at })
    },
    async cancel(key) {
      scheduled.delete(key)
    },
    async settle(cause, note) {
      settled.set(cause, note)
    }
  }
}
