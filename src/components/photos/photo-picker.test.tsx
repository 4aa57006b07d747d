import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { photoMessages } from '@/core/shared/photo-store.ports'
import { PhotoPicker } from './photo-picker'
import { buttonTexts } from '../../../test/setup/form-input'

jest.mock('@tarojs/taro', () => {
  const mock = require('../../../test/setup/taro.mock').taroMock()
  mock.chooseMedia = jest.fn()
  mock.default.chooseMedia = mock.chooseMedia
  mock.cloud.uploadFile = jest.fn()
  return mock
})

const taro = Taro as unknown as {
  chooseMedia: jest.Mock
  cloud: { uploadFile: jest.Mock }
}
const MB = 1024 * 1024
const file = (name: string, size = 300 * 1024) => ({ tempFilePath: `wxfile://tmp/${name}`, size, fileType: 'image' })

/** wx.cloud.uploadFile as WeChat answers it: progress through the UploadTask, then success or fail. */
type Upload = { cloudPath: string; progress: (p: number) => void; succeed: () => void; fail: () => void }
const uploads: Upload[] = []

beforeEach(() => {
  process.env.TARO_ENV = 'weapp'
  uploads.length = 0
  taro.chooseMedia.mockReset()
  taro.cloud.uploadFile.mockImplementation((opts: { cloudPath: string; success: Function; fail: Function }) => {
    let onProgress: (r: { progress: number }) => void = () => undefined
    uploads.push({
      cloudPath: opts.cloudPath,
      progress: p => onProgress({ progress: p }),
      succeed: () => opts.success({ fileID: `cloud://env.bucket/${opts.cloudPath}`, statusCode: 204 }),
      fail: () => opts.fail({ errMsg: 'cloud.uploadFile:fail network' })
    })
    return { onProgressUpdate: (cb: typeof onProgress) => (onProgress = cb) }
  })
})
afterEach(() => {
  process.env.TARO_ENV = 'h5'
})

function renderPicker() {
  const changes: Array<{ ids: string[]; uploading: boolean }> = []
  render(<PhotoPicker communityId='community-1' onChange={(ids, uploading) => changes.push({ ids, uploading })} />)
  return { last: () => changes[changes.length - 1] }
}

const add = async (): Promise<void> => {
  await act(async () => {
    fireEvent.click(screen.getByText('添加照片'))
  })
}

describe('PhotoPicker', () => {
  it('uploads a chosen photo under photos/<community>/<random>, shows its progress, then hands over its fileID', async () => {
    taro.chooseMedia.mockResolvedValueOnce({ tempFiles: [file('a.jpg')] })
    const picker = renderPicker()
    await add()
    expect(taro.chooseMedia).toHaveBeenCalledWith(
      expect.objectContaining({ count: 3, mediaType: ['image'], sizeType: ['compressed'] })
    )
    await waitFor(() => expect(uploads).toHaveLength(1))
    expect(uploads[0].cloudPath).toMatch(/^photos\/community-1\/[0-9a-f]{32}\.jpg$/)
    expect(picker.last()).toEqual({ ids: [], uploading: true })
    act(() => uploads[0].progress(40))
    expect(screen.getByText('上传中 40%')).toBeTruthy()
    act(() => uploads[0].succeed())
    await waitFor(() =>
      expect(picker.last()).toEqual({ ids: [`cloud://env.bucket/${uploads[0].cloudPath}`], uploading: false })
    )
    expect(screen.queryByText(/上传中/)).toBeNull()
    expect(screen.getByText('照片（可不传） 1/3')).toBeTruthy()
  })

  it('refuses a photo over 10 MB and a video before uploading, saying why; the good one still goes up', async () => {
    taro.chooseMedia.mockResolvedValueOnce({ tempFiles: [file('big.jpg', 12 * MB), file('ok.png')] })
    renderPicker()
    await add()
    expect(await screen.findByRole('alert')).toHaveProperty('textContent', '照片太大了：每张不超过 10 MB，请重新拍一张')
    await waitFor(() => expect(uploads).toHaveLength(1))
    expect(uploads[0].cloudPath).toMatch(/\.png$/)

    taro.chooseMedia.mockResolvedValueOnce({ tempFiles: [file('clip.mp4')] })
    await add()
    expect((await screen.findByRole('alert')).textContent).toBe(photoMessages.notImage)
    expect(uploads).toHaveLength(1)
  })

  it('a failed upload drops the photo and says what to do; removing a photo takes it out of the form', async () => {
    taro.chooseMedia.mockResolvedValueOnce({ tempFiles: [file('a.jpg'), file('b.jpg')] })
    const picker = renderPicker()
    await add()
    await waitFor(() => expect(uploads).toHaveLength(2))
    act(() => uploads[0].succeed())
    act(() => uploads[1].fail())
    expect((await screen.findByRole('alert')).textContent).toBe('照片没有传上去，请检查网络后重试')
    await waitFor(() =>
      expect(picker.last()).toEqual({ ids: [`cloud://env.bucket/${uploads[0].cloudPath}`], uploading: false })
    )
    await act(async () => {
      fireEvent.click(screen.getByLabelText('删除第 1 张照片'))
    })
    expect(picker.last()).toEqual({ ids: [], uploading: false })
    expect(screen.getByText('照片（可不传） 0/3')).toBeTruthy()
  })

  it('takes at most three: asks the album for what is left, and offers no 添加 once full', async () => {
    taro.chooseMedia.mockResolvedValueOnce({ tempFiles: [file('a.jpg'), file('b.jpg')] })
    renderPicker()
    await add()
    taro.chooseMedia.mockResolvedValueOnce({ tempFiles: [file('c.jpg')] })
    await add()
    expect(taro.chooseMedia.mock.calls[1][0].count).toBe(1)
    await waitFor(() => expect(uploads).toHaveLength(3))
    expect(buttonTexts()).not.toContain('添加照片')
  })

  it('closing the album says nothing; an album that fails to open says so', async () => {
    taro.chooseMedia.mockRejectedValueOnce({ errMsg: 'chooseMedia:fail cancel' })
    renderPicker()
    await add()
    expect(screen.queryByRole('alert')).toBeNull()
    taro.chooseMedia.mockRejectedValueOnce({ errMsg: 'chooseMedia:fail system error' })
    await add()
    expect((await screen.findByRole('alert')).textContent).toBe('没能打开相册或相机，请稍后再试')
  })
})
