/**
 * The local CloudBase's cloud storage (云存储): answers what @cloudbase/node-sdk@3.18 sends
 * (dist/storage/index.js), and the uploads a phone makes through the dev-login route.
 *
 *   storage.getUploadMetadata    → { url, token, authorization, fileId, cosFileId }; the SDK then PUTs the
 *                                  bytes to `url` with `authorization`, `x-cos-security-token` and
 *                                  `x-cos-meta-fileid` headers and reads COS's XML error or an empty body
 *   storage.batchGetDownloadUrl  → download_list [{ fileID, tempFileURL, code }]: signed URLs that expire
 *   storage.batchDeleteFile      → delete_list [{ fileID, code }]
 *   GET/HEAD of a temp URL       → the bytes (downloadFile, getFileInfo's HEAD); Range supported as COS does
 *
 * Files live under `<dataDir>/storage/`: `objects/<key>.<version>` (the bytes) and `meta/<key>.json`
 * (cloud path, size, sniffed content type, owner OPENID or null for the admin side, created, version).
 * Durability: bytes and meta are each written to a temp file, fsynced and renamed; the meta rename is the
 * commit. A crash before it leaves an orphan object nobody can see; after it, the previous version's bytes
 * are deleted. Writes to one path are serialised in this process, so two uploads of the same path end
 * with one whole file, never a mix. A refused upload (too large, bad signature) leaves nothing stored.
 */
import { createHmac, randomBytes, createHash, timingSafeEqual } from 'node:crypto'
import {
  closeSync,
  createReadStream,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
  writeSync
} from 'node:fs'
import type http from 'node:http'
import path from 'node:path'
import {
  DEFAULT_URL_MAX_AGE_S,
  MAX_BATCH,
  MAX_OBJECT_BYTES,
  MAX_URL_MAX_AGE_S,
  SNIFF_BYTES,
  UPLOAD_AUTH_TTL_S,
  cloudPathProblem,
  fileIdOf,
  parseFileId,
  sniffContentType
} from './storage-rules'

export interface StoredMeta {
  cloudPath: string
  fileId: string
  size: number
  contentType: string
  /** The uploader's OPENID (a phone's upload), or null when the admin side (a function, a script) wrote it. */
  owner: string | null
  createdAt: string
  version: string
}

export interface StorageOptions {
  /** The data directory; files go to `<dir>/storage/`. */
  dir: string
  envId: string
  bucket: string
  /** This server's origin, e.g. http://127.0.0.1:3000 (known once it listens). */
  origin: () => string
  /** Tests lower it to prove the refusal without writing gigabytes. */
  maxObjectBytes?: number
  /** Seconds since the epoch (tests freeze it to expire URLs). */
  nowS?: () => number
}

type Reply = Record<string, unknown>

/** CloudBase storage error codes (wx-server-sdk's TCB_ERR_CODE table: -503001…-503004). */
export type StorageErrorCode =
  | 'INVALID_PARAM'
  | 'STORAGE_REQUEST_FAIL'
  | 'STORAGE_EXCEED_AUTHORITY'
  | 'STORAGE_FILE_NONEXIST'
  | 'STORAGE_SIGN_PARAM_INVALID'

export class StorageError extends Error {
  constructor(
    readonly code: StorageErrorCode,
    message: string,
    /** The COS code and HTTP status the PUT/GET answers with. */
    readonly cos: { code: string; status: number } = { code: 'InvalidArgument', status: 400 }
  ) {
    super(message)
  }
}

/** Where storage HTTP requests arrive: `/storage/<bucket>/<cloudPath>`. */
export const STORAGE_PATH_PREFIX = '/storage/'

export interface StoreRequest {
  cloudPath: string
  body: AsyncIterable<Buffer>
  owner: string | null
  /** The phone's rule: clients write only new files (see devUpload in storage-http.ts). */
  mustBeNew: boolean
}

