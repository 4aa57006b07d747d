/**
 * The offline stand-in for msgSecCheck: a short list of what a community app must never pass on
 * (phone scams, gambling, contact-harvesting ads). It is deliberately small and literal; in
 * production WeChat's own check decides.
 */
import type { ContentVerdict } from './content-check.ports'

const blocked: Array<{ pattern: RegExp; reason: string }> = [
  { pattern: /赌博|博彩|六合彩|百家乐|网赌/, reason: 'gambling' },
  { pattern: /代开发票|办证|刷单|套现|贷款秒批/, reason: 'fraud' },
  { pattern: /(加|\+)\s*(微信|vx|v信|qq)/i, reason: 'contact-ad' },
  { pattern: /法轮|台独|藏独/, reason: 'political' }
]

export function checkText(text: string): ContentVerdict {
  const plain = text.replace(/\s+/g, '')
  for (const rule of blocked) {
    if (rule.pattern.test(plain)) return { pass: false, reason: rule.reason }
  }
  return { pass: true }
}
