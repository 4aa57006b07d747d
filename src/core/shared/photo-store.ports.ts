/**
 * Photos that residents attach (随手拍/报事: up to 3 per report). The phone uploads each photo to cloud
 * storage itself (wx.cloud.uploadFile; the H5 demo through the local cloud's dev upload) and sends only
 * the fileIDs; a function checks them with PhotoStore before storing a record that names them, and
 * shows them through short-lived URLs.
 *
 * Where a photo lives: `photos/<communityId>/<32 hex random>.<ext>` (photoCloudPath). The phone does not
 * know its OPENID (WeChat gives it to functions only), so the path cannot name the uploader. What makes
 * a photo "yours" is the id: 128 random bits that only the uploader's phone has seen, as long as replies
 * never hand another person a fileID (show photos through `urls`, never the ids). Storage itself lets a
 * phone add new files only (never overwrite or delete one; src/local-cloud/storage/storage-http.ts), so
 * a checked photo cannot be swapped afterwards.
 */
import * as z from 'zod'
import type { ImageType } from './image-type'

export const MAX_PHOTOS = 3

/**
 * The app's limit per photo: 10 MB. The platform allows far more (COS takes 5 GB per upload), but a
 * phone's compressed photo (wx.chooseMedia sizeType 'compressed') is a few hundred KB to a few MB; 10 MB
 * leaves room for an original from a modern camera while bounding what an elder's data plan pays.
 */
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024

export const PHOTO_TYPES: readonly ImageType[] = ['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'image/heic']

/** File extensions a photo path may end with (the type is still checked on the bytes). */
export const PHOTO_EXTENSIONS = ['jpg', 'jpeg', 'png', 'webp', 'gif', 'heic'] as const
export type PhotoExtension = (typeof PHOTO_EXTENSIONS)[number]

export const photoMessages = {
  tooMany: `最多只能附 ${MAX_PHOTOS} 张照片`,
  tooLarge: `照片太大了：每张不超过 ${MAX_PHOTO_BYTES / 1024 / 1024} MB，请重新拍一张`,
  notImage: '只能上传照片（jpg、png、webp、heic 格式）',
  invalidId: '照片信息不正确，请删除后重新添加',
  missing: '有照片没有上传成功或已被删除，请删除后重新添加',
  wrongCommunity: '照片不属于本社区，请删除后重新添加',
  unavailable: '照片暂时无法核对，请稍后再试'
} as const

export interface PhotoProblem {
  code: 'PHOTO_INVALID'
  /** Chinese, fit to show the resident. */
  message: string
}

export const photoProblem = (message: string): PhotoProblem => ({ code: 'PHOTO_INVALID', message })

/**
 * A request to storage can fail (LINLI_FAULTS makes the local cloud fail like CloudBase): then these reject, which
 * is no photo problem; the router answers INTERNAL and the person's retry (same requestId) asks again. `remove`
 * may have deleted some files before failing; calling it again finishes (already gone is fine).
 */
export interface PhotoStore {
  /**
   * Checks every fileID names an existing image (jpeg/png/webp/gif/heic, by its bytes) within MAX_PHOTO_BYTES,
   * stored under `photos/<communityId>/` in photoCloudPath's form; answers the first problem or null.
   * `owner.openId` is the caller: ownership rests on the unguessable id (see the top of this file), since
   * CloudBase does not tell a function who uploaded a file.
   */
  check(fileIds: readonly string[], owner: { openId: string; communityId: string }): Promise<PhotoProblem | null>
  /** Short-lived download URLs in the same order; a missing file answers null. One SDK call for all. */
  urls(fileIds: readonly string[]): Promise<(string | null)[]>
  /** Deletes the files (idempotent: already gone is fine). */
  remove(fileIds: readonly string[]): Promise<void>
}

/** A fileID as CloudBase issues it: `cloud://<env>.<bucket>/<cloudPath>`, no control characters, ≤ 512 long. */
export const photoIdSchema = z
  .string()
  .max(512, photoMessages.invalidId)
  .regex(/^cloud:\/\/[A-Za-z0-9-]+\.[A-Za-z0-9-]+\/[^\u0000-\u001f\u007f]+$/, photoMessages.invalidId)

/** The photos of one report: at most MAX_PHOTOS, no repeats. */
export const photoIdsSchema = z
  .array(photoIdSchema)
  .max(MAX_PHOTOS, photoMessages.tooMany)
  .refine(ids => new Set(ids).size === ids.length, photoMessages.invalidId)

const PHOTO_NAME = new RegExp(`^[0-9a-f]{32}\\.(${PHOTO_EXTENSIONS.join('|')})$`)

/** Where a phone uploads a photo: `photos/<communityId>/<randomHex32>.<ext>`. */
export function photoCloudPath(communityId: string, randomHex32: string, ext: PhotoExtension): string {
  return `photos/${communityId}/${randomHex32}.${ext}`
}

/** The community a photo's fileID is filed under, if the fileID has photoCloudPath's form. */
export function photoCommunityOf(fileId: string): string | null {
  const m = /^cloud:\/\/[^/]+\/photos\/([^/]+)\/([^/]+)$/.exec(fileId)
  return m && PHOTO_NAME.test(m[2]) ? m[1] : null
}

/** The extension to store a photo under, from its file name or declared type; null when it is no photo. */
export function photoExtensionOf(nameOrType: string): PhotoExtension | null {
  const s = nameOrType.toLowerCase()
  const ext = /\.([a-z0-9]+)$/.exec(s)?.[1] ?? /^image\/([a-z0-9]+)$/.exec(s)?.[1] ?? ''
  const normal = ext === 'jpeg' ? 'jpg' : ext
  return (PHOTO_EXTENSIONS as readonly string[]).includes(normal) ? (normal as PhotoExtension) : null
}
