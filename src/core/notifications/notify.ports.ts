/**
 * The one way any context tells a person something (design.md, "Notifications").
 *
 * `notify` always writes the recipient's in-app inbox. The notifications context then decides,
 * by itself, whether a WeChat subscribe message can also go (an unused grant for the template,
 * not muted, not quiet hours unless urgent) and whether a must-reach notice ends up on the staff
 * phone follow-up list. Callers never deal with grants, templates or retries.
 *
 * Every notice carries a `key`: the same key is delivered once, so a retried use case or a
 * re-run timer never tells anyone twice. Make it `<context>.<event>:<record id>[:<recipient>]`.
 */

/** The subscribe-message templates Linli uses; their ids and fields live in configuration. */
export const templateKeys = [
  /** 预约/报名结果: a booking, enrolment, claim or request was accepted or refused. */
  'booking',
  /** 进度通知: a request or record changed state. */
  'status',
  /** 活动/服务提醒: something starts soon. */
  'reminder',
  /** 紧急通知: SOS and other urgent alerts. */
  'alert'
] as const
export type TemplateKey = (typeof templateKeys)[number]

/** Someone who is not a Linli user (e.g. an elder's family contact): reachable by phone only. */
export interface PhoneContact {
  name: string
  phone: string
}

export interface Notice {
  /** `users._id` (OPENID) of the recipient, or a phone-only contact. */
  to: string | PhoneContact
  /** `<context>.<event>`, e.g. `classes.waitlist-offer`. Users may mute kinds that aren't must-reach. */
  kind: string
  /** Dedupe key: one delivery per key (see above). */
  key: string
  /** Inbox title; also the template's main `thing` field (cut to WeChat's 20 characters). */
  title: string
  /** Inbox body, plain Chinese a resident understands; no full phone numbers of others. */
  body: string
  /** Page the inbox item and the subscribe message open, e.g. `/pages/classes/index`. */
  link?: string
  /** Template that can carry it as a subscribe message; omitted: inbox only. */
  template?: TemplateKey
  /** Template fields. */
  when?: Date
  place?: string
  status?: string
  /** SOS and the like: ignores quiet hours (21:00–08:00) and mutes. */
  urgent?: boolean
  /**
   * The direct answer to what the recipient just did themselves (their booking confirmed): they
   * are awake and waiting for it, so neither quiet hours nor mutes hold it back (mutes.rule.ts).
   */
  reply?: boolean
  /**
   * Must reach the person (SOS, care visit changes, class cancellations): if by this instant the
   * inbox item is unread and no subscribe message went out, staff get it on the phone follow-up
   * list with the number and what to say. Phone-only recipients go straight onto the list.
   */
  mustReachBy?: Date
  /**
   * What the notice is about, when one event tells several people (`elder-care.sos:<call id>`).
   * The follow-up list holds one entry per person and cause, and `settle(cause)` takes the cause's
   * entries off it: nobody needs a call about an SOS already answered or cancelled.
   */
  cause?: string
}

export interface NotifyPort {
  /** Deliver now. Resolves once the inbox item is stored; never throws for a missing grant. */
  notify: (notice: Notice) => Promise<void>
  /** Deliver at `at` (a reminder). Scheduling the same key again moves it. */
  schedule: (notice: Notice, at: Date) => Promise<void>
  /** Drop a scheduled reminder that has not gone yet (the booking was cancelled). */
  cancel: (key: string) => Promise<void>
  /**
   * The cause is dealt with (the SOS was answered, cancelled or resolved): its open follow-up
   * entries close with `note`, and none is added for it from now on.
   */
  settle: (cause: string, note: string) => Promise<void>
}
