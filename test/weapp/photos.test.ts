/**
 * A photo from the simulated phone to the local cloud's storage, through WeChat's API shapes: wx.chooseMedia
 * answers the photo the person picks, wx.cloud.uploadFile sends it with progress, and the file lands in storage
 * with the phone's OPENID as its owner. The storage rule holds on the phone: no overwriting, no reading or
 * deleting from the client. (The grid pages' journeys attach photos through components/photos the same way.)
 */
import { createHash, randomBytes } from 'crypto'
import { readFileSync } from 'fs'
import path from 'path'
import { photoCloudPath } from '../../src/core/shared/photo-store.ports'
import { useWeappCloud } from './weapp-cloud'

jest.setTimeout(60_000)
const cloud = useWeappCloud()

const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(3000)])

/** What the local cloud stored at `cloudPath` (storage-service.ts keeps one meta file per path). */
function storedMeta(cloudPath: string): Record<string, unknown> | null {
  const dir = process.env.LINLI_WEAPP_CLOUD_DATA_DIR
  if (!dir) throw new Error('LINLI_WEAPP_CLOUD_DATA_DIR is set by weapp.global-setup.ts')
  const key = createHash('sha256').update(cloudPath).digest('hex')
  try {
    return JSON.parse(readFileSync(path.join(dir, 'storage', 'meta', `${key}.json`), 'utf8'))
  } catch {
    return null
  }
}

/** Calls a callback-style wx API and resolves with its success, or rejects with its fail. */
const call = <T>(fn: (o: Record<string, unknown>) => unknown, o: Record<string, unknown> = {}): Promise<T> =>
  new Promise((resolve, reject) => {
    fn({ ...o, success: resolve, fail: reject })
  })

test("a resident's photo goes from the phone's album to cloud storage, with progress, as hers", async () => {
  const app = cloud.launch('demo-resident')
  const wx = app.wxApi
  app.willChooseMedia([{ name: 'IMG_0001.jpg', bytes: JPEG }])
  const chosen = await wx.chooseMedia({ count: 3, mediaType: ['image'], sizeType: ['compressed'] })
  expect(chosen.tempFiles).toEqual([expect.objectContaining({ size: JPEG.length, fileType: 'image' })])
  const filePath = chosen.tempFiles[0].tempFilePath as string
  expect(filePath).toMatch(/^wxfile:\/\/tmp_[0-9a-f]+\.jpg$/)

  wx.cloud.init({ traceUser: true })
  const cloudPath = photoCloudPath('community-1', randomBytes(16).toString('hex'), 'jpg')
  const progress: number[] = []
  const uploaded = await new Promise<{ fileID: string; statusCode: number; errMsg: string }>((resolve, reject) => {
    const task = wx.cloud.uploadFile({ cloudPath, filePath, success: resolve, fail: reject })
    task.onProgressUpdate((r: { progress: number }) => progress.push(r.progress))
  })
  expect(uploaded).toEqual({
    fileID: `cloud://linli-local.6c69-linli-local-1300000000/${cloudPath}`,
    statusCode: 200,
    errMsg: 'cloud.uploadFile:ok'
  })
  expect(progress.at(-1)).toBe(100)
  expect(storedMeta(cloudPath)).toMatchObject({ owner: 'demo-resident', size: JPEG.length, contentType: 'image/jpeg' })

  // The same path again (another phone, or a retry): refused, the first photo stays.
  const other = cloud.launch('demo-elder')
  other.willChooseMedia([{ name: 'x.jpg', bytes: Buffer.from([0xff, 0xd8, 0xff, 0x00]) }])
  const [{ tempFilePath }] = (await other.wxApi.chooseMedia({ count: 1 })).tempFiles
  other.wxApi.cloud.init()
  const refused = await other.wxApi.cloud.uploadFile({ cloudPath, filePath: tempFilePath }).catch((e: unknown) => e)
  expect(refused).toMatchObject({ errCode: -503002, errMsg: expect.stringMatching(/^cloud\.uploadFile:fail /) })
  expect(storedMeta(cloudPath)).toMatchObject({ owner: 'demo-resident', size: JPEG.length })

  // The phone reads and deletes nothing itself: photos are shown through URLs a function issues.
  const urls = await call<{ fileList: unknown[] }>(wx.cloud.getTempFileURL, { fileList: [uploaded.fileID] })
  expect(urls.fileList).toEqual([
    { fileID: uploaded.fileID, tempFileURL: '', status: -503002, errMsg: 'STORAGE_EXCEED_AUTHORITY' }
  ])
  const deleted = await call<{ fileList: unknown[] }>(wx.cloud.deleteFile, { fileList: [uploaded.fileID] })
  expect(deleted.fileList).toEqual([{ fileID: uploaded.fileID, status: -503002, errMsg: 'STORAGE_EXCEED_AUTHORITY' }])
  expect(storedMeta(cloudPath)).not.toBeNull()
})

test('closing the album is a cancel; uploading before wx.cloud.init fails as WeChat says', async () => {
  const app = cloud.launch('demo-resident')
  await expect(app.wxApi.chooseMedia({ count: 1 })).rejects.toMatchObject({ errMsg: 'chooseMedia:fail cancel' })
  app.willChooseMedia([{ name: 'a.jpg', bytes: JPEG }])
  const [{ tempFilePath }] = (await app.wxApi.chooseMedia({ count: 1 })).tempFiles
  await expect(
    app.wxApi.cloud.uploadFile({ cloudPath: 'photos/c/a.jpg', filePath: tempFilePath })
  ).rejects.toMatchObject({
    errMsg: "cloud.uploadFile:fail Cloud API isn't enabled, please call wx.cloud.init first"
  })
})
