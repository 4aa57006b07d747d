/**
 * The CloudBase PhotoStore through the real node-sdk against the local cloud's storage (in this process):
 * what `check` refuses, with the Chinese message a resident sees, and that `urls` and `remove` make one
 * SDK call for all photos. test/support/in-memory-photo-store.ts must agree with it (last describe).
 */
import tcb from '@cloudbase/node-sdk'
import { randomBytes } from 'node:crypto'
import { MAX_PHOTO_BYTES, photoCloudPath, photoMessages } from '../core/shared/photo-store.ports'
import { DEV_UPLOAD_PATH, LOCAL_ENV_ID } from '../local-cloud/env'
import type { LocalCloud } from '../local-cloud/server'
import { startCloudInProcess } from '../../test/support/in-process-cloud'
import { inMemoryPhotoStore, jpegBytes } from '../../test/support/in-memory-photo-store'
import type { CloudBaseApp } from './db/client'
import { cloudPhotoStore } from './photo-store'

process.env.TENCENTCLOUD = 'true'
process.env.SILENCE = 'true'

const C = 'community-1'
const owner = { openId: 'o-resident', communityId: C }
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(40)])
const PDF = Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj\n')

let cloud: LocalCloud
let app: CloudBaseApp
const sdkCalls: string[] = []

beforeAll(async () => {
  cloud = await startCloudInProcess({ devLogin: true })
  const real = tcb.init({ env: LOCAL_ENV_ID, serviceUrl: `${cloud.url}/cloudbase`, secretId: 'l', secretKey: 'l' })
  // Counts the storage calls the store makes (the brief: one SDK call for all photos).
  app = new Proxy(real, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown
      if (typeof value !== 'function') return value
      return (...args: unknown[]) => {
        sdkCalls.push(String(prop))
        return (value as (...a: unknown[]) => unknown).apply(target, args)
      }
    }
  })
})
afterAll(async () => {
  await cloud?.close()
})

const store = () => cloudPhotoStore(() => app)

/** A phone's upload, through the dev route as the H5 app and the simulated weapp make it. */
async function phoneUpload(bytes: Uint8Array, communityId = C, ext: 'jpg' | 'png' = 'jpg'): Promise<string> {
  const cloudPath = photoCloudPath(communityId, randomBytes(16).toString('hex'), ext)
  const res = await fetch(`${cloud.url}${DEV_UPLOAD_PATH}?cloudPath=${encodeURIComponent(cloudPath)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream', 'x-wx-openid': owner.openId },
    body: new Uint8Array(bytes)
  })
  const json = (await res.json()) as { fileID: string }
  return json.fileID
}

describe('check', () => {
  it('accepts up to three photos (jpeg, png) of this community', async () => {
    const ids = [await phoneUpload(jpegBytes()), await phoneUpload(PNG, C, 'png'), await phoneUpload(jpegBytes(5000))]
    expect(await store().check(ids, owner)).toBeNull()
    expect(await store().check([], owner)).toBeNull()
  })

  it.each([
    ['four photos', async () => Array.from({ length: 4 }, () => 'x'), photoMessages.tooMany],
    ['a fileID not in photo form', async () => ['cloud://linli-local.b/other/a.jpg'], photoMessages.invalidId],
    ['a control character', async () => ['cloud://linli-local.b/photos/c\u0000/a.jpg'], photoMessages.invalidId],
    ['another community', async () => [await phoneUpload(jpegBytes(), 'community-2')], photoMessages.wrongCommunity],
    ['a file that is no image', async () => [await phoneUpload(PDF)], photoMessages.notImage],
    [
      'a photo that was never uploaded',
      async () => [(await phoneUpload(jpegBytes())).replace(/[0-9a-f]{32}/, 'f'.repeat(32))],
      photoMessages.missing
    ]
  ])('refuses %s with a Chinese message', async (_, ids, message) => {
    expect(await store().check(await ids(), owner)).toEqual({ code: 'PHOTO_INVALID', message })
  })

  it('refuses a photo over 10 MB, reading only its first bytes', async () => {
    const big = jpegBytes(MAX_PHOTO_BYTES + 1)
    const id = await phoneUpload(big)
    expect(await store().check([id], owner)).toEqual({ code: 'PHOTO_INVALID', message: photoMessages.tooLarge })
    expect(photoMessages.tooLarge).toBe('照片太大了：每张不超过 10 MB，请重新拍一张')
  })

  it('names the first problem in the order given', async () => {
    const ok = await phoneUpload(jpegBytes())
    const pdf = await phoneUpload(PDF)
    expect((await store().check([ok, pdf], owner))?.message).toBe(photoMessages.notImage)
  })
})

describe('urls and remove', () => {
  it('answers URLs in order (null for a missing photo) with one SDK call; the URLs serve the photos', async () => {
    const a = await phoneUpload(jpegBytes(100))
    const b = await phoneUpload(PNG, C, 'png')
    const gone = a.replace(/[0-9a-f]{32}/, '0'.repeat(32))
    sdkCalls.length = 0
    const urls = await store().urls([b, gone, a])
    expect(sdkCalls).toEqual(['getTempFileURL'])
    expect(urls[1]).toBeNull()
    const got = await fetch(urls[0]!)
    expect(Buffer.from(await got.arrayBuffer()).equals(PNG)).toBe(true)
    expect((await fetch(urls[2]!)).headers.get('content-length')).toBe('100')
  })

  it('removes in one call, and removing again is fine', async () => {
    const a = await phoneUpload(jpegBytes())
    const b = await phoneUpload(jpegBytes())
    sdkCalls.length = 0
    await store().remove([a, b])
    expect(sdkCalls).toEqual(['deleteFile'])
    await store().remove([a, b])
    expect(await store().urls([a, b])).toEqual([null, null])
    expect(await store().check([a], owner)).toEqual({ code: 'PHOTO_INVALID', message: photoMessages.missing })
  })
})

describe('the in-memory store of the use-case specs agrees', () => {
  it('accepts and refuses the same photos', async () => {
    const mem = inMemoryPhotoStore()
    const ok = mem.upload(C, jpegBytes())
    expect(await mem.check([ok], owner)).toBeNull()
    expect((await mem.check([mem.upload(C, jpegBytes(MAX_PHOTO_BYTES + 1))], owner))?.message).toBe(
      photoMessages.tooLarge
    )
    expect((await mem.check([mem.upload(C, new Uint8Array(PDF))], owner))?.message).toBe(photoMessages.notImage)
    expect((await mem.check([mem.upload('community-2', jpegBytes())], owner))?.message).toBe(
      photoMessages.wrongCommunity
    )
    mem.deleteBehind(ok)
    expect((await mem.check([ok], owner))?.message).toBe(photoMessages.missing)
    expect(await mem.urls([ok])).toEqual([null])
  })
})
