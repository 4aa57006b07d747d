/**
 * PhotoStore over CloudBase storage with @cloudbase/node-sdk (src/core/shared/photo-store.ports.ts): the same
 * code on CloudBase and against the local cloud's storage.
 *
 * `check` asks for all temp URLs in one getTempFileURL, then reads each photo's first 16 bytes with one
 * ranged GET (COS answers 206 with `Content-Range: bytes 0-15/<size>`: the size and the magic number in one
 * request, never the whole photo). getTempFileURL takes at most 50 files per call
 * (https://developers.weixin.qq.com/minigame/dev/wxcloud/reference-server-api/storage/getTempFileURL.html),
 * so longer lists are asked in chunks of 50.
 */
import { IMAGE_SNIFF_BYTES, imageTypeOf } from '../core/shared/image-type'
import {
  MAX_PHOTOS,
  MAX_PHOTO_BYTES,
  PHOTO_TYPES,
  photoCommunityOf,
  photoIdSchema,
  photoMessages,
  photoProblem,
  type PhotoProblem,
  type PhotoStore
} from '../core/shared/photo-store.ports'
import { getApp, type CloudBaseApp } from './db/client'

const SDK_BATCH = 50
/** A checked photo's URL is used at once; a shown photo's lasts an hour (a list stays open a while). */
const CHECK_URL_AGE_S = 60
export const PHOTO_URL_AGE_S = 3600

interface TempUrl {
  fileID: string
  tempFileURL: string
  code: string
}

const chunks = <T>(list: readonly T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, (i + 1) * size))

/** The form a list of fileIDs must have before storage is asked anything: count, shape, community. */
export function photoIdsProblem(fileIds: readonly string[], communityId: string): PhotoProblem | null {
  if (fileIds.length > MAX_PHOTOS) return photoProblem(photoMessages.tooMany)
  if (new Set(fileIds).size !== fileIds.length) return photoProblem(photoMessages.invalidId)
  for (const id of fileIds) {
    const community = photoIdSchema.safeParse(id).success ? photoCommunityOf(id) : null
    if (community === null) return photoProblem(photoMessages.invalidId)
    if (community !== communityId) return photoProblem(photoMessages.wrongCommunity)
  }
  return null
}

/** What one stored photo's size and first bytes make it: fine (null) or the problem. */
export function storedPhotoProblem(size: number, head: Uint8Array): PhotoProblem | null {
  const type = imageTypeOf(head)
  if (type === null || !PHOTO_TYPES.includes(type)) return photoProblem(photoMessages.notImage)
  if (size > MAX_PHOTO_BYTES) return photoProblem(photoMessages.tooLarge)
  return null
}

/** A ranged GET of a temp URL: the file's size and first bytes, or null when it is gone. */
async function headOf(url: string): Promise<{ size: number; head: Uint8Array } | null> {
  // node-sdk's downloadFile encodes the URL the same way before fetching it.
  const res = await fetch(encodeURI(url), { headers: { range: `bytes=0-${IMAGE_SNIFF_BYTES - 1}` } })
  if (res.status === 404) return null
  if (res.status !== 200 && res.status !== 206) throw new Error(`photo storage answered ${res.status}`)
  const head = new Uint8Array(await res.arrayBuffer()).subarray(0, IMAGE_SNIFF_BYTES)
  const total = /\/(\d+)$/.exec(res.headers.get('content-range') ?? '')?.[1] ?? res.headers.get('content-length')
  return { size: Number(total ?? 0), head }
}

export function cloudPhotoStore(app: () => CloudBaseApp = getApp): PhotoStore {
  const tempUrls = async (fileIds: readonly string[], maxAge: number): Promise<TempUrl[]> => {
    const out: TempUrl[] = []
    for (const part of chunks(fileIds, SDK_BATCH)) {
      const res = await app().getTempFileURL({ fileList: part.map(fileID => ({ fileID, maxAge })) })
      out.push(...(res.fileList as TempUrl[]))
    }
    return out
  }

  return {
    async check(fileIds, owner) {
      const shape = photoIdsProblem(fileIds, owner.communityId)
      if (shape || fileIds.length === 0) return shape
      const byId = new Map((await tempUrls(fileIds, CHECK_URL_AGE_S)).map(u => [u.fileID, u]))
      const found = await Promise.all(
        fileIds.map(async id => {
          const u = byId.get(id)
          return u?.code === 'SUCCESS' ? await headOf(u.tempFileURL) : null
        })
      )
      for (const f of found) {
        const problem = f === null ? photoProblem(photoMessages.missing) : storedPhotoProblem(f.size, f.head)
        if (problem) return problem
      }
      return null
    },

    async urls(fileIds) {
      if (fileIds.length === 0) return []
      const byId = new Map((await tempUrls(fileIds, PHOTO_URL_AGE_S)).map(u => [u.fileID, u]))
      return fileIds.map(id => {
        const u = byId.get(id)
        return u?.code === 'SUCCESS' ? u.tempFileURL : null
      })
    },

    async remove(fileIds) {
      for (const part of chunks(fileIds, SDK_BATCH)) {
        const res = await app().deleteFile({ fileList: part })
        const failed = (res.fileList as Array<{ fileID: string; code?: string }>).filter(
          f => f.code !== undefined && f.code !== 'SUCCESS' && f.code !== 'STORAGE_FILE_NONEXIST'
        )
        if (failed.length > 0)
          throw new Error(`deleteFile failed: ${failed.map(f => `${f.fileID} ${f.code}`).join(', ')}`)
      }
    }
  }
}
