import { base64ToBytes, bytesToBase64, textToBase64, utf8Bytes } from './base64'

// Node's Buffer is the reference implementation the pure encoder must agree with.
describe('base64 without btoa/atob', () => {
  it('encodes bytes of every length the way Buffer does, and decodes them back', () => {
    for (let len = 0; len < 40; len++) {
      const bytes = Uint8Array.from({ length: len }, (_, i) => (i * 97 + len * 13) & 255)
      const b64 = bytesToBase64(bytes)
      expect(b64).toBe(Buffer.from(bytes).toString('base64'))
      expect(Array.from(base64ToBytes(b64) ?? [])).toEqual(Array.from(bytes))
    }
  })

  it('encodes text as UTF-8, Chinese and emoji included', () => {
    for (const text of ['', 'QR', '<svg xmlns="http://www.w3.org/2000/svg"/>', '志愿服务签到', '邻里 👵🏻 SOS']) {
      expect(textToBase64(text)).toBe(Buffer.from(text, 'utf8').toString('base64'))
    }
    expect(Array.from(utf8Bytes('\ud800x'))).toEqual(Array.from(Buffer.from('\ufffdx', 'utf8')))
  })

  it('says so when the input is not base64', () => {
    expect(base64ToBytes('ab$d')).toBeNull()
    expect(base64ToBytes('abcde')).toBeNull()
  })
})
