/**
 * A resident's photo from the phone to cloud storage; only its fileID goes on to a function, which checks
 * it again (PhotoStore.check, src/core/shared/photo-store.ports.ts). Never throws: every outcome is a value
 * with a Chinese message fit to show.
 *
 *   weapp: Taro.chooseMedia (images, compressed) → Taro.cloud.uploadFile({ cloudPath, filePath }) with
 *          onProgressUpdate on its UploadTask
 *          https://developers.weixin.qq.com/miniprogram/dev/api/media/video/wx.chooseMedia.html
 *          https://developers.weixin.qq.com/miniprogram/dev/wxcloudservice/wxcloud/reference-sdk-api/storage/uploadFile/client.uploadFile.md
 *   H5 (the local demo): the browser's file, POSTed to the local cloud's dev upload (POST /dev/storage/upload,
 *          src/local-cloud/server.ts), which stores it through the same storage service with the same limits.
 *
 * The path is photoCloudPath(communityId, 32 random hex): the phone does not know its OPENID, and the random
 * name is what makes the photo the uploader's (see photo-store.ports.ts), so it comes from a cryptographically
 * secure source: WebCrypto on H5, wx.getRandomValues on WeChat (base library ≥ 2.15.0,
 * https://developers.weixin.qq.com/miniprogram/dev/api/device/crypto/wx.getRandomValues.html).
 */
import Taro from '@tarojs/taro'
import {
  MAX_PHOTO_BYTES,
  photoCloudPath,
  photoExtensionOf,
  photoMessages,
  type PhotoExtension
} from '@/core/shared/photo-store.ports'
import { ensureCloud, unauthenticatedError } from './call-function'
import { getPersonaOpenId } from './identity'

export interface PickedPhoto {
  /** A local path the phone can show (wxfile://… on WeChat, blob:… on H5). */
  path: string
  size: number
  /** The extension it will be stored under; null when it is no photo. */
  ext: PhotoExtension | null
  /** H5: the browser's file. */
  file?: Blob
}

/** `message` null: the person closed the picker, nothing to say. */
export type PickResult = { ok: true; photos: PickedPhoto[] } | { ok: false; message: string | null }
export type UploadResult = { ok: true; fileId: string } | { ok: false; message: string }

export const uploadMessages = {
  pickFailed: '没能打开相册或相机，请稍后再试',
  uploadFailed: '照片没有传上去，请检查网络后重试',
  noRandom: '这台手机的微信版本太旧，无法上传照片，请升级微信后再试'
} as const

/** The local cloud's stand-in for wx.cloud.uploadFile (server.ts DEV_UPLOAD_PATH in src/local-cloud/env.ts). */
const DEV_UPLOAD_PATH = '/dev/storage/upload'

interface ChosenFile {
  tempFilePath: string
  size: number
  /** WeChat: 'image' | 'video'; Taro's H5: the browser's MIME type. */
  fileType?: string
  originalFileObj?: Blob
}

export async function pickPhotos(count: number): Promise<PickResult> {
  if (count < 1) return { ok: false, message: photoMessages.tooMany }
  try {
    const res = (await Taro.chooseMedia({
      count,
      mediaType: ['image'],
      sizeType: ['compressed'],
      sourceType: ['album', 'camera']
    })) as unknown as { tempFiles: ChosenFile[] }
    const photos = res.tempFiles.slice(0, count).map(f => {
      const h5Type = f.fileType && f.fileType.includes('/') ? f.fileType : ''
      return {
        path: f.tempFilePath,
        size: f.size,
        ext: photoExtensionOf(h5Type) ?? photoExtensionOf(f.tempFilePath),
        ...(f.originalFileObj ? { file: f.originalFileObj } : {})
      }
    })
    return { ok: true, photos }
  } catch (e) {
    const errMsg = String((e as { errMsg?: unknown })?.errMsg ?? '')
    return { ok: false, message: /cancel|abort/i.test(errMsg) ? null : uploadMessages.pickFailed }
  }
}

/** Why a picked photo can't be uploaded (checked before any upload), or null. */
export function photoRefusal(photo: PickedPhoto): string | null {
  if (photo.ext === null) return photoMessages.notImage
  if (photo.size > MAX_PHOTO_BYTES) return photoMessages.tooLarge
  return null
}

