import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { PageShell } from '@/components/theme/page-shell'
import { shanghaiDateTime } from '@/components/format/time'
import Button from '@/components/ui/button'
import { useAction, usePagedQuery } from '@/api'
import { staffContract } from '@/core/staff/staff.contract'
import { staffCopy } from './copy'
import { LoadState, Notice } from './staff-ui'

/** 删除申请 (staff): residents' deletion requests, confirmed one by one. */
export function ErasuresView() {
  const { items, error, loading, reload, more, hasMore } = usePagedQuery(staffContract.listErasures, {})
  const erase = useAction(staffContract.confirmErasure)
  const [note, setNote] = useState<string | null>(null)
  if (items.length === 0 && (loading || error))
    return (
      <PageShell className='staff'>
        <LoadState error={error} loading={loading} reload={reload} />
      </PageShell>
    )

  const confirm = async (userId: string) => {
    const res = await erase.run({ userId }, { key: userId, onError: e => setNote(e.message) })
    if (res.ok) setNote(staffCopy.erasureDone)
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
            <Button
              type='danger'
              disabled={erase.busy !== null}
              onClick={() => {
                void confirm(e.userId)
              }}
            >
              {staffCopy.erasureConfirm}
            </Button>
          </View>
        ))}
        {hasMore && (
          <Button size='large' block disabled={loading} onClick={more}>
            {staffCopy.more}
          </Button>
        )}
      </View>
    </PageShell>
  )
}
