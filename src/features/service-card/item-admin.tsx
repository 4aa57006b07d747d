import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import * as z from 'zod'
import { callFunction } from '@/api'
import { useCloudQuery } from '@/api/use-cloud-query.hook'
import type { ItemView } from '@/core/service-card/service-card.views'
import { shanghaiDateTime } from '@/components/format/time'
import Button from '@/components/ui/button'
import { useRefusal } from '@/components/form/use-refusal.hook'
import { FormProblem } from '@/components/form/form-field'
import { serviceCardCopy as copy } from './copy'

const history = z.array(z.object({ version: z.number(), change: z.string(), by: z.string(), at: z.string(), name: z.string() }))

/** Staff controls on an item: verify (restarts the 90 days), edit, retire/restore, reorder, and its versions. */
export function ItemAdmin ({ item, onChanged }: { item: ItemView, onChanged: () => void }) {
  const versions = useCloudQuery({ fn: 'service-card', action: 'itemHistory', payload: { itemId: item.id }, schema: history, badResponse: copy.badResponse })
  const [busy, setBusy] = useState(false)
  // One card of buttons: its refusal (a newer version saved by a colleague...) sits above them.
  const refusal = useRefusal()
  const run = async (action: string, extra: Record<string, unknown> = {}): Promise<void> => {
    setBusy(true)
    const res = await refusal.tap('item', () => callFunction('service-card', action, { itemId: item.id, version: item.version, ...extra }))
    setBusy(false)
    if (res.ok) void Taro.showToast({ title: copy.saved, icon: 'none', duration: 3000 })
    onChanged()
    versions.reload()
  }
  return (
    <View>
      <Text className='section-title'>{copy.manageTitle}</Text>
      <View className='card'>
        {item.status === 'retired' && <Text className='sc-status'>{copy.retiredBadge}</Text>}
        <FormProblem problem={refusal.at('item')} />
        <Button className='sc-gap' type='primary' block disabled={busy} onClick={() => void run('verifyItem')}>{copy.verify}</Button>
        <Button className='sc-gap' block onClick={() => { void Taro.navigateTo({ url: `/pages/service-card/edit?id=${item.id}` }) }}>{copy.edit}</Button>
        <View className='sc-admin-row'>
          <Button disabled={busy || item.order === 0} onClick={() => void run('reorderItem', { order: Math.max(0, item.order - 1) })}>{copy.moveUp}</Button>
          <Button disabled={busy} onClick={() => void run('reorderItem', { order: item.order + 1 })}>{copy.moveDown}</Button>
          {item.status === 'active'
            ? <Button disabled={busy} onClick={() => void run('retireItem')}>{copy.retire}</Button>
            : <Button disabled={busy} onClick={() => void run('restoreItem')}>{copy.restore}</Button>}
        </View>
        <Text className='sc-row__label'>{copy.versions}</Text>
        {(versions.data ?? []).map(v => <Text key={v.version} className='status-line'>{copy.version(v.version, v.change, shanghaiDateTime(v.at))}</Text>)}
      </View>
    </View>
  )
}
