/**
 * ContentCheckPort: WeChat's msgSecCheck (v2) in the cloud, the rule-based stand-in offline.
 * A function that uses it lists `security.msgSecCheck` in its config.json permissions.
 */
import type { ContentCheckPort } from '../../core/notifications/content-check.ports'
import { checkText } from '../../core/notifications/content-check.rule'

interface WxSecurity {
  init: (opts: { env: unknown }) => void
  DYNAMIC_CURRENT_ENV: unknown
  openapi: {
    security: {
      msgSecCheck: (req: Record<string, unknown>) => Promise<{ result?: { suggest?: string; label?: number } }>
    }
  }
}

export function contentCheckFor(): ContentCheckPort {
  if (process.env.LINLI_OFFLINE === '1') return { check: async text => checkText(text) }
  let cloud: WxSecurity | null = null
  return {
    async check(text, openId) {
      if (!cloud) {
        cloud = require('wx-server-sdk') as WxSecurity
        cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })
      }
      // scene 2: comments and other text shown to other users.
      const res = await cloud.openapi.security.msgSecCheck({
        content: text.slice(0, 2500),
        version: 2,
        scene: 2,
        openid: openId
      })
      const suggest = res.result?.suggest ?? 'pass'
      // 'review' is treated like 'risky': a community app has no moderator queue for it yet.
      return suggest === 'pass'
        ? { pass: true }
        : { pass: false, reason: `msgSecCheck:${suggest}:${res.result?.label ?? ''}` }
    }
  }
}
