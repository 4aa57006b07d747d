/**
 * The platform's storage rules the local cloud enforces, each with its source. Pure: the service
 * (storage-service.ts) and its HTTP surface apply them.
 */
import { IMAGE_SNIFF_BYTES, imageTypeOf } from '../../core/shared/image-type'

/**
 * A single object's upper bound: CloudBase storage is Tencent COS, whose simple upload (PUT Object,
 * what node-sdk's uploadFile sends) takes at most 5 GB; beyond it COS answers 400 EntityTooLarge.
 * https://www.tencentcloud.com/document/product/436/14113 ("suitable for uploading individual
 * objects not exceeding 5GB in a single request"). Photos are far smaller: the app's own limit is
 * MAX_PHOTO_BYTES (src/core/shared/photo-store.ports.ts), checked by the picker and the function.
 */
export const MAX_OBJECT_BYTES = 5 * 1024 * 1024 * 1024

/**
 * getTempFileURL: "一次最多取 50 个", validity "默认一天且最大不超过一天" (default and maximum one day).
 * https://developers.weixin.qq.com/minigame/dev/wxcloud/reference-server-api/storage/getTempFileURL.html
 * A longer max_age is refused here rather than silently shortened: code asking for two days is wrong
 * on the platform too. deleteFile takes the same batch size (its docs: "最多 50 个").
 */
export const MAX_BATCH = 50
export const DEFAULT_URL_MAX_AGE_S = 86_400
export const MAX_URL_MAX_AGE_S = 86_400

/** How long getUploadMetadata's signed upload authorization lasts (node-sdk signs its own requests for 600 s). */
export const UPLOAD_AUTH_TTL_S = 600

/**
 * CloudBase's file naming rules (文件名命名限制): not empty, no leading `/`, no `//`, at most 850 bytes
 * encoded, no control characters (CAN, EM, SUB, ESC are named; the whole 00-1F and 7F range "needs
 * special handling", so it is refused here).
 * https://developers.weixin.qq.com/minigame/dev/wxcloud/guide/storage/naming.html
 */
export function cloudPathProblem(path: unknown): string | null {
  if (typeof path !== 'string' || path === '') return 'cloudPath must be a non-empty string'
  if (path.startsWith('/')) return 'cloudPath must not start with /'
  if (path.includes('//')) return 'cloudPath must not contain //'
  if (Buffer.byteLength(path, 'utf8') > 850) return 'cloudPath must be at most 850 bytes'
  if (/[\u0000-\u001f\u007f]/.test(path)) return 'cloudPath must not contain control characters'
  if (path.split('/').some(part => part === '.' || part === '..')) return 'cloudPath must not contain . or .. parts'
  return null
}

/**
 * A fileID as CloudBase issues it: `cloud://<env>.<bucket>/<cloudPath>`
 * (https://developers.weixin.qq.com/miniprogram/dev/wxcloud/guide/storage/api.html: "文件 ID").
 */
export interface ParsedFileId {
  env: string
  bucket: string
  cloudPath: string
}

export function parseFileId(fileId: unknown): ParsedFileId | null {
  if (typeof fileId !== 'string') return null
  const m = /^cloud:\/\/([A-Za-z0-9-]+)\.([A-Za-z0-9-]+)\/(.+)$/.exec(fileId)
  if (!m || cloudPathProblem(m[3]) !== null) return null
  return { env: m[1], bucket: m[2], cloudPath: m[3] }
}

export function fileIdOf(env: string, bucket: string, cloudPath: string): string {
  return `cloud://${env}.${bucket}/${cloudPath}`
}

/** A stored file's Content-Type: the image type its bytes name, else a plain byte stream. */
export function sniffContentType(head: Buffer): string {
  return imageTypeOf(head) ?? 'application/octet-stream'
}

export { IMAGE_SNIFF_BYTES as SNIFF_BYTES }
