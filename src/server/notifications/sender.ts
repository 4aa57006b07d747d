/**
 * The two SubscribeSenders. In the cloud: WeChat's `subscribeMessage.send` through wx-server-sdk
 * (the `notifications` function's config.json lists the permission). Offline (LINLI_OFFLINE=1,
 * set by the local cloud): the message is written to `outbox`, which staff can read in the app.
 */
import type { SubscribeSender } from '../../core/notifications/sender.ports'
import type { OutboxRecord } from '../../core/notifications/notification.model'
import type { Clock } from '../../core/shared/clock'
import type { Db } from '../db/client'
import { insertIfAbsent } from '../db/client'

export function outboxSender(db: Db, clock: Clock): SubscribeSender {
  return {
    async send(m) {
      const record: OutboxRecord = {
        _id: m.id,
        to: m.to,
        kind: m.kind,
        templateId: m.templateId,
        page: m.page,
        data: m.data,
        at: clock.now()
      }
      await insertIfAbsent(db, 'outbox', { ...record })
      return { ok: true }
    }
  }
}

interface WxCloud {
  init: (opts: { env: unknown }) => void
  DYNAMIC_CURRENT_ENV: unknown
  openapi: { subscribeMessage: { send: (req: Record<string, unknown>) => Promise<unknown> } }
}

export function wechatSender(): SubscribeSender {
  let cloud: WxCloud | null = null
  const wx = (): WxCloud => {
    if (!cloud) {
      // Required here, not at the top: only this path needs it, and it is large.
      cloud = require('wx-server-sdk') as WxCloud
      cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })
    }
    return cloud
  }
  return {
    async send(m) {
      try {
        await wx().openapi.subscribeMessage.send({
          touser: m.to,
          templateId: m.templateId,
          page: m.page ?? undefined,
          data: m.data,
          miniprogramState: process.env.LINLI_MP_STATE ?? 'formal',
          lang: 'zh_CN'
        })
        return { ok: true }
      } catch (err) {
        // wx-server-sdk throws CloudSDKError { errCode, errMsg } for WeChat's answers; anything
        // else (timeouts, dropped connections) leaves the outcome unknown.
        const e = err as { errCode?: unknown; errMsg?: unknown; message?: unknown }
        const msg = String(e.errMsg ?? e.message ?? err)
        return typeof e.errCode === 'number'
          ? { ok: false, errcode: e.errCode, errmsg: msg }
          : { ok: false, unknown: true, errmsg: msg }
      }
    }
  }
}

export function senderFor(db: Db, clock: Clock): SubscribeSender {
  return process.env.LINLI_OFFLINE === '1' ? outboxSender(db, clock) : wechatSender()
}
