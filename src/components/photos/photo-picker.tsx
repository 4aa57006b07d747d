/**
 * The one photo picker of the app (随手拍/报事 and any form that takes photos): up to MAX_PHOTOS photos, each
 * shown as a thumbnail with its upload progress and a 删除 button. Type and size are checked before anything is
 * uploaded, with a plain Chinese reason; a photo that fails to upload is dropped with the reason shown, so
 * what the form submits (`onChange`'s fileIDs) is always uploaded photos only. Never throws.
 * The fileIDs still go through the function's PhotoStore.check; this only spares the person a wasted upload.
 */
import { useEffect, useRef, useState } from 'react'
import { Image, Text, View } from '@tarojs/components'
import Button from '@/components/ui/button'
import { MAX_PHOTOS, MAX_PHOTO_BYTES } from '@/core/shared/photo-store.ports'
import { pickPhotos, photoRefusal, uploadPhoto } from '@/api/upload-photo'
import './photo-picker.css'

interface Item {
  key: string
  path: string
  progress: number
  fileId: string | null
}

export interface PhotoPickerProps {
  /** Where the photos are filed (photos/<communityId>/…): the community the report is for. */
  communityId: string
  /** The uploaded photos' fileIDs, in order, and whether an upload is still running (the form waits for it). */
  onChange: (fileIds: string[], uploading: boolean) => void
  label?: string
  max?: number
}

export const pickerCopy = {
  add: '添加照片',
  remove: '删除',
  hint: (max: number) => `最多 ${max} 张，每张不超过 ${MAX_PHOTO_BYTES / 1024 / 1024} MB`,
  uploading: (percent: number) => `上传中 ${percent}%`,
  full: (max: number) => `已经有 ${max} 张了，要换一张请先删除一张`
} as const

let nextKey = 0

export function PhotoPicker({ communityId, onChange, label = '照片（可不传）', max = MAX_PHOTOS }: PhotoPickerProps) {
  const [items, setItems] = useState<Item[]>([])
  const [problem, setProblem] = useState<string | null>(null)
  const mounted = useRef(true)
  useEffect(
    () => () => {
      mounted.current = false
    },
    []
  )
  const report = useRef(onChange)
  report.current = onChange
  useEffect(() => {
    const done = items.filter(i => i.fileId !== null).map(i => i.fileId as string)
    report.current(
      done,
      items.some(i => i.fileId === null)
    )
  }, [items])

  const update = (key: string, change: (item: Item) => Item | null): void => {
    if (!mounted.current) return
    setItems(list => list.flatMap(i => (i.key === key ? (change(i) ?? []) : [i])))
  }

  const add = async (): Promise<void> => {
    setProblem(null)
    const room = max - items.length
    if (room <= 0) {
      setProblem(pickerCopy.full(max))
      return
    }
    const picked = await pickPhotos(room)
    if (!mounted.current) return
    if (!picked.ok) {
      setProblem(picked.message)
      return
    }
    const refusals = picked.photos.map(photoRefusal)
    const firstRefusal = refusals.find(r => r !== null) ?? null
    if (firstRefusal !== null) setProblem(firstRefusal)
    const accepted = picked.photos.filter((_, i) => refusals[i] === null)
    const added = accepted.map(photo => ({
      photo,
      item: { key: `p${++nextKey}`, path: photo.path, progress: 0, fileId: null }
    }))
    setItems(list => [...list, ...added.map(a => a.item)])
    await Promise.all(
      added.map(async ({ photo, item }) => {
        const res = await uploadPhoto(photo, communityId, progress => update(item.key, i => ({ ...i, progress })))
        if (res.ok) update(item.key, i => ({ ...i, progress: 100, fileId: res.fileId }))
        else {
          update(item.key, () => null)
          if (mounted.current) setProblem(res.message)
        }
      })
    )
  }

  const remove = (key: string): void => {
    setProblem(null)
    update(key, () => null)
  }

  return (
    <View className='photo-picker'>
      <Text className='photo-picker__label'>{`${label} ${items.length}/${max}`}</Text>
      {items.length > 0 && (
        <View className='photo-picker__grid'>
          {items.map((item, n) => (
            <View key={item.key} className='photo-picker__item'>
              <Image
                className='photo-picker__thumb'
                src={item.path}
                mode='aspectFill'
                aria-label={`第 ${n + 1} 张照片`}
              />
              {item.fileId === null && (
                <Text className='photo-picker__progress' aria-live='polite'>
                  {pickerCopy.uploading(item.progress)}
                </Text>
              )}
              <Button block aria-label={`删除第 ${n + 1} 张照片`} onClick={() => remove(item.key)}>
                {pickerCopy.remove}
              </Button>
            </View>
          ))}
        </View>
      )}
      {items.length < max && (
        <Button block onClick={() => void add()}>
          {pickerCopy.add}
        </Button>
      )}
      <Text className='photo-picker__hint'>{pickerCopy.hint(max)}</Text>
      {problem && (
        <View className='photo-picker__problem' role='alert'>
          {problem}
        </View>
      )}
    </View>
  )
}
