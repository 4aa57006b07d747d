/**
 * Hands a produced file to the person: on H5 a browser download; on WeChat the file is written to
 * the mini-program's user folder and opened (Excel opens in WeChat's viewer, from where it can be
 * sent on); JSON, which WeChat can't open, is copied to the clipboard instead.
 */
import Taro from '@tarojs/taro'

export type Saved = 'downloaded' | 'opened' | 'copied'

export async function saveBase64 (fileName: string, base64: string, mime: string): Promise<Saved> {
  if (process.env.TARO_ENV === 'h5') {
    const bytes = Uint8Array.from(atob(base64), c => c.charCodeAt(0))
    download(fileName, new Blob([bytes], { type: mime }))
    return 'downloaded'
  }
  const filePath = `${Taro.env.USER_DATA_PATH}/${fileName}`
  Taro.getFileSystemManager().writeFileSync(filePath, base64, 'base64')
  await Taro.openDocument({ filePath, fileType: 'xlsx', showMenu: true })
  return 'opened'
}

export async function saveJson (fileName: string, value: unknown): Promise<Saved> {
  const text = JSON.stringify(value, null, 2)
  if (process.env.TARO_ENV === 'h5') {
    download(fileName, new Blob([text], { type: 'application/json' }))
    return 'downloaded'
  }
  await Taro.setClipboardData({ data: text })
  return 'copied'
}

function download (fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = fileName
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