/** Uploads one photo; `onProgress` gets 0–100. */
export async function uploadPhoto(
  photo: PickedPhoto,
  communityId: string,
  onProgress: (percent: number) => void = () => undefined
): Promise<UploadResult> {
  const refusal = photoRefusal(photo)
  if (refusal !== null) return { ok: false, message: refusal }
  try {
    const random = await randomHex32()
    if (random === null) return { ok: false, message: uploadMessages.noRandom }
    const cloudPath = photoCloudPath(communityId, random, photo.ext as PhotoExtension)
    return process.env.TARO_ENV === 'h5'
      ? await uploadOverHttp(photo, cloudPath, onProgress)
      : await uploadOverCloud(photo, cloudPath, onProgress)
  } catch {
    return { ok: false, message: uploadMessages.uploadFailed }
  }
}

function uploadOverCloud(
  photo: PickedPhoto,
  cloudPath: string,
  onProgress: (p: number) => void
): Promise<UploadResult> {
  ensureCloud()
  return new Promise(resolve => {
    // The UploadTask (and its progress) comes back only when callbacks are given (uploadFile's docs).
    const task = Taro.cloud.uploadFile({
      cloudPath,
      filePath: photo.path,
      success: res =>
        resolve(res.fileID ? { ok: true, fileId: res.fileID } : { ok: false, message: uploadMessages.uploadFailed }),
      fail: () => resolve({ ok: false, message: uploadMessages.uploadFailed })
    }) as unknown as { onProgressUpdate?: (cb: (r: { progress: number }) => void) => void } | undefined
    task?.onProgressUpdate?.(r => onProgress(r.progress))
  })
}

/* eslint-disable no-restricted-globals -- H5 only (the TARO_ENV === 'h5' branch above): XMLHttpRequest is the
   browser's way to report upload progress. The weapp build drops it as dead code. */
function uploadOverHttp(photo: PickedPhoto, cloudPath: string, onProgress: (p: number) => void): Promise<UploadResult> {
  const openId = getPersonaOpenId()
  if (!openId) return Promise.resolve({ ok: false, message: unauthenticatedError.message })
  if (!photo.file) return Promise.resolve({ ok: false, message: uploadMessages.uploadFailed })
  const file = photo.file
  return new Promise(resolve => {
    const xhr = new XMLHttpRequest()
    xhr.open('POST', `${DEV_UPLOAD_PATH}?cloudPath=${encodeURIComponent(cloudPath)}`)
    xhr.setRequestHeader('Content-Type', 'application/octet-stream')
    xhr.setRequestHeader('X-WX-OPENID', openId)
    xhr.upload.onprogress = e => {
      if (e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100))
    }
    xhr.onload = () => {
      let body: { fileID?: unknown; message?: unknown } = {}
      try {
        body = JSON.parse(xhr.responseText) as typeof body
      } catch {
        /* answered below */
      }
      if (xhr.status === 200 && typeof body.fileID === 'string') resolve({ ok: true, fileId: body.fileID })
      else if (xhr.status === 401) resolve({ ok: false, message: unauthenticatedError.message })
      else if (/exceeds/.test(String(body.message ?? ''))) resolve({ ok: false, message: photoMessages.tooLarge })
      else resolve({ ok: false, message: uploadMessages.uploadFailed })
    }
    xhr.onerror = () => resolve({ ok: false, message: uploadMessages.uploadFailed })
    xhr.send(file)
  })
}

/** 16 cryptographically secure random bytes as 32 hex digits, or null when the phone offers no such source. */
async function randomHex32(): Promise<string | null> {
  const hex = (bytes: Uint8Array): string => Array.from(bytes, b => (b < 16 ? '0' : '') + b.toString(16)).join('')
  const webCrypto = (globalThis as { crypto?: { getRandomValues?: (a: Uint8Array) => Uint8Array } }).crypto
  if (webCrypto?.getRandomValues) return hex(webCrypto.getRandomValues(new Uint8Array(16)))
  // Taro passes wx.getRandomValues through as WeChat's callback API (it is not among Taro's promisified ones).
  type WxRandom = (o: { length: number; success: (r: { randomValues: ArrayBuffer }) => void; fail: () => void }) => void
  const wxRandom = (Taro as unknown as { getRandomValues?: WxRandom }).getRandomValues
  if (typeof wxRandom !== 'function') return null
  return await new Promise(resolve => {
    wxRandom({
      length: 16,
      success: r => resolve(hex(new Uint8Array(r.randomValues))),
      fail: () => resolve(null)
    })
  })
}
/* eslint-enable no-restricted-globals */
