/**
 * The 志愿服务记录证明 as a PDF (A4), with Noto Sans SC from @fontsource/noto-sans-sc; pdfkit
 * embeds only the glyphs used (a subset), so a certificate is a few KB.
 *
 * pdfkit and the font are loaded on the first certificate, never at a cold start: they are
 * required through `createRequire` at run time, which the function bundler leaves alone, so they
 * stay out of index.js (pdfkit also reads its own metric files from its package folder, which a
 * bundle would break). Deploying: the function's package.json lists pdfkit for 云端安装依赖, and
 * `npm run build:functions` copies the one font file (1.5 MB, not its 73 MB package) to fonts/.
 */
import { createRequire } from 'node:module'
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import type { CertificateRenderer } from '../../core/volunteers/volunteers.ports'
import type { CertificateRecord } from '../../core/volunteers/volunteers.model'
import { shanghaiDate } from '../../core/shared/shanghai-time'

const FONT_FILE = 'noto-sans-sc-chinese-simplified-400-normal.woff'
const FONT = `@fontsource/noto-sans-sc/files/${FONT_FILE}`
const MAX_ROWS = 16

type PdfDoc = any // pdfkit's document; its types are not installed

let font: Buffer | null = null

function load(): { PDFDocument: new (opts: object) => PdfDoc; font: Buffer } {
  const req = createRequire(__filename)
  const PDFDocument = req('pdfkit') as new (opts: object) => PdfDoc
  // The build copies the one font file to fonts/ (cloudfunctions/volunteers/package.json); the
  // package is the fallback when running from source.
  const beside = path.join(__dirname, 'fonts', FONT_FILE)
  font ??= woffToSfnt(readFileSync(existsSync(beside) ? beside : req.resolve(FONT)))
  return { PDFDocument, font }
}

export const certificatePdf: CertificateRenderer = {
  async render(cert) {
    const { PDFDocument, font: fontBytes } = load()
    const doc: PdfDoc = new PDFDocument({
      size: 'A4',
      margins: { top: 56, left: 56, right: 56, bottom: 20 },
      info: { Title: `志愿服务记录证明 ${cert.serial}`, Author: cert.issuer }
    })
    const chunks: Buffer[] = []
    doc.on('data', (c: Buffer) => chunks.push(c))
    const done = new Promise<void>(resolve => doc.on('end', () => resolve()))
    doc.registerFont('sc', fontBytes)
    draw(doc, cert)
    doc.end()
    await done
    return new Uint8Array(Buffer.concat(chunks))
  }
}

function draw(doc: PdfDoc, c: CertificateRecord): void {
  const left = 56
  const width = doc.page.width - 112
  doc.font('sc')
  doc.fontSize(26).text('志愿服务记录证明', left, 70, { width, align: 'center' })
  doc.fontSize(11).fillColor('#555555').text(`证明编号：${c.serial}`, left, 112, { width, align: 'center' })
  doc.fillColor('#000000').fontSize(13)
  let y = 150
  const line = (label: string, value: string): void => {
    doc.text(`${label}：${value}`, left, y, { width })
    y += 24
  }
  line('姓名', c.name)
  line('志愿者编号', c.volunteerNumber)
  if (c.phoneMasked) line('联系电话', c.phoneMasked)
  line('服务时间', c.from && c.to ? `${c.from} 至 ${c.to}` : '—')
  line('累计服务时长', `${c.totalHours} 小时（经活动组织者核实）`)
  line('服务次数', `${c.items.length} 次`)
  y += 8
  doc.fontSize(12).text('服务记录', left, y)
  y += 22
  // The community of each service (issue 20: a volunteer serves anywhere in the street, on one certificate).
  const cols = [left, left + 90, left + 200, left + width - 80]
  doc.fontSize(11).fillColor('#555555')
  doc.text('日期', cols[0], y)
  doc.text('服务社区', cols[1], y)
  doc.text('服务内容', cols[2], y)
  doc.text('时长（小时）', cols[3], y)
  doc.fillColor('#000000')
  y += 18
  doc
    .moveTo(left, y - 4)
    .lineTo(left + width, y - 4)
    .strokeColor('#999999')
    .stroke()
  for (const item of c.items.slice(0, MAX_ROWS)) {
    doc.text(item.date, cols[0], y)
    doc.text(item.community ?? '', cols[1], y, { width: cols[2] - cols[1] - 8, lineBreak: false, ellipsis: true })
    doc.text(item.content, cols[2], y, { width: cols[3] - cols[2] - 12, lineBreak: false, ellipsis: true })
    doc.text(String(item.hours), cols[3], y)
    y += 18
  }
  if (c.items.length > MAX_ROWS) {
    doc.text(`另有 ${c.items.length - MAX_ROWS} 条记录，合计已计入上方时长。`, left, y)
    y += 18
  }
  y = Math.max(y + 24, 610)
  doc.fontSize(12)
  const served = [...new Set(c.items.map(i => i.community).filter((n): n is string => !!n))]
  const where = served.length > 0 ? served.join('、') : '本社区'
  doc.text(`兹证明 ${c.name} 同志在${where}参加志愿服务，以上记录真实有效。`, left, y, { width })
  doc.text(`出具单位：${c.issuer}（盖章）`, left, y + 40, { width, align: 'right' })
  doc.text(`出具日期：${shanghaiDate(new Date(c.issuedAt))}`, left, y + 64, { width, align: 'right' })
  doc.fontSize(9).fillColor('#555555')
  doc.text(
    '依据《志愿服务记录与证明出具办法（试行）》（民政部令第67号）出具。可在「邻里」小程序「志愿服务」页的「证明查验」中输入证明编号核验真伪。',
    left,
    780,
    { width }
  )
}

