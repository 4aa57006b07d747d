/**
 * The storage service's HTTP surface, as COS and WeChat answer it:
 *
 *   PUT  /storage/<bucket>/<cloudPath>   node-sdk uploadFile's second step (headers from getUploadMetadata);
 *                                        200 with an empty body, or COS's XML <Error> (the SDK parses it)
 *   GET|HEAD /storage/<bucket>/<cloudPath>?sign=..&t=..   a temp URL: the bytes, or 403 AccessDenied when the
 *                                        signature is wrong or expired, 404 NoSuchKey when the file is gone
 *   POST /dev/storage/upload?cloudPath=..  dev login only: the stand-in for wx.cloud.uploadFile (the H5 demo
 *                                        and the simulated phone); the caller's OPENID becomes the owner
 *   POST /dev/storage/batch             dev login only: a phone's wx.cloud.getTempFileURL / deleteFile
 *                                        ({ op, fileList }), answered per file under the rule below
 *
 * The phone's rule: WeChat storage's basic permission is "所有用户可读，仅创建者可读写"; we apply the stricter
 * custom rule the deploy sets (scripts/deploy.ts STORAGE_RULE), narrowed further to new files only:
 * a client adds files, never overwrites or deletes one (not even its own), and reads only through temp URLs
 * a function issued. https://developers.weixin.qq.com/miniprogram/dev/wxcloud/guide/storage/security-rules.html
 * ("安全规则仅对前端访问生效，管理端(云函数)始终拥有所有读写权限"). The admin side (node-sdk) is not limited.
 */
import type http from 'node:http'
import { STORAGE_PATH_PREFIX, StorageError, type StorageService } from './storage-service'
import { MAX_BATCH } from './storage-rules'

const xmlEscape = (s: string): string =>
  s.replace(/[<>&'"]/g, c => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] ?? c)

/** COS's error body; node-sdk reads Code, Message, RequestId and TraceId from it (all four must be there). */
function sendCosError(
  res: http.ServerResponse,
  status: number,
  code: string,
  message: string,
  resource: string,
  requestId: string
): void {
  const body =
    `<?xml version='1.0' encoding='utf-8' ?>\n<Error>\n<Code>${xmlEscape(code)}</Code>\n` +
    `<Message>${xmlEscape(message)}</Message>\n<Resource>${xmlEscape(resource)}</Resource>\n` +
    `<RequestId>${requestId}</RequestId>\n<TraceId>${requestId}</TraceId>\n</Error>\n`
  res.writeHead(status, {
    'content-type': 'application/xml',
    'content-length': Buffer.byteLength(body),
    'x-cos-request-id': requestId
  })
  res.end(body)
}

/** The cloud path of a `/storage/<bucket>/<path>` URL of this bucket, or null. */
function cloudPathOf(pathname: string, bucket: string): string | null {
  const prefix = `${STORAGE_PATH_PREFIX}${bucket}/`
  if (!pathname.startsWith(prefix)) return null
  try {
    return pathname
      .slice(prefix.length)
      .split('/')
      .map(part => decodeURIComponent(part))
      .join('/')
  } catch {
    return null
  }
}

function parseRange(header: string | undefined, size: number): { start: number; end: number } | null | 'invalid' {
  if (!header) return null
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim())
  if (!m || (m[1] === '' && m[2] === '')) return 'invalid'
  let start: number
  let end: number
  if (m[1] === '') {
    start = Math.max(0, size - Number(m[2]))
    end = size - 1
  } else {
    start = Number(m[1])
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1)
  }
  if (start > end || start >= size) return 'invalid'
  return { start, end }
}

