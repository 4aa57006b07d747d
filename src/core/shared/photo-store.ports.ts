/**
 * Photos kept in CloudBase cloud storage (云存储): the app uploads them itself (wx.cloud.uploadFile) and sends their
 * fileIDs; a use case checks them and hands out short-lived download URLs to those allowed to see them.
 * (Placeholder of the lead's skeleton: the storage helper's version of this file replaces it.)
 */
import * as z from 'zod'
import { lazySchema } from './contract'

export const MAX_PHOTOS = 3

export interface PhotoProblem {
  code: 'PHOTO_INVALID'
  message: string
}

export interface PhotoStore {
  /**
   * Checks every fileID names an existing image within the size limit, uploaded by `openId` in `communityId`;
   * answers the first problem (a Chinese message) or null.
   */
  check: (fileIds: readonly string[], owner: { openId: string; communityId: string }) => Promise<PhotoProblem | null>
  /** Short-lived download URLs in the same order; a missing file answers null. */
  urls: (fileIds: readonly string[]) => Promise<(string | null)[]>
  /** Deletes the files (already gone is fine). */
  remove: (fileIds: readonly string[]) => Promise<void>
}

/** A CloudBase fileID: `cloud://<env>.<bucket>/<path>`. */
export const photoIdSchema = lazySchema(() =>
  z
    .string()
    .max(300)
    .regex(/^cloud:\/\/[A-Za-z0-9._-]+\/[A-Za-z0-9._/-]+$/, '照片标识不对，请重新上传')
)
