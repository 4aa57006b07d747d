import { encode } from 'uqr'
import { qrDataUrl } from './qr-image'

// WeChat's runtime on a phone has no btoa: the check-in QR must be drawn without it.
test('the check-in QR is an SVG data URL made without btoa, one square per dark module', () => {
  const g = globalThis as { btoa?: unknown }
  const btoa = g.btoa
  g.btoa = undefined
  try {
    const text = 'linli:checkin:task-1:20261204T0900:7f3a'
    const url = qrDataUrl(text)
    expect(url.startsWith('data:image/svg+xml;base64,')).toBe(true)
    const svg = Buffer.from(url.slice('data:image/svg+xml;base64,'.length), 'base64').toString('utf8')
    const { data, size } = encode(text, { ecc: 'M', border: 2 })
    expect(svg).toContain(`viewBox="0 0 ${size} ${size}"`)
    const dark = data.flat().filter(Boolean).length
    expect(svg.match(/M\d+ \d+h1v1h-1z/g)).toHaveLength(dark)
  } finally {
    g.btoa = btoa
  }
})
