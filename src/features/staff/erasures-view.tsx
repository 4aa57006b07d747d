import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { PageShell } from '@/components/theme/page-shell'
import { shanghaiDateTime } from '@/components/format/time'
import Button from '@/components/ui/button'
import { staffCopy } from './copy'
import { staffCall } from './staff-api'
import { LoadState, Notice } from './staff-ui'
import type { ErasureItem, Paged } from './staff.types'
import { useStaffQuery } from './use-staff-query.hook'

/** 删除申请 (staff): residents' deletion requests, confirmed one by one. */
export function ErasuresView () {
  const { data, error, loading, reload } = useStaffQuery<Paged<ErasureItem>>('listErasures')
  const [note, setNote] = useState<string | null>(null)
  const [busy, setBusy] = useState<string | null>(null)
  if (!data) return <PageShell className='staff'><LoadState error={error} loading={loading} reload={reload} /></PageShell>

  const confirm = async (userId: string) => {
    setBusy(userId)
    const res = await staffCall<unknown>('confirmErasure', { userId })
    setBusy(null)
    setNote(res.ok ? staffCopy.erasureDone : res.error.message)
    reload()
  }

  return (
    <PageShell className='staff'>
      {note && <Notice>{note}</Notice>}
      <View className='card'>
        {data.items.length === 0 && <Text className='text-soft'>{staffCopy.nothingHere}</Text>}
        {data.items.map(e => (
          <View key={e.userId} className='staff-row'>
            <View className='staff-row__main'>
              <Text className='staff-row__title'>{e.name || e.userId}</Text>
              <Text className='staff-row__sub'>{staffCopy.requestedAt(shanghaiDateTime(e.requestedAt))}</Text>
            </View>
            <Button type='danger' disabled={busy !== null} onClick={() => { void confirm(e.userId) }}>{staffCopy.erasureConfirm}</Button>
          </View>
        ))}
      </View>
    </PageShell>
  )
}