export class StorageService {
  private readonly root: string
  private readonly secret: Buffer
  private readonly maxBytes: number
  private readonly nowS: () => number
  private readonly locks = new Map<string, Promise<unknown>>()

  constructor(private readonly opts: StorageOptions) {
    this.root = path.join(opts.dir, 'storage')
    for (const sub of ['objects', 'meta', 'tmp']) mkdirSync(path.join(this.root, sub), { recursive: true })
    // The signing key survives a restart, so temp URLs issued before it keep working until they expire.
    const keyFile = path.join(this.root, 'secret')
    if (!existsSync(keyFile)) this.writeDurably(keyFile, randomBytes(32))
    this.secret = readFileSync(keyFile)
    this.maxBytes = opts.maxObjectBytes ?? MAX_OBJECT_BYTES
    this.nowS = opts.nowS ?? ((): number => Math.floor(Date.now() / 1000))
  }

  get maxObjectBytes(): number {
    return this.maxBytes
  }

  fileIdOf(cloudPath: string): string {
    return fileIdOf(this.opts.envId, this.opts.bucket, cloudPath)
  }

  // ---- the SDK's actions (POST /cloudbase, action storage.*) -----------------------------------

  async handle(body: Record<string, unknown>, requestId: string): Promise<Reply> {
    try {
      return { ...this.dispatch(body), requestId }
    } catch (err) {
      if (err instanceof StorageError) return { code: err.code, message: err.message, requestId }
      throw err
    }
  }

  private dispatch(p: Record<string, unknown>): Reply {
    switch (p.action) {
      case 'storage.getUploadMetadata':
        return { data: this.uploadMetadata(p.path) }
      case 'storage.batchGetDownloadUrl':
        return { data: { download_list: this.downloadUrls(p.file_list) } }
      case 'storage.batchDeleteFile':
        return { data: { delete_list: this.deleteFiles(p.fileid_list) } }
      default:
        throw new StorageError('INVALID_PARAM', `unsupported storage action ${String(p.action).slice(0, 64)}`)
    }
  }

  private uploadMetadata(cloudPath: unknown): Reply {
    const problem = cloudPathProblem(cloudPath)
    if (problem !== null) throw new StorageError('INVALID_PARAM', problem)
    const p = cloudPath as string
    const expires = this.nowS() + UPLOAD_AUTH_TTL_S
    const cosFileId = randomBytes(16).toString('hex')
    const token = `${expires}.${cosFileId}`
    return {
      url: this.objectUrl(p),
      token,
      authorization: this.sign(['put', p, token]),
      fileId: this.fileIdOf(p),
      cosFileId,
      download_url: this.objectUrl(p)
    }
  }

  private downloadUrls(list: unknown): Reply[] {
    const items = this.batch(list, 'file_list')
    return items.map(item => {
      const entry = (typeof item === 'object' && item !== null ? item : {}) as Record<string, unknown>
      const fileID = entry.fileid
      const maxAge = entry.max_age ?? DEFAULT_URL_MAX_AGE_S
      if (typeof maxAge !== 'number' || !Number.isInteger(maxAge) || maxAge < 1 || maxAge > MAX_URL_MAX_AGE_S) {
        throw new StorageError('INVALID_PARAM', `max_age must be 1..${MAX_URL_MAX_AGE_S} seconds`)
      }
      const meta = this.metaOfFileId(fileID)
      if (!meta) return { fileID, tempFileURL: '', code: 'STORAGE_FILE_NONEXIST' }
      return { fileID, tempFileURL: this.tempUrl(meta.cloudPath, maxAge), code: 'SUCCESS', maxAge }
    })
  }

  private deleteFiles(list: unknown): Reply[] {
    return this.batch(list, 'fileid_list').map(fileID => {
      const meta = this.metaOfFileId(fileID)
      if (!meta) return { fileID, code: 'STORAGE_FILE_NONEXIST' }
      this.remove(meta)
      return { fileID, code: 'SUCCESS' }
    })
  }

