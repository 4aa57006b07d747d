import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { PageShell } from '@/components/theme/page-shell'
import { shanghaiDateTime } from '@/components/format/time'
import Button from '@/components/ui/button'
import { staffCopy } from './copy'
import { staffCall } from './staff-api'
import { LoadState, Notice } from './staff-ui'
import type { ErasureItem } from './staff.types'
import { useStaffPages } from './use-staff-pages.hook'

/** 删除申请 (staff): residents' deletion requests, confirmed one by one. */
export function ErasuresView () {
  const { items, error, loading, reload, more, hasMore } = useStaffPages<ErasureItem>('listErasures')
  const [note, setNote] = useState<string | null>(null)
  const [busy, setBusy] = useState<string | null>(null)
  if (!items) return <PageShell className='staff'><LoadState error={error} loading={loading} reload={reload} /></PageShell>

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
        {items.length === 0 && <Text className='text-soft'>{staffCopy.nothingHere}</Text>}
        {items.map(e => (
          <View key={e.userId} className='staff-row'>
            <View className='staff-row__main'>
              <Text className='staff-row__title'>{e.name || e.userId}</Text>
              <Text className='staff-row__sub'>{staffCopy.requestedAt(shanghaiDateTime(e.requestedAt))}</Text>
            </View>
            <Button type='danger' disabled={busy !== null} onClick={() => { void confirm(e.userId) }}>{staffCopy.erasureConfirm}</Button>
          </View>
        ))}
        {hasMore && <Button size='large' block disabled={loading} onClick={more}>{staffCopy.more}</Button>}
      </View>
    </PageShell>
  )
}
