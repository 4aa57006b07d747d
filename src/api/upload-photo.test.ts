/**
 * The H5 branch of uploadPhoto (the local demo): the browser's file goes to the local cloud's dev upload as the
 * chosen persona, with progress. The weapp branch is driven in components/photos/photo-picker.test.tsx and on the
 * simulated phone (test/weapp/photos.test.ts).
 */
import { photoMessages } from '@/core/shared/photo-store.ports'
import { setPersonaOpenId, clearPersonaOpenId } from './identity'
import { uploadPhoto } from './upload-photo'

jest.mock('@tarojs/taro', () => require('../../test/setup/taro.mock').taroMock())

interface Sent {
  method: string
  url: string
  headers: Record<string, string>
  body: unknown
}
let sent: Sent[] = []
let answer: { status: number; body: unknown } = { status: 200, body: {} }

/** XMLHttpRequest as far as uploadPhoto uses it: records the request, reports progress, then answers. */
class FakeXhr {
  status = 0
  responseText = ''
  upload: { onprogress: ((e: { lengthComputable: boolean; loaded: number; total: number }) => void) | null } = {
    onprogress: null
  }
  onload: (() => void) | null = null
  onerror: (() => void) | null = null
  private req: Sent = { method: '', url: '', headers: {}, body: null }
  open(method: string, url: string): void {
    this.req = { ...this.req, method, url }
  }
  setRequestHeader(name: string, value: string): void {
    this.req.headers[name] = value
  }
  send(body: unknown): void {
    sent.push({ ...this.req, body })
    this.upload.onprogress?.({ lengthComputable: true, loaded: 50, total: 100 })
    this.status = answer.status
    this.responseText = JSON.stringify(answer.body)
    this.onload?.()
  }
}

const photo = { path: 'blob:http://127.0.0.1/1', size: 100, ext: 'jpg' as const, file: new Blob(['x']) }
const realXhr = globalThis.XMLHttpRequest

beforeEach(() => {
  sent = []
  ;(globalThis as { XMLHttpRequest: unknown }).XMLHttpRequest = FakeXhr
  setPersonaOpenId('o-resident')
})
afterEach(() => {
  ;(globalThis as { XMLHttpRequest: unknown }).XMLHttpRequest = realXhr
})

describe('uploadPhoto on H5', () => {
  it('POSTs the file as the persona to the dev upload, under photos/<community>/<random>.jpg, with progress', async () => {
    answer = { status: 200, body: { fileID: 'cloud://linli-local.b/photos/community-1/x.jpg' } }
    const progress: number[] = []
    const res = await uploadPhoto(photo, 'community-1', p => progress.push(p))
    expect(res).toEqual({ ok: true, fileId: 'cloud://linli-local.b/photos/community-1/x.jpg' })
    expect(sent).toHaveLength(1)
    expect(sent[0].method).toBe('POST')
    expect(decodeURIComponent(sent[0].url)).toMatch(
      /^\/dev\/storage\/upload\?cloudPath=photos\/community-1\/[0-9a-f]{32}\.jpg$/
    )
    expect(sent[0].headers).toEqual({ 'Content-Type': 'application/octet-stream', 'X-WX-OPENID': 'o-resident' })
    expect(sent[0].body).toBe(photo.file)
    expect(progress).toEqual([50])
  })

  it('says the photo is too large when storage refuses it, and asks for a persona first', async () => {
    answer = {
      status: 400,
      body: { code: 'STORAGE_REQUEST_FAIL', message: 'Your proposed upload exceeds the maximum' }
    }
    expect(await uploadPhoto(photo, 'community-1')).toEqual({ ok: false, message: photoMessages.tooLarge })
    clearPersonaOpenId()
    expect(await uploadPhoto(photo, 'community-1')).toEqual({ ok: false, message: '请先选择身份' })
  })

  it('checks the photo before sending anything', async () => {
    expect(await uploadPhoto({ ...photo, size: 11 * 1024 * 1024 }, 'community-1')).toEqual({
      ok: false,
      message: photoMessages.tooLarge
    })
    expect(await uploadPhoto({ ...photo, ext: null }, 'community-1')).toEqual({
      ok: false,
      message: photoMessages.notImage
    })
    expect(sent).toEqual([])
  })
})