/**
 * WOFF 1.0 → plain TrueType/OpenType (sfnt) bytes, once per process. fontkit reads WOFF tables by
 * inflating them on every access, which makes laying out each line of Chinese take ~0.5 s with a
 * 1.5 MB CJK font; from the plain sfnt the same layout takes milliseconds.
 * Format: https://www.w3.org/TR/WOFF/ (header 44 bytes, 20-byte table entries, zlib tables).
 */
export function woffToSfnt(woff: Buffer): Buffer {
  // Required here, not at the top: only a certificate needs it, and every cold start would pay it.
  const { inflateSync } = require('node:zlib') as typeof import('node:zlib')
  if (woff.readUInt32BE(0) !== 0x774f4646) throw new Error('not a WOFF file')
  const flavor = woff.readUInt32BE(4)
  const numTables = woff.readUInt16BE(12)
  const tables: Array<{ tag: number; checksum: number; data: Buffer }> = []
  for (let i = 0; i < numTables; i++) {
    const e = 44 + i * 20
    const tag = woff.readUInt32BE(e)
    const offset = woff.readUInt32BE(e + 4)
    const compLength = woff.readUInt32BE(e + 8)
    const origLength = woff.readUInt32BE(e + 12)
    const checksum = woff.readUInt32BE(e + 16)
    const raw = woff.subarray(offset, offset + compLength)
    tables.push({ tag, checksum, data: compLength < origLength ? inflateSync(raw) : Buffer.from(raw) })
  }
  let searchRange = 1
  let entrySelector = 0
  while (searchRange * 2 <= numTables) {
    searchRange *= 2
    entrySelector++
  }
  searchRange *= 16
  const headerSize = 12 + 16 * numTables
  const padded = (n: number): number => (n + 3) & ~3
  const total = tables.reduce((n, t) => n + padded(t.data.length), headerSize)
  const out = Buffer.alloc(total)
  out.writeUInt32BE(flavor, 0)
  out.writeUInt16BE(numTables, 4)
  out.writeUInt16BE(searchRange, 6)
  out.writeUInt16BE(entrySelector, 8)
  out.writeUInt16BE(numTables * 16 - searchRange, 10)
  let offset = headerSize
  tables.forEach((t, i) => {
    const e = 12 + i * 16
    out.writeUInt32BE(t.tag, e)
    out.writeUInt32BE(t.checksum, e + 4)
    out.writeUInt32BE(offset, e + 8)
    out.writeUInt32BE(t.data.length, e + 12)
    t.data.copy(out, offset)
    offset += padded(t.data.length)
  })
  return out
}
