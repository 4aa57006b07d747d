import { imageTypeOf } from './image-type'
import {
  MAX_PHOTOS,
  photoCloudPath,
  photoCommunityOf,
  photoExtensionOf,
  photoIdSchema,
  photoIdsSchema,
  photoMessages
} from './photo-store.ports'

const id = (name = `${'a'.repeat(32)}.jpg`, community = 'community-1'): string =>
  `cloud://linli-local.6c69-linli-local-1300000000/photos/${community}/${name}`

describe('photo ids', () => {
  it('accepts CloudBase fileIDs and refuses other strings with a Chinese message', () => {
    expect(photoIdSchema.safeParse(id()).success).toBe(true)
    for (const bad of ['https://x/a.jpg', 'cloud://env/a.jpg', `${id()}\n`, `cloud://e.b/${'x'.repeat(600)}`, 42]) {
      const parsed = photoIdSchema.safeParse(bad)
      expect(parsed.success).toBe(false)
    }
    expect(photoIdSchema.safeParse('cloud://e.b/\u0007').error?.issues[0].message).toBe(photoMessages.invalidId)
  })

  it(`a report takes at most ${MAX_PHOTOS} distinct photos`, () => {
    const ids = ['a', 'b', 'c', 'd'].map(c => id(`${c.repeat(32)}.jpg`))
    expect(photoIdsSchema.safeParse(ids.slice(0, 3)).success).toBe(true)
    expect(photoIdsSchema.safeParse(ids).error?.issues[0].message).toBe(photoMessages.tooMany)
    expect(photoIdsSchema.safeParse([ids[0], ids[0]]).success).toBe(false)
  })

  it('the path names the community and a 32-hex random name; anything else has no community', () => {
    expect(photoCloudPath('c-1', 'f'.repeat(32), 'png')).toBe(`photos/c-1/${'f'.repeat(32)}.png`)
    expect(photoCommunityOf(id())).toBe('community-1')
    expect(photoCommunityOf(id('short.jpg'))).toBeNull()
    expect(photoCommunityOf(id(`${'a'.repeat(32)}.pdf`))).toBeNull()
    expect(photoCommunityOf(id(`x/${'a'.repeat(32)}.jpg`))).toBeNull()
  })

  it('extensions come from a name or a declared type', () => {
    expect(photoExtensionOf('wxfile://tmp/IMG_1.JPEG')).toBe('jpg')
    expect(photoExtensionOf('image/png')).toBe('png')
    expect(photoExtensionOf('report.pdf')).toBeNull()
    expect(photoExtensionOf('video/mp4')).toBeNull()
  })

  it('image types come from the bytes', () => {
    expect(imageTypeOf(new Uint8Array([0xff, 0xd8, 0xff, 0xdb]))).toBe('image/jpeg')
    expect(imageTypeOf(new TextEncoder().encode('\0\0\0\x18ftypheic0000'))).toBe('image/heic')
    expect(imageTypeOf(new TextEncoder().encode('GIF89a'))).toBe('image/gif')
    expect(imageTypeOf(new TextEncoder().encode('<svg xmlns='))).toBeNull()
  })
})
