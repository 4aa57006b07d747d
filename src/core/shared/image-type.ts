/**
 * What a file's first bytes say it is. A declared type or a file name is the sender's claim; the
 * bytes are the file. Used by the local cloud's storage (its Content-Type) and the photo check.
 */
export type ImageType = 'image/jpeg' | 'image/png' | 'image/webp' | 'image/gif' | 'image/heic'

/** Bytes imageTypeOf needs to decide. */
export const IMAGE_SNIFF_BYTES = 16

const ascii = (b: Uint8Array, from: number, to: number): string =>
  String.fromCharCode(...Array.from(b.subarray(from, to)))

/** The image type the magic number names, or null for anything else (a PDF, a video, text…). */
export function imageTypeOf(head: Uint8Array): ImageType | null {
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'image/jpeg'
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
  if (head.length >= 8 && png.every((v, i) => head[i] === v)) return 'image/png'
  if (head.length >= 12 && ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 12) === 'WEBP') return 'image/webp'
  if (head.length >= 6 && /^GIF8[79]a$/.test(ascii(head, 0, 6))) return 'image/gif'
  // HEIF/HEIC (iPhone photos): an ISO-BMFF `ftyp` box with a HEIF brand.
  if (head.length >= 12 && ascii(head, 4, 8) === 'ftyp') {
    if (['heic', 'heix', 'mif1', 'msf1', 'heim', 'heis'].includes(ascii(head, 8, 12))) return 'image/heic'
  }
  return null
}
