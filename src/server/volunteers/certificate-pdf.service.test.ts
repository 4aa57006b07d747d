/**
 * The certificate PDF: Chinese text in an embedded subset of Noto Sans SC (not a viewer's
 * fallback font), small enough to send, fast once loaded. How it looks was checked by rendering
 * it with pdftoppm and looking at the page (see the report of issue 8).
 */
import { readFileSync } from 'node:fs'
import { inflateSync } from 'node:zlib'
import { createRequire } from 'node:module'
import { certificatePdf, woffToSfnt } from './certificate-pdf.service'
import type { CertificateRecord } from '../../core/volunteers/volunteers.model'

jest.setTimeout(60_000)

const cert: CertificateRecord = {
  _id: 'CH-2026-000007',
  serial: 'CH-2026-000007',
  volunteerId: 'v',
  userId: 'u',
  name: '陈志强',
  volunteerNumber: 'V00000004',
  phoneMasked: '140****0004',
  items: Array.from({ length: 20 }, (_, k) => ({
    date: `2026-11-${String(k + 1).padStart(2, '0')}`,
    content: k % 2 === 0 ? '小区环境整治' : '四点半课堂辅导',
    hours: k % 2 === 0 ? 1.5 : 2
  })),
  totalHours: 35,
  from: '2026-11-01',
  to: '2026-11-20',
  issuer: '春晖社区居民委员会',
  issuedAt: new Date('2026-11-23T02:00:00Z')
}

describe('certificate PDF', () => {
  it('embeds a subset of Noto Sans SC and stays small', async () => {
    const bytes = Buffer.from(await certificatePdf.render(cert))
    const text = bytes.toString('latin1')
    expect(text.startsWith('%PDF-')).toBe(true)
    // pdfkit names a subset font with a 6-letter tag: ABCDEF+NotoSansSC…
    expect(text).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansSC/)
    expect(text).toContain('/FontFile2')
    expect(text).toContain('/ToUnicode')
    expect(bytes.length).toBeLessThan(100_000)
  })

  it('maps the glyphs back to the Chinese it shows (copy and search work)', async () => {
    const text = Buffer.from(await certificatePdf.render(cert)).toString('latin1')
    // The ToUnicode CMap lists the code points of the characters used, e.g. 志 (5FD7) and 证 (8BC1).
    const streams = [...text.matchAll(/stream\r?\n([\s\S]*?)endstream/g)].map(m => {
      try {
        return inflateSync(Buffer.from(m[1], 'latin1')).toString('latin1')
      } catch {
        return ''
      }
    })
    const cmap = streams.find(s => s.includes('begincmap')) ?? ''
    expect(cmap.toLowerCase()).toContain('5fd7')
    expect(cmap.toLowerCase()).toContain('8bc1')
  })
})

describe('woffToSfnt', () => {
  it('turns the packaged WOFF into a TrueType font with the same tables', () => {
    const req = createRequire(__filename)
    const woff = readFileSync(
      req.resolve('@fontsource/noto-sans-sc/files/noto-sans-sc-chinese-simplified-400-normal.woff')
    )
    const sfnt = woffToSfnt(woff)
    expect(sfnt.readUInt32BE(0)).toBe(woff.readUInt32BE(4))
    expect(sfnt.readUInt16BE(4)).toBe(woff.readUInt16BE(12))
    expect(() => woffToSfnt(Buffer.from('not a font at all, really'))).toThrow('not a WOFF file')
  })
})
