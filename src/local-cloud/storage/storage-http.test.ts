/**
 * The storage HTTP surface as server.ts wires it: the phone's dev-login upload (owner, new files only,
 * size limit, refused outside dev mode or from another site) and temp URLs (Range, HEAD, expiry refusal).
 */
import { DEV_STORAGE_BATCH_PATH, DEV_UPLOAD_PATH } from '../env'
import type { LocalCloud } from '../server'
import { startCloudInProcess } from '../../../test/support/in-process-cloud'

const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(100, 3)])
const LIMIT = 4096

const start = async (devLogin: boolean): Promise<LocalCloud> =>
  await startCloudInProcess({ devLogin, maxObjectBytes: LIMIT })

const upload = async (
  cloud: LocalCloud,
  cloudPath: string,
  bytes: Buffer,
  headers: Record<string, string> = { 'X-WX-OPENID': 'o-resident' }
): Promise<{ status: number; json: any }> => {
  const res = await fetch(`${cloud.url}${DEV_UPLOAD_PATH}?cloudPath=${encodeURIComponent(cloudPath)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream', ...headers },
    body: new Uint8Array(bytes)
  })
  return { status: res.status, json: await res.json() }
}

describe('dev mode on', () => {
  let cloud: LocalCloud
  beforeAll(async () => {
    cloud = await start(true)
  })
  afterAll(async () => {
    await cloud.close()
  })

  it("stores a phone's upload with its OPENID as owner; the same path again is refused", async () => {
    const r = await upload(cloud, 'photos/c1/a.jpg', JPEG)
    expect(r).toEqual({
      status: 200,
      json: { fileID: 'cloud://linli-local.6c69-linli-local-1300000000/photos/c1/a.jpg' }
    })
    expect(cloud.storage.stat('photos/c1/a.jpg')).toMatchObject({
      owner: 'o-resident',
      size: JPEG.length,
      contentType: 'image/jpeg'
    })
    const again = await upload(cloud, 'photos/c1/a.jpg', JPEG, { 'X-WX-OPENID': 'o-other' })
    expect(again.status).toBe(403)
    expect(again.json).toMatchObject({ code: 'STORAGE_EXCEED_AUTHORITY', errCode: -503002 })
    expect(cloud.storage.stat('photos/c1/a.jpg')?.owner).toBe('o-resident')
  })

  it('over the limit: EntityTooLarge, nothing stored; the next upload is served', async () => {
    const r = await upload(cloud, 'photos/c1/big.jpg', Buffer.concat([JPEG, Buffer.alloc(LIMIT)]))
    expect(r.status).toBe(400)
    expect(r.json).toMatchObject({
      code: 'STORAGE_REQUEST_FAIL',
      errCode: -503001,
      message: expect.stringContaining('exceeds')
    })
    expect(cloud.storage.stat('photos/c1/big.jpg')).toBeNull()
    expect((await upload(cloud, 'photos/c1/small.jpg', JPEG)).status).toBe(200)
  })

  it('refuses no caller, a bad path, a form-like body type and another site', async () => {
    expect((await upload(cloud, 'photos/c1/x.jpg', JPEG, {})).status).toBe(401)
    expect((await upload(cloud, '/abs.jpg', JPEG)).json.code).toBe('INVALID_PARAM')
    const form = await fetch(`${cloud.url}${DEV_UPLOAD_PATH}?cloudPath=f.jpg`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', 'X-WX-OPENID': 'o-resident' },
      body: new Uint8Array(JPEG)
    })
    expect(form.status).toBe(403)
    expect(
      (await upload(cloud, 'o.jpg', JPEG, { 'X-WX-OPENID': 'o-resident', Origin: 'http://evil.example' })).status
    ).toBe(403)
    expect(cloud.storage.stat('f.jpg')).toBeNull()
    expect(cloud.storage.stat('o.jpg')).toBeNull()
  })

  it('a phone may neither read nor delete a stored file (its getTempFileURL / deleteFile), per file', async () => {
    const { json } = await upload(cloud, 'photos/c1/keep.jpg', JPEG)
    const missing = json.fileID.replace('keep', 'never')
    const batch = async (body: unknown, openId = 'o-resident') =>
      await fetch(`${cloud.url}${DEV_STORAGE_BATCH_PATH}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-wx-openid': openId },
        body: JSON.stringify(body)
      })
    const urls = await (await batch({ op: 'getTempFileURL', fileList: [json.fileID, missing] })).json()
    expect(urls.fileList).toEqual([
      { fileID: json.fileID, tempFileURL: '', status: -503002, errMsg: 'STORAGE_EXCEED_AUTHORITY' },
      { fileID: missing, tempFileURL: '', status: -503003, errMsg: 'STORAGE_FILE_NONEXIST' }
    ])
    const del = await (await batch({ op: 'deleteFile', fileList: [json.fileID] })).json()
    expect(del.fileList).toEqual([{ fileID: json.fileID, status: -503002, errMsg: 'STORAGE_EXCEED_AUTHORITY' }])
    expect(cloud.storage.stat('photos/c1/keep.jpg')).not.toBeNull()
    expect((await batch({ op: 'deleteFile', fileList: Array(51).fill(json.fileID) })).status).toBe(400)
    expect((await batch({ op: 'rename', fileList: [json.fileID] })).status).toBe(400)
  })

  it('temp URLs serve ranges and HEAD; a URL without its signature is AccessDenied XML', async () => {
    await upload(cloud, 'photos/c1/r.jpg', JPEG)
    const url = cloud.storage.tempUrl('photos/c1/r.jpg', 60)
    const ranged = await fetch(url, { headers: { range: 'bytes=0-3' } })
    expect(ranged.status).toBe(206)
    expect(Buffer.from(await ranged.arrayBuffer()).equals(JPEG.subarray(0, 4))).toBe(true)
    const head = await fetch(url, { method: 'HEAD' })
    expect([head.status, head.headers.get('content-length'), head.headers.get('content-type')]).toEqual([
      200,
      String(JPEG.length),
      'image/jpeg'
    ])
    const bare = await fetch(url.split('?')[0])
    expect(bare.status).toBe(403)
    expect(await bare.text()).toContain('<Code>AccessDenied</Code>')
  })
})

describe('dev mode off', () => {
  it('refuses every phone upload', async () => {
    const cloud = await start(false)
    try {
      expect((await upload(cloud, 'photos/c1/a.jpg', JPEG)).status).toBe(401)
      expect(cloud.storage.stat('photos/c1/a.jpg')).toBeNull()
    } finally {
      await cloud.close()
    }
  })
})
