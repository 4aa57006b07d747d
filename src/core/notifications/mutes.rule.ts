/**
 * Mutes (消息设置): a person may switch a topic off; its notices still land in the inbox, already
 * read and never pushed. Three kinds of notice are never held back, so for them the person's
 * preferences need not even be read (one request fewer on the caller's path):
 * - urgent ones (an SOS): safety before quiet;
 * - must-reach ones (a class cancelled today): muted, staff would end up phoning instead;
 * - the answer to the person's own tap (`reply`: their enrolment taken): they just acted and are
 *   looking at the answer, and the subscribe grant they gave at that very tap is their consent to
 *   this message. A mute is there to stop what they did not ask for, as quiet hours are
 *   (quiet-hours.rule.ts, which the same notices pass).
 */
import type { Notice } from './notify.ports'
import { topicOf } from './notification.model'

/** Whether the recipient's muted topics can hold this notice back (so whether to read them). */
export function heedsMutes(notice: Pick<Notice, 'urgent' | 'mustReachBy' | 'reply'>): boolean {
  return notice.urgent !== true && !(notice.mustReachBy instanceof Date) && notice.reply !== true
}

/** Whether the notice is muted, given the recipient's muted topics (null: no preferences stored). */
export function isMuted(
  notice: Pick<Notice, 'kind' | 'urgent' | 'mustReachBy' | 'reply'>,
  mutedTopics: readonly string[] | null
): boolean {
  return heedsMutes(notice) && (mutedTopics ?? []).includes(topicOf(notice.kind))
}
