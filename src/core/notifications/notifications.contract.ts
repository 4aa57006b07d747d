/**
 * The `notifications` function's contract (core/shared/contract.ts): my inbox and its unread
 * count, the subscribe-grant ledger, my preferences; for staff the offline outbox, the phone
 * follow-up list and community notices (社区通知).
 */
import { defineContract } from '../shared/contract'
import * as s from './notifications.schemas'
import * as v from './notifications.views'

export const notificationsContract = defineContract('notifications', {
  inboxList: () => ({ input: s.inboxListInput, reply: v.inboxPage, codes: [] }),
  unreadCount: () => ({ input: s.unreadInput, reply: v.unreadView, codes: [] }),
  markRead: () => ({ input: s.markReadInput, reply: v.markReadView, codes: [] }),
  templateIds: () => ({ input: s.templateIdsInput, reply: v.templateIdsView, codes: [] }),
  // A retried report must not count the same taps twice.
  reportGrants: () => ({ input: s.reportGrantsInput, reply: v.grantsView, codes: [], idempotent: true }),
  getPrefs: () => ({ input: s.prefsInput, reply: v.prefsView, codes: [] }),
  setPrefs: () => ({ input: s.setPrefsInput, reply: v.prefsView.pick({ mutedTopics: true }), codes: [] }),
  outboxList: () => ({ input: s.outboxListInput, reply: v.outboxPage, codes: [] }),
  followUps: () => ({ input: s.followUpListInput, reply: v.followUpPage, codes: [] }),
  // FORBIDDEN: a grid worker ticking off an entry outside their grid.
  followUpDone: () => ({ input: s.followUpDoneInput, reply: v.followUpDoneView, codes: ['NOT_FOUND', 'FORBIDDEN'] }),
  // Retry-safe without a requestId: the notice's id comes from the app and a second call answers its progress.
  broadcast: () => ({ input: s.broadcastInput, reply: v.broadcastView, codes: [] }),
  broadcastAudience: () => ({ input: s.broadcastAudienceInput, reply: v.broadcastAudienceView, codes: [] }),
  broadcastProgress: () => ({ input: s.broadcastProgressInput, reply: v.broadcastView, codes: ['NOT_FOUND'] })
})
