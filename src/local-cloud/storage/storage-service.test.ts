/**
 * The storage service on its own: what is stored (whole or nothing), its metadata, the size limit,
 * the phone's "new files only" rule, signed temp URLs that expire, deletion, and a restart.
 * The real SDKs drive it over HTTP in test/conformance/storage.test.ts.
 */
import { existsSync, mkdtempSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { Readable } from 'node:stream'
import { StorageError, StorageService } from './storage-service'
import { cloudPathProblem, parseFileId, sniffContentType } from './storage-rules'

const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(60, 7)])
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(20, 1)])

let now = 1_800_000_000
function open(dir = mkdtempSync(path.join(tmpdir(), 'linli-storage-')), maxObjectBytes = 1000): StorageService {
  return new StorageService({
    dir,
    envId: 'linli-local',
    bucket: '6c69-linli-local-1300000000',
    origin: () => 'http://127.0.0.1:9',
    maxObjectBytes,
    nowS: () => now
  })
}
const body = (...chunks: Buffer[]): AsyncIterable<Buffer> => Readable.from(chunks)
const code = async (p: Promise<unknown>): Promise<string> =>
  await p.then(
    () => 'stored',
    (err: unknown) => (err instanceof StorageError ? `${err.code}/${err.cos.code}` : String(err))
  )

describe('storing files', () => {
  it('keeps the bytes with who uploaded them, the size, the sniffed type and when', async () => {
    const s = open()
    const meta = await s.store({ cloudPath: 'photos/c1/a.jpg', body: body(JPEG), owner: 'o-resident', mustBeNew: true })
    expect(meta).toMatchObject({
      fileId: 'cloud://linli-local.6c69-linli-local-1300000000/photos/c1/a.jpg',
      size: JPEG.length,
      contentType: 'image/jpeg',
      owner: 'o-resident',
      createdAt: new Date(now * 1000).toISOString()
    })
    expect(s.metaOfFileId(meta.fileId)).toEqual(meta)
    const chunks: Buffer[] = []
    for await (const c of s.read(meta) as AsyncIterable<Buffer>) chunks.push(c)
    expect(Buffer.concat(chunks).equals(JPEG)).toBe(true)
  })

  it('refuses a file over the limit with EntityTooLarge and stores nothing (not even a temp file)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'linli-storage-'))
    const s = open(dir, 1000)
    expect(
      await code(s.store({ cloudPath: 'big.jpg', body: body(JPEG, Buffer.alloc(1000)), owner: null, mustBeNew: false }))
    ).toBe('STORAGE_REQUEST_FAIL/EntityTooLarge')
    expect(s.stat('big.jpg')).toBeNull()
    expect(readdirSync(path.join(dir, 'storage', 'objects'))).toEqual([])
    expect(readdirSync(path.join(dir, 'storage', 'tmp'))).toEqual([])
    // Exactly at the limit is fine.
    expect(
      await code(s.store({ cloudPath: 'ok.bin', body: body(Buffer.alloc(1000)), owner: null, mustBeNew: false }))
    ).toBe('stored')
  })

  it('a phone adds new files only; the admin side may overwrite, leaving one whole file', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'linli-storage-'))
    const s = open(dir)
    await s.store({ cloudPath: 'p/x.jpg', body: body(JPEG), owner: 'o-a', mustBeNew: true })
    expect(await code(s.store({ cloudPath: 'p/x.jpg', body: body(PNG), owner: 'o-a', mustBeNew: true }))).toBe(
      'STORAGE_EXCEED_AUTHORITY/AccessDenied'
    )
    expect(s.stat('p/x.jpg')?.contentType).toBe('image/jpeg')
    await s.store({ cloudPath: 'p/x.jpg', body: body(PNG), owner: null, mustBeNew: false })
    expect(s.stat('p/x.jpg')).toMatchObject({ contentType: 'image/png', size: PNG.length, owner: null })
    expect(readdirSync(path.join(dir, 'storage', 'objects'))).toHaveLength(1)
  })

  it('two simultaneous uploads of one path end with one of them whole', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'linli-storage-'))
    const s = open(dir)
    await Promise.all([
      s.store({ cloudPath: 'race.bin', body: body(JPEG), owner: null, mustBeNew: false }),
      s.store({ cloudPath: 'race.bin', body: body(PNG), owner: null, mustBeNew: false })
    ])
    expect([JPEG.length, PNG.length]).toContain(s.stat('race.bin')?.size)
    expect(readdirSync(path.join(dir, 'storage', 'objects'))).toHaveLength(1)
  })

  it('refuses cloud paths CloudBase refuses', async () => {
    const s = open()
    for (const bad of ['', '/a.jpg', 'a//b.jpg', 'a/\u0001.jpg', '../x', 'x'.repeat(851)]) {
      expect(await code(s.store({ cloudPath: bad, body: body(JPEG), owner: null, mustBeNew: false }))).toBe(
        'INVALID_PARAM/InvalidArgument'
      )
    }
    expect(cloudPathProblem('photos/c1/照片.jpg')).toBeNull()
  })

  it('files and the URL key survive a restart', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'linli-storage-'))
    const first = open(dir)
    await first.store({ cloudPath: 'keep.jpg', body: body(JPEG), owner: 'o-a', mustBeNew: true })
    const url = new URL(first.tempUrl('keep.jpg', 600))
    const second = open(dir)
    expect(second.stat('keep.jpg')?.size).toBe(JPEG.length)
    expect(second.downloadRefusal('keep.jpg', url.searchParams.get('sign'), url.searchParams.get('t'))).toBeNull()
  })
})

