import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { PageShell } from '@/components/theme/page-shell'
import Button from '@/components/ui/button'
import { staffCopy } from './copy'
import { saveText } from '@/components/files/save-file'
import { useAction, useQuery } from '@/api'
import { staffContract } from '@/core/staff/staff.contract'
import { LoadState, Notice } from './staff-ui'

/** 我的数据: everything held about me and my household; export it; ask for deletion. */
export function MyDataView() {
  const { data, error, loading, reload } = useQuery(staffContract.myData, {})
  const exporting = useAction(staffContract.exportMyData)
  const erasing = useAction(staffContract.requestErasure)
  const [note, setNote] = useState<{ text: string; tone: 'calm' | 'danger' } | null>(null)
  const [confirming, setConfirming] = useState(false)
  const busy = exporting.busy !== null || erasing.busy !== null
  const refused = (e: { message: string }) => setNote({ text: e.message, tone: 'danger' })

  if (!data)
    return (
      <PageShell className='staff'>
        <LoadState error={error} loading={loading} reload={reload} />
      </PageShell>
    )

  const exportAll = async () => {
    const res = await exporting.run({}, { onError: refused })
    if (!res.ok) return
    const { fileName, ...content } = res.data
    const how = await saveText(fileName, JSON.stringify(content, null, 2), 'application/json')
    if (how === 'not-copied') return // saveText said why
    setNote({ text: how === 'copied' ? staffCopy.copiedJson : staffCopy.exported(fileName), tone: 'calm' })
  }

  const askDeletion = async () => {
    const res = await erasing.run({ confirm: true }, { onError: refused })
    setConfirming(false)
    if (!res.ok) return
    setNote({ text: staffCopy.deletePending, tone: 'calm' })
    reload()
  }

  return (
    <PageShell className='staff'>
      <Text className='status-line'>{staffCopy.myDataIntro}</Text>
      {data.sections.map(s => (
        <View key={`${s.collection}:${s.label}`} className='card'>
          <View className='staff-row'>
            <View className='staff-row__main'>
              <Text className='staff-row__title'>{s.label}</Text>
              <Text className='staff-row__sub'>
                {staffCopy.records(s.count)} · {staffCopy.onDelete[s.onDelete]}
                {s.why ? `（${s.why}）` : ''}
              </Text>
            </View>
          </View>
          {s.records.slice(0, 5).map((r, i) => (
            <Text key={i} className='staff-row__sub'>
              {summary(r)}
            </Text>
          ))}
        </View>
      ))}
      {note && <Notice tone={note.tone}>{note.text}</Notice>}
      {data.erasure && <Notice>{staffCopy.deletePending}</Notice>}
      <View className='staff-actions'>
        <Button
          type='primary'
          size='large'
          block
          disabled={busy}
          onClick={() => {
            void exportAll()
          }}
        >
          {staffCopy.exportJson}
        </Button>
        {!data.erasure && !confirming && (
          <Button size='large' block disabled={busy} onClick={() => setConfirming(true)}>
            {staffCopy.askDelete}
          </Button>
        )}
        {confirming && (
          <View className='card' role='alertdialog'>
            <Text className='staff-status__text'>{staffCopy.askDeleteConfirm}</Text>
            <View className='staff-actions'>
              <Button
                type='danger'
                size='large'
                block
                disabled={busy}
                onClick={() => {
                  void askDeletion()
                }}
              >
                {staffCopy.confirmDelete}
              </Button>
              <Button size='large' block onClick={() => setConfirming(false)}>
                {staffCopy.cancel}
              </Button>
            </View>
          </View>
        )}
      </View>
    </PageShell>
  )
}

/** One line per record: its readable fields in Chinese, not its ids or codes. */
function summary(record: Record<string, unknown>): string {
  return Object.entries(record)
    .filter(
      ([k, v]) =>
        k in staffCopy.fieldLabels &&
        (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') &&
        v !== ''
    )
    .slice(0, 6)
    .map(
      ([k, v]) =>
        `${staffCopy.fieldLabels[k]}：${typeof v === 'boolean' ? (v ? staffCopy.yes : staffCopy.no) : String(v)}`
    )
    .join(' · ')
}
