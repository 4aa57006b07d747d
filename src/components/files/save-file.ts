/**
 * Hands a file the server produced to the person. On H5: a browser download. On WeChat: a binary
 * file (PDF, Excel) is written to the mini-program's user folder and opened in WeChat's viewer,
 * from where it can be saved or sent on; text (JSON, CSV), which that viewer can't open, is copied
 * to the clipboard. The clipboard is a privacy API: when the person declines the privacy popup
 * (components/privacy) the copy fails; we say why and answer 'not-copied'.
 */
import Taro from '@tarojs/taro'
import { base64ToBytes } from '@/core/shared/base64'
import { privacyCopy } from '../privacy/privacy-copy'

export type Saved = 'downloaded' | 'opened' | 'copied' | 'not-copied'

export async function saveBase64(
  fileName: string,
  base64: string,
  mime: string,
  fileType: 'pdf' | 'xlsx'
): Promise<Saved> {
  if (process.env.TARO_ENV === 'h5') {
    // eslint-disable-next-line no-restricted-globals -- inside the H5-only branch
    download(fileName, new Blob([base64ToBytes(base64) ?? new Uint8Array()], { type: mime }))
    return 'downloaded'
  }
  const filePath = `${Taro.env.USER_DATA_PATH}/${fileName}`
  Taro.getFileSystemManager().writeFileSync(filePath, base64, 'base64')
  await Taro.openDocument({ filePath, fileType, showMenu: true })
  return 'opened'
}

export async function saveText(fileName: string, text: string, mime: string): Promise<Saved> {
  if (process.env.TARO_ENV === 'h5') {
    // eslint-disable-next-line no-restricted-globals -- inside the H5-only branch
    download(fileName, new Blob([text], { type: mime }))
    return 'downloaded'
  }
  try {
    await Taro.setClipboardData({ data: text })
    return 'copied'
  } catch (e) {
    const privacy = /privacy/i.test(String((e as { errMsg?: string })?.errMsg ?? ''))
    void Taro.showModal({
      title: privacyCopy.notCopied,
      content: privacy ? privacyCopy.clipboardRefused : privacyCopy.clipboardFailed,
      showCancel: false
    })
    return 'not-copied'
  }
}

/* eslint-disable no-restricted-globals -- H5 only (called from the TARO_ENV === 'h5' branches above): a
   browser download. The weapp build drops it as dead code (TARO_ENV is a build-time constant). */
function download(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = fileName
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
/* eslint-enable no-restricted-globals */
