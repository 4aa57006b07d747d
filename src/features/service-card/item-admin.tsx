import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { callAction, useQuery } from '@/api'
import { serviceCardContract, type ServiceCardContract } from '@/core/service-card/service-card.contract'
import type { WireResponse } from '@/core/shared/wire'
import type { ItemView } from '@/core/service-card/service-card.views'
import { shanghaiDateTime } from '@/components/format/time'
import Button from '@/components/ui/button'
import { useRefusal } from '@/components/form/use-refusal.hook'
import { FormProblem } from '@/components/form/form-field'
import { serviceCardCopy as copy } from './copy'

/** The card's buttons: each changes the version the page shows (a stale one answers CONFLICT). */
type ItemChange = ServiceCardContract['verifyItem' | 'retireItem' | 'restoreItem']

/** Staff controls on an item: verify (restarts the 90 days), edit, retire/restore, reorder, and its versions. */
export function ItemAdmin({ item, onChanged }: { item: ItemView; onChanged: () => void }) {
  const versions = useQuery(serviceCardContract.itemHistory, { itemId: item.id })
  const [busy, setBusy] = useState(false)
  // One card of buttons: its refusal (a newer version saved by a colleague...) sits above them.
  // Four actions behind one refusal, none of them a create: callAction, not a useAction each.
  const refusal = useRefusal()
  const seen = { itemId: item.id, version: item.version }
  const change = async (action: ItemChange): Promise<void> => await save(async () => await callAction(action, seen))
  const reorder = async (order: number): Promise<void> =>
    await save(async () => await callAction(serviceCardContract.reorderItem, { ...seen, order }))
  const save = async (call: () => Promise<WireResponse<unknown>>): Promise<void> => {
    setBusy(true)
    const res = await refusal.tap('item', call)
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
        <Button
          className='sc-gap'
          type='primary'
          block
          disabled={busy}
          onClick={() => void change(serviceCardContract.verifyItem)}
        >
          {copy.verify}
        </Button>
        <Button
          className='sc-gap'
          block
          onClick={() => {
            void Taro.navigateTo({ url: `/pages/service-card/edit?id=${item.id}` })
          }}
        >
          {copy.edit}
        </Button>
        <View className='sc-admin-row'>
          <Button disabled={busy || item.order === 0} onClick={() => void reorder(Math.max(0, item.order - 1))}>
            {copy.moveUp}
          </Button>
          <Button disabled={busy} onClick={() => void reorder(item.order + 1)}>
            {copy.moveDown}
          </Button>
          {item.status === 'active' ? (
            <Button disabled={busy} onClick={() => void change(serviceCardContract.retireItem)}>
              {copy.retire}
            </Button>
          ) : (
            <Button disabled={busy} onClick={() => void change(serviceCardContract.restoreItem)}>
              {copy.restore}
            </Button>
          )}
        </View>
        <Text className='sc-row__label'>{copy.versions}</Text>
        {(versions.data ?? []).map(v => (
          <Text key={v.version} className='status-line'>
            {copy.version(v.version, v.change, shanghaiDateTime(v.at))}
          </Text>
        ))}
      </View>
    </View>
  )
}
