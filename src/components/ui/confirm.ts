import Taro from '@tarojs/taro'

export interface ConfirmOptions {
  /** What is about to happen, as a question: 「确定取消这个预约吗？」 */
  title: string
  /** Who it affects and what they will see; shown under the title. */
  content?: string
  /** The confirm button. WeChat refuses (and shows nothing for) more than 4 characters. */
  confirmText?: string
  cancelText?: string
}

/**
 * Asks before a consequential tap (roles, dispatch, cancellations, broadcasts): true only when the
 * person pressed the confirm button. A dismissed or failed dialog counts as "no".
 * wx.showModal: confirmText/cancelText are at most 4 characters, otherwise the modal silently does
 * not open (https://developers.weixin.qq.com/miniprogram/dev/api/ui/interaction/wx.showModal.html),
 * so longer labels fall back to the defaults 确定/取消 rather than losing the question.
 */
export async function confirm(options: ConfirmOptions): Promise<boolean> {
  const fits = (t: string | undefined): string | undefined => (t && t.length <= 4 ? t : undefined)
  const confirmText = fits(options.confirmText)
  const cancelText = fits(options.cancelText)
  try {
    const res = await Taro.showModal({
      title: options.title,
      content: options.content ?? '',
      ...(confirmText ? { confirmText } : {}),
      ...(cancelText ? { cancelText } : {})
    })
    return res.confirm === true
  } catch {
    return false
  }
}
