/**
 * Hands a file to the person: on H5 a browser download; on WeChat a PDF is written to the
 * mini-program's user folder and opened in WeChat's viewer (from where it can be saved or sent),
 * and text (CSV, which WeChat's viewer can't open) is copied to the clipboard.
 */
import Taro from '@tarojs/taro'

export async function saveFile (fileName: string, bytes: Uint8Array | string, mime: string): Promise<void> {
  if (process.env.TARO_ENV === 'h5') {
    const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: mime }))
    const a = document.createElement('a')
    a.href = url
    a.download = fileName
    document.body.appendChild(a)
    a.click()
    a.remove()
    setTimeout(() => URL.revokeObjectURL(url), 10_000)
    return
  }
  if (typeof bytes === 'string') {
    await Taro.setClipboardData({ data: bytes })
    return
  }
  const filePath = `${(Taro as unknown as { env: { USER_DATA_PATH: string } }).env.USER_DATA_PATH}/${fileName}`
  Taro.getFileSystemManager().writeFileSync(filePath, bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer)
  await Taro.openDocument({ filePath, fileType: 'pdf', showMenu: true })
}

export const fromBase64 = (b64: string): Uint8Array => Uint8Array.from(atob(b64), c => c.charCodeAt(0))
