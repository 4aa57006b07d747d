/**
 * PhotoStore for use-case specs: photos kept in memory, checked by the same rules as the CloudBase one
 * (photoIdsProblem and storedPhotoProblem in src/server/photo-store.ts). A spec uploads as a phone would:
 *
 *   const photos = inMemoryPhotoStore()
 *   const id = photos.upload('community-1', jpegBytes())      // a fileID in photoCloudPath's form
 *   await photos.check([id], { openId, communityId: 'community-1' })  // null
 *   photos.deleteBehind(id)                                  // the file vanishes (e.g. removed in the console)
 */
import { randomBytes } from 'node:crypto'
import { photoCloudPath, type PhotoExtension, type PhotoStore } from '../../src/core/shared/photo-store.ports'
import { photoMessages, photoProblem } from '../../src/core/shared/photo-store.ports'
import { photoIdsProblem, storedPhotoProblem } from '../../src/server/photo-store'
import { LOCAL_BUCKET, LOCAL_ENV_ID } from '../../src/local-cloud/env'

export interface InMemoryPhotoStore extends PhotoStore {
  /** Stores bytes as a phone's upload; answers the fileID. */
  upload: (communityId: string, bytes: Uint8Array, ext?: PhotoExtension) => string
  /** The files stored now. */
  stored: () => string[]
  /** Removes a file without the store being asked (what a console deletion or a lost upload looks like). */
  deleteBehind: (fileId: string) => void
  /** Calls made (check/urls/remove), to assert "one call for all". */
  calls: string[]
}

/** A tiny JPEG-looking byte string (the magic number is what the check reads), `size` bytes long. */
export function jpegBytes(size = 64): Uint8Array {
  const bytes = new Uint8Array(size)
  bytes.set([0xff, 0xd8, 0xff, 0xe0])
  return bytes
}

export function inMemoryPhotoStore(): InMemoryPhotoStore {
  const files = new Map<string, Uint8Array>()
  const calls: string[] = []
  return {
    calls,
    upload(communityId, bytes, ext = 'jpg') {
      const id = `cloud://${LOCAL_ENV_ID}.${LOCAL_BUCKET}/${photoCloudPath(communityId, randomBytes(16).toString('hex'), ext)}`
      files.set(id, bytes)
      return id
    },
    stored: () => [...files.keys()],
    deleteBehind(fileId) {
      files.delete(fileId)
    },
    async check(fileIds, owner) {
      calls.push('check')
      const shape = photoIdsProblem(fileIds, owner.communityId)
      if (shape) return shape
      for (const id of fileIds) {
        const bytes = files.get(id)
        const problem = bytes
          ? storedPhotoProblem(bytes.length, bytes.subarray(0, 16))
          : photoProblem(photoMessages.missing)
        if (problem) return problem
      }
      return null
    },
    async urls(fileIds) {
      calls.push('urls')
      return fileIds.map(id => (files.has(id) ? `memory://photos/${encodeURIComponent(id)}` : null))
    },
    async remove(fileIds) {
      calls.push('remove')
      for (const id of fileIds) files.delete(id)
    }
  }
}