describe('the SDK actions', () => {
  it('temp URLs are signed for one file and expire after max_age; a missing file says STORAGE_FILE_NONEXIST', async () => {
    const s = open()
    const meta = await s.store({ cloudPath: 'u/a.jpg', body: body(JPEG), owner: null, mustBeNew: false })
    const reply = await s.handle(
      {
        action: 'storage.batchGetDownloadUrl',
        file_list: [
          { fileid: meta.fileId, max_age: 60 },
          { fileid: s.fileIdOf('u/none.jpg') },
          { fileid: 'cloud://other.b/u/a.jpg' }
        ]
      },
      'r1'
    )
    const list = (reply.data as { download_list: Array<{ code: string; tempFileURL: string }> }).download_list
    expect(list.map(f => f.code)).toEqual(['SUCCESS', 'STORAGE_FILE_NONEXIST', 'STORAGE_FILE_NONEXIST'])
    const url = new URL(list[0].tempFileURL)
    const [sign, t] = [url.searchParams.get('sign'), url.searchParams.get('t')]
    expect(s.downloadRefusal('u/a.jpg', sign, t)).toBeNull()
    expect(s.downloadRefusal('u/b.jpg', sign, t)).toMatch(/signature/)
    expect(s.downloadRefusal('u/a.jpg', sign, String(Number(t) + 1))).toMatch(/signature/)
    now += 61
    expect(s.downloadRefusal('u/a.jpg', sign, t)).toBe('Request has expired')
  })

  it('refuses more than 50 files, an empty list and a max_age beyond one day (INVALID_PARAM)', async () => {
    const s = open()
    const many = Array.from({ length: 51 }, (_, i) => ({ fileid: s.fileIdOf(`f${i}`) }))
    expect((await s.handle({ action: 'storage.batchGetDownloadUrl', file_list: many }, 'r')).code).toBe('INVALID_PARAM')
    expect((await s.handle({ action: 'storage.batchDeleteFile', fileid_list: [] }, 'r')).code).toBe('INVALID_PARAM')
    const tooLong = [{ fileid: s.fileIdOf('a'), max_age: 86_401 }]
    expect((await s.handle({ action: 'storage.batchGetDownloadUrl', file_list: tooLong }, 'r')).code).toBe(
      'INVALID_PARAM'
    )
  })

  it('deletes, answering per file; deleting again says STORAGE_FILE_NONEXIST and old URLs find nothing', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'linli-storage-'))
    const s = open(dir)
    const meta = await s.store({ cloudPath: 'd/a.jpg', body: body(JPEG), owner: null, mustBeNew: false })
    const del = async (): Promise<unknown> =>
      (
        (await s.handle({ action: 'storage.batchDeleteFile', fileid_list: [meta.fileId] }, 'r')).data as {
          delete_list: unknown
        }
      ).delete_list
    expect(await del()).toEqual([{ fileID: meta.fileId, code: 'SUCCESS' }])
    expect(await del()).toEqual([{ fileID: meta.fileId, code: 'STORAGE_FILE_NONEXIST' }])
    expect(s.stat('d/a.jpg')).toBeNull()
    expect(readdirSync(path.join(dir, 'storage', 'objects'))).toEqual([])
    expect(existsSync(path.join(dir, 'storage', 'meta'))).toBe(true)
  })

  it('upload metadata is signed for its path and expires', async () => {
    const s = open()
    const data = (await s.handle({ action: 'storage.getUploadMetadata', path: 'up/a.jpg', method: 'put' }, 'r'))
      .data as Record<string, string>
    expect(data.fileId).toBe(s.fileIdOf('up/a.jpg'))
    const headers = {
      authorization: data.authorization,
      'x-cos-security-token': data.token,
      'x-cos-meta-fileid': data.cosFileId
    }
    expect(s.uploadRefusal('up/a.jpg', headers)).toBeNull()
    expect(s.uploadRefusal('up/b.jpg', headers)?.code).toBe('SignatureDoesNotMatch')
    expect(s.uploadRefusal('up/a.jpg', { ...headers, 'x-cos-meta-fileid': 'x' })?.code).toBe('AccessDenied')
    now += 601
    expect(s.uploadRefusal('up/a.jpg', headers)?.message).toBe('Request has expired')
    expect((await s.handle({ action: 'storage.getUploadMetadata', path: '/abs' }, 'r')).code).toBe('INVALID_PARAM')
  })
})

describe('rules', () => {
  it('reads fileIDs in CloudBase form and sniffs images by their bytes', () => {
    expect(parseFileId('cloud://env-1.6c69-env-1-1300000000/photos/c/a.jpg')).toEqual({
      env: 'env-1',
      bucket: '6c69-env-1-1300000000',
      cloudPath: 'photos/c/a.jpg'
    })
    expect(parseFileId('https://x/a.jpg')).toBeNull()
    expect(sniffContentType(JPEG)).toBe('image/jpeg')
    expect(sniffContentType(PNG)).toBe('image/png')
    expect(sniffContentType(Buffer.from('RIFF\0\0\0\0WEBPVP8 ', 'latin1'))).toBe('image/webp')
    expect(sniffContentType(Buffer.from('%PDF-1.4'))).toBe('application/octet-stream')
  })
})
