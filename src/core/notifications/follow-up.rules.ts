/**
 * Who goes on the staff phone follow-up list (电话回访名单): a must-reach notice whose deadline
 * passed while its inbox item was unread and no subscribe message went out. A read item or a
 * delivered message counts as reached; anything else means a person has to call.
 */
import type { DeliveryStatus } from './delivery.rules'

export function reached (readAt: Date | null, delivery: DeliveryStatus | null): boolean {
  return readAt !== null || delivery === 'sent'
}