export async function handleStorageObject(
  storage: StorageService,
  bucket: string,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  requestId: string
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://local')
  const cloudPath = cloudPathOf(url.pathname, bucket)
  if (cloudPath === null) {
    req.resume()
    sendCosError(res, 404, 'NoSuchBucket', 'The specified bucket does not exist', url.pathname, requestId)
    return
  }
  if (req.method === 'PUT') {
    const refused = storage.uploadRefusal(cloudPath, req.headers)
    if (refused) {
      req.resume()
      sendCosError(res, 403, refused.code, refused.message, cloudPath, requestId)
      return
    }
    try {
      const meta = await storage.store({ cloudPath, body: req, owner: null, mustBeNew: false })
      res.writeHead(200, { etag: `"${meta.version}"`, 'x-cos-request-id': requestId, 'content-length': 0 })
      res.end()
    } catch (err) {
      if (!(err instanceof StorageError)) throw err
      sendCosError(res, err.cos.status, err.cos.code, err.message, cloudPath, requestId)
    }
    return
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    req.resume()
    sendCosError(res, 405, 'MethodNotAllowed', `${req.method} is not allowed`, cloudPath, requestId)
    return
  }
  const refusal = storage.downloadRefusal(cloudPath, url.searchParams.get('sign'), url.searchParams.get('t'))
  if (refusal) {
    sendCosError(res, 403, 'AccessDenied', refusal, cloudPath, requestId)
    return
  }
  const meta = storage.stat(cloudPath)
  if (!meta) {
    sendCosError(res, 404, 'NoSuchKey', 'The specified key does not exist.', cloudPath, requestId)
    return
  }
  const range = parseRange(req.headers.range, meta.size)
  if (range === 'invalid') {
    res.writeHead(416, { 'content-range': `bytes */${meta.size}` }).end()
    return
  }
  const headers: Record<string, string | number> = {
    'content-type': meta.contentType,
    'accept-ranges': 'bytes',
    etag: `"${meta.version}"`,
    'last-modified': new Date(meta.createdAt).toUTCString(),
    'x-cos-request-id': requestId
  }
  if (range) {
    headers['content-range'] = `bytes ${range.start}-${range.end}/${meta.size}`
    headers['content-length'] = range.end - range.start + 1
  } else {
    headers['content-length'] = meta.size
  }
  res.writeHead(range ? 206 : 200, headers)
  if (req.method === 'HEAD' || meta.size === 0) {
    res.end()
    return
  }
  storage.read(meta, range ?? undefined).pipe(res)
}

/** WeChat's numeric storage codes (wx-server-sdk ERR_CODE), for the phone's `errCode`. */
const WX_ERR_CODE: Record<string, number> = {
  INVALID_PARAM: -501007,
  STORAGE_REQUEST_FAIL: -503001,
  STORAGE_EXCEED_AUTHORITY: -503002,
  STORAGE_FILE_NONEXIST: -503003,
  STORAGE_SIGN_PARAM_INVALID: -503004
}

/**
 * A phone's upload (wx.cloud.uploadFile's stand-in). The server has already checked dev login,
 * loopback and the caller's OPENID. Answers `{ fileID }` or `{ code, errCode, message }`.
 */
export async function handleDevUpload(
  storage: StorageService,
  openId: string,
  req: http.IncomingMessage,
  res: http.ServerResponse
): Promise<void> {
  const send = (status: number, body: unknown): void => {
    const text = JSON.stringify(body)
    res.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(text)
    })
    res.end(text)
  }
  const cloudPath = new URL(req.url ?? '/', 'http://local').searchParams.get('cloudPath') ?? ''
  try {
    const meta = await storage.store({ cloudPath, body: req, owner: openId, mustBeNew: true })
    send(200, { fileID: meta.fileId })
  } catch (err) {
    if (!(err instanceof StorageError)) throw err
    req.resume()
    send(err.cos.status, { code: err.code, errCode: WX_ERR_CODE[err.code] ?? -503001, message: err.message })
  }
}

/**
 * A phone's getTempFileURL or deleteFile (`{ op: 'getTempFileURL' | 'deleteFile', fileList: string[] }`), answered
 * per file as wx.cloud shapes it: `{ fileID, status, errMsg }` (+ `tempFileURL: ''`). Under the rule above a phone
 * may neither read nor delete a stored file, so an existing file answers STORAGE_EXCEED_AUTHORITY (-503002) and a
 * missing one STORAGE_FILE_NONEXIST (-503003); at most 50 files (MAX_BATCH, as the SDK actions).
 */
export function devClientBatch(storage: StorageService, body: unknown): { status: number; body: unknown } {
  const { op, fileList } = (typeof body === 'object' && body !== null ? body : {}) as {
    op?: unknown
    fileList?: unknown
  }
  if ((op !== 'getTempFileURL' && op !== 'deleteFile') || !Array.isArray(fileList) || fileList.length === 0) {
    return {
      status: 400,
      body: {
        code: 'INVALID_PARAM',
        errCode: WX_ERR_CODE.INVALID_PARAM,
        message: 'op and a non-empty fileList are required'
      }
    }
  }
  if (fileList.length > MAX_BATCH) {
    return {
      status: 400,
      body: {
        code: 'INVALID_PARAM',
        errCode: WX_ERR_CODE.INVALID_PARAM,
        message: `fileList takes at most ${MAX_BATCH} files`
      }
    }
  }
  return {
    status: 200,
    body: {
      fileList: fileList.map(fileID => {
        const code = storage.metaOfFileId(fileID) ? 'STORAGE_EXCEED_AUTHORITY' : 'STORAGE_FILE_NONEXIST'
        return {
          fileID,
          status: WX_ERR_CODE[code],
          errMsg: code,
          ...(op === 'getTempFileURL' ? { tempFileURL: '' } : {})
        }
      })
    }
  }
}
