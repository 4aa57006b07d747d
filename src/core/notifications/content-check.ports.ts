/**
 * Text that one user writes and others will read (request notes, task descriptions) is checked
 * before it is stored: WeChat's msgSecCheck in production, a rule-based stand-in offline.
 */
export type ContentVerdict = { pass: true } | { pass: false; reason: string }

export interface ContentCheckPort {
  check: (text: string, openId: string) => Promise<ContentVerdict>
}

export const contentRejected = '内容包含不适合发布的信息，请修改后再提交'
