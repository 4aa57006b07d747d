/**
 * Who goes on the staff phone follow-up list (电话回访名单): a must-reach notice whose deadline
 * passed while its inbox item was unread and no subscribe message went out. A read item or a
 * delivered message counts as reached; anything else means a person has to call.
 */
import type { DeliveryStatus } from './delivery.rule'

export function reached(readAt: Date | null, delivery: DeliveryStatus | null): boolean {
  return readAt !== null || delivery === 'sent'
}

/**
 * What staff read out on the phone follow-up list (电话回访名单): the notice's title, then its body
 * as a sentence. A colon between them ran into titles that end with a name ("紧急呼叫：张桂芳：张桂芳…").
 */
export const sayOf = (title: string, body: string): string => `${title}${/[。！？!?]$/.test(title) ? '' : '。'}${body}`
