import { Image } from '@tarojs/components'
import { encode } from 'uqr'
import { textToBase64 } from '@/core/shared/base64'

/**
 * The QR code of `text` as an SVG data URL: one image, drawn on the device (no server call). WeChat's
 * <image> takes SVG and base64 data URLs; the base64 is ours, as the phone has no `btoa`.
 */
export function qrDataUrl(text: string): string {
  const { data, size } = encode(text, { ecc: 'M', border: 2 })
  let path = ''
  data.forEach((row, y) =>
    row.forEach((dark, x) => {
      if (dark) path += `M${x} ${y}h1v1h-1z`
    })
  )
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}" shape-rendering="crispEdges"><rect width="${size}" height="${size}" fill="#fff"/><path d="${path}" fill="#000"/></svg>`
  return `data:image/svg+xml;base64,${textToBase64(svg)}`
}

export function QrImage({ text }: { text: string }) {
  return <Image className='vol-qr' src={qrDataUrl(text)} mode='aspectFit' data-testid='checkin-qr' />
}
