/**
 * Conformance of cloud storage (云存储): the real @cloudbase/node-sdk (uploadFile, getTempFileURL,
 * downloadFile, getFileInfo, deleteFile) and wx-server-sdk, unmodified, against the spawned local cloud,
 * or a real CloudBase environment when TCB_ENV / TCB_SECRET_ID / TCB_SECRET_KEY are set (target.ts).
 */
import { randomBytes } from 'node:crypto'
import { LOCAL_BUCKET, LOCAL_ENV_ID } from '../../src/local-cloud/env'
import { realEnv } from '../support/local-cloud'
import { errorCode, openTarget, type Target } from './target'

jest.setTimeout(30_000)

// The local cloud's per-object limit, lowered so the refusal is provable without writing 5 GB
// (storage-rules.ts MAX_OBJECT_BYTES is the platform's). Read by the spawned process.
const LIMIT = 64 * 1024
process.env.LINLI_STORAGE_MAX_BYTES = String(LIMIT)

const wxCloud = require('wx-server-sdk') as Record<string, any>

const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(2000)])
const run = randomBytes(3).toString('hex')
const cloudPath = (name: string): string => `conformance/${run}/${name}`

let t: Target
let app: NonNullable<Target['app']>
beforeAll(async () => {
  t = await openTarget()
  app = t.app!
})
afterAll(async () => {
  await t?.close()
})

describe('node-sdk storage', () => {
  it('uploadFile answers a cloud:// fileID; getTempFileURL a URL that serves the same bytes', async () => {
    const up = await app.uploadFile({ cloudPath: cloudPath('a.jpg'), fileContent: JPEG })
    expect(up.fileID).toMatch(new RegExp(`^cloud://[^/]+\\.[^/]+/${cloudPath('a.jpg')}$`))

    const urls = await app.getTempFileURL({ fileList: [{ fileID: up.fileID!, maxAge: 120 }] })
    expect(urls.fileList).toHaveLength(1)
    expect(urls.fileList[0]).toMatchObject({ fileID: up.fileID, code: 'SUCCESS' })
    const res = await fetch(urls.fileList[0].tempFileURL)
    expect(res.status).toBe(200)
    expect(Buffer.from(await res.arrayBuffer()).equals(JPEG)).toBe(true)

    const down = await app.downloadFile({ fileID: up.fileID! })
    expect(Buffer.isBuffer(down.fileContent) && down.fileContent.equals(JPEG)).toBe(true)

    const info = await app.getFileInfo({ fileList: [up.fileID!] })
    expect(info.fileList[0]).toMatchObject({ code: 'SUCCESS', size: JPEG.length })
    // The local cloud names the type its bytes show; COS keeps what the upload declared (node-sdk declares none), so
    // photo checks read the bytes (src/server/photo-store.ts), never this.
    if (t.kind === 'local') expect(info.fileList[0].mime).toBe('image/jpeg')
  })

  it('a Chinese file name with a space works through upload, temp URL and download', async () => {
    const up = await app.uploadFile({ cloudPath: cloudPath('随手拍 照片.jpg'), fileContent: JPEG })
    expect(up.fileID).toContain('随手拍 照片.jpg')
    const down = await app.downloadFile({ fileID: up.fileID! })
    expect(Buffer.isBuffer(down.fileContent) && down.fileContent.equals(JPEG)).toBe(true)
    const [{ tempFileURL }] = (await app.getTempFileURL({ fileList: [up.fileID!] })).fileList
    expect((await fetch(encodeURI(tempFileURL))).status).toBe(200)
  })

  it('a temp URL with a changed signature is refused (403); a missing file answers STORAGE_FILE_NONEXIST', async () => {
    const up = await app.uploadFile({ cloudPath: cloudPath('b.jpg'), fileContent: JPEG })
    const [{ tempFileURL }] = (await app.getTempFileURL({ fileList: [{ fileID: up.fileID!, maxAge: 60 }] })).fileList
    const url = new URL(tempFileURL)
    url.searchParams.set('sign', '0'.repeat(url.searchParams.get('sign')?.length ?? 8))
    expect((await fetch(url)).status).toBe(403)

    const missing = up.fileID!.replace('b.jpg', 'never-uploaded.jpg')
    const list = await app.getTempFileURL({ fileList: [missing] })
    expect(list.fileList[0]).toMatchObject({ fileID: missing, code: 'STORAGE_FILE_NONEXIST' })
  })

  it('deleteFile answers per file; the file and its temp URLs are gone; deleting again is not an error', async () => {
    const up = await app.uploadFile({ cloudPath: cloudPath('c.jpg'), fileContent: JPEG })
    const [{ tempFileURL }] = (await app.getTempFileURL({ fileList: [up.fileID!] })).fileList
    const del = await app.deleteFile({ fileList: [up.fileID!] })
    expect(del.fileList).toEqual([expect.objectContaining({ fileID: up.fileID, code: 'SUCCESS' })])
    expect((await fetch(tempFileURL)).status).toBe(404)
    const again = await app.deleteFile({ fileList: [up.fileID!] })
    expect(again.fileList[0]).toMatchObject({ fileID: up.fileID, code: 'STORAGE_FILE_NONEXIST' })
    expect(await errorCode(app.downloadFile({ fileID: up.fileID! }))).toBe('STORAGE_FILE_NONEXIST')
  })

  const localOnly = realEnv() ? it.skip : it
  localOnly(
    'over the size limit: COS EntityTooLarge through the SDK, and nothing stored (local: lowered limit)',
    async () => {
      const big = Buffer.concat([JPEG, Buffer.alloc(LIMIT)])
      const failure = await app.uploadFile({ cloudPath: cloudPath('big.jpg'), fileContent: big }).then(
        () => 'stored',
        (err: { code?: string; message?: string }) => `${err.code} ${err.message}`
      )
      expect(failure).toMatch(/^STORAGE_REQUEST_FAIL \[EntityTooLarge\]/)
      const fileID = `cloud://${LOCAL_ENV_ID}.${LOCAL_BUCKET}/${cloudPath('big.jpg')}`
      expect((await app.getTempFileURL({ fileList: [fileID] })).fileList[0].code).toBe('STORAGE_FILE_NONEXIST')
    }
  )
})

describe('wx-server-sdk storage', () => {
  beforeAll(() => {
    wxCloud.init(t.config)
  })

  it('uploadFile / getTempFileURL / downloadFile / deleteFile with its own result shapes', async () => {
    const up = await wxCloud.uploadFile({ cloudPath: cloudPath('wx.jpg'), fileContent: JPEG })
    expect(up.fileID).toContain(cloudPath('wx.jpg'))
    const urls = await wxCloud.getTempFileURL({ fileList: [up.fileID, up.fileID.replace('wx.jpg', 'none.jpg')] })
    expect(urls.fileList.map((f: { status: number }) => f.status)).toEqual([0, -503003])
    expect(urls.fileList[0].errMsg).toBe('ok')
    const down = await wxCloud.downloadFile({ fileID: up.fileID })
    expect(down.fileContent.equals(JPEG)).toBe(true)
    const del = await wxCloud.deleteFile({ fileList: [up.fileID] })
    expect(del.fileList).toEqual([{ fileID: up.fileID, status: 0, errMsg: 'ok' }])
  })
})