  private batch(list: unknown, name: string): unknown[] {
    if (!Array.isArray(list) || list.length === 0)
      throw new StorageError('INVALID_PARAM', `${name} must be a non-empty array`)
    if (list.length > MAX_BATCH) throw new StorageError('INVALID_PARAM', `${name} takes at most ${MAX_BATCH} files`)
    return list
  }

  // ---- files -----------------------------------------------------------------------------------

  /** The stored file at a fileID of this environment and bucket, or null. */
  metaOfFileId(fileId: unknown): StoredMeta | null {
    const parsed = parseFileId(fileId)
    if (!parsed || parsed.env !== this.opts.envId || parsed.bucket !== this.opts.bucket) return null
    return this.stat(parsed.cloudPath)
  }

  stat(cloudPath: string): StoredMeta | null {
    try {
      return JSON.parse(readFileSync(this.metaFile(cloudPath), 'utf8')) as StoredMeta
    } catch {
      return null
    }
  }

  /** Streams the bytes of a stored file (`start`/`end` inclusive, as HTTP ranges). */
  read(meta: StoredMeta, range?: { start: number; end: number }): NodeJS.ReadableStream {
    return createReadStream(this.objectFile(meta.cloudPath, meta.version), range)
  }

  /**
   * Stores a whole file or nothing. Over the size limit it keeps reading (so the client gets an
   * answer rather than a reset connection) but writes no more, and throws EntityTooLarge.
   */
  async store(req: StoreRequest): Promise<StoredMeta> {
    const problem = cloudPathProblem(req.cloudPath)
    if (problem !== null) throw new StorageError('INVALID_PARAM', problem)
    const version = `${Date.now().toString(36)}${randomBytes(6).toString('hex')}`
    const tmp = path.join(this.root, 'tmp', version)
    const fd = openSync(tmp, 'wx')
    let size = 0
    let head = Buffer.alloc(0)
    let tooLarge = false
    try {
      for await (const chunk of req.body) {
        size += chunk.length
        if (size > this.maxBytes) tooLarge = true
        if (tooLarge) continue
        if (head.length < SNIFF_BYTES) head = Buffer.concat([head, chunk.subarray(0, SNIFF_BYTES - head.length)])
        writeSync(fd, chunk)
      }
      fsyncSync(fd)
    } catch (err) {
      closeSync(fd)
      rmSync(tmp, { force: true })
      throw err
    }
    closeSync(fd)
    if (tooLarge) {
      rmSync(tmp, { force: true })
      throw new StorageError(
        'STORAGE_REQUEST_FAIL',
        `Your proposed upload exceeds the maximum allowed object size (${this.maxBytes} bytes)`,
        { code: 'EntityTooLarge', status: 400 }
      )
    }
    return await this.locked(req.cloudPath, () => {
      const previous = this.stat(req.cloudPath)
      if (previous && req.mustBeNew) {
        rmSync(tmp, { force: true })
        throw new StorageError(
          'STORAGE_EXCEED_AUTHORITY',
          'a file already exists at this path; clients may only add new files',
          {
            code: 'AccessDenied',
            status: 403
          }
        )
      }
      renameSync(tmp, this.objectFile(req.cloudPath, version))
      const meta: StoredMeta = {
        cloudPath: req.cloudPath,
        fileId: this.fileIdOf(req.cloudPath),
        size,
        contentType: sniffContentType(head),
        owner: req.owner,
        createdAt: new Date(this.nowS() * 1000).toISOString(),
        version
      }
      this.writeDurably(this.metaFile(req.cloudPath), Buffer.from(JSON.stringify(meta)))
      if (previous) rmSync(this.objectFile(previous.cloudPath, previous.version), { force: true })
      return meta
    })
  }

  private remove(meta: StoredMeta): void {
    // The meta goes first: once it is gone the file is gone for every reader; the bytes follow.
    rmSync(this.metaFile(meta.cloudPath), { force: true })
    rmSync(this.objectFile(meta.cloudPath, meta.version), { force: true })
  }

