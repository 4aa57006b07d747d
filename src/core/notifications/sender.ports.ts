/** Sends one subscribe message (WeChat's `subscribeMessage.send`, or the offline outbox). */
import type { SendOutcome } from './delivery.rule'

export interface SubscribeMessage {
  /** Notification id, for the outbox and logs. */
  id: string
  to: string
  kind: string
  templateId: string
  page: string | null
  data: Record<string, { value: string }>
}

export interface SubscribeSender {
  send: (message: SubscribeMessage) => Promise<SendOutcome>
}