  private async locked<T>(key: string, fn: () => T): Promise<T> {
    const before = this.locks.get(key) ?? Promise.resolve()
    const run = before.then(fn, fn)
    const settled = run.then(
      () => undefined,
      () => undefined
    )
    this.locks.set(key, settled)
    try {
      return await run
    } finally {
      if (this.locks.get(key) === settled) this.locks.delete(key)
    }
  }

  private writeDurably(file: string, bytes: Buffer): void {
    const tmp = path.join(this.root, 'tmp', `${path.basename(file)}.${randomBytes(6).toString('hex')}`)
    writeFileSync(tmp, bytes)
    const fd = openSync(tmp, 'r+')
    try {
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
    renameSync(tmp, file)
  }

  private key(cloudPath: string): string {
    return createHash('sha256').update(cloudPath).digest('hex')
  }

  private metaFile(cloudPath: string): string {
    return path.join(this.root, 'meta', `${this.key(cloudPath)}.json`)
  }

  private objectFile(cloudPath: string, version: string): string {
    return path.join(this.root, 'objects', `${this.key(cloudPath)}.${version}`)
  }

  // ---- signatures ------------------------------------------------------------------------------

  private sign(parts: string[]): string {
    return createHmac('sha256', this.secret).update(parts.join('\n')).digest('hex')
  }

  private signed(parts: string[], signature: unknown): boolean {
    if (typeof signature !== 'string') return false
    const want = Buffer.from(this.sign(parts))
    const got = Buffer.from(signature)
    return want.length === got.length && timingSafeEqual(want, got)
  }

  /**
   * The path as written, not percent-encoded: CloudBase's temp URLs carry it so, and node-sdk's downloadFile and
   * getFileInfo `encodeURI` them before fetching (dist/storage/index.js); encoding here too would encode twice.
   */
  objectUrl(cloudPath: string): string {
    return `${this.opts.origin()}${STORAGE_PATH_PREFIX}${this.opts.bucket}/${cloudPath}`
  }

  /** A temp URL: `?sign=<hmac>&t=<expiry>`, like CloudBase's signed download links. */
  tempUrl(cloudPath: string, maxAgeS: number): string {
    const t = String(this.nowS() + maxAgeS)
    return `${this.objectUrl(cloudPath)}?sign=${this.sign(['get', cloudPath, t])}&t=${t}`
  }

  /** Why a GET/HEAD of a temp URL is refused (COS AccessDenied), or null. */
  downloadRefusal(cloudPath: string, sign: string | null, t: string | null): string | null {
    if (!sign || !t || !/^\d{1,12}$/.test(t)) return 'Request has no valid signature'
    if (!this.signed(['get', cloudPath, t], sign)) return 'The signature you provided does not match'
    if (Number(t) < this.nowS()) return 'Request has expired'
    return null
  }

  /** Why a PUT with getUploadMetadata's answer is refused (COS SignatureDoesNotMatch / AccessDenied), or null. */
  uploadRefusal(cloudPath: string, headers: http.IncomingHttpHeaders): { code: string; message: string } | null {
    const token = headers['x-cos-security-token']
    const authorization = headers.authorization
    if (typeof token !== 'string' || typeof authorization !== 'string') {
      return { code: 'AccessDenied', message: 'Access Denied: missing authorization or x-cos-security-token' }
    }
    if (!this.signed(['put', cloudPath, token], authorization)) {
      return { code: 'SignatureDoesNotMatch', message: 'The request signature we calculated does not match' }
    }
    const [expires, cosFileId] = token.split('.')
    if (headers['x-cos-meta-fileid'] !== cosFileId) {
      return { code: 'AccessDenied', message: 'x-cos-meta-fileid does not match the upload authorization' }
    }
    if (Number(expires) < this.nowS()) return { code: 'AccessDenied', message: 'Request has expired' }
    return null
  }
}
