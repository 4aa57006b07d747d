import { useState, type ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import { PageShell } from '@/components/theme/page-shell'
import Button from '@/components/ui/button'
import { staffCopy } from './copy'
import { saveBase64 } from '@/components/files/save-file'
import { callAction, useAction, useQuery } from '@/api'
import { staffContract } from '@/core/staff/staff.contract'
import type { ExportJobView as ExportJob } from '@/core/staff/staff.views'
import { LoadState, Notice } from './staff-ui'

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/**
 * 台账导出: pick a ledger; the page drives the export a page of 1000 rows at a time and shows
 * how far it got, then downloads the .xlsx in parts. `street`: the street office's ledger of every community.
 */
export function ExportsView({ street = false, embedded = false }: { street?: boolean; embedded?: boolean } = {}) {
  const kinds = useQuery(staffContract.exportKinds, {})
  const start = useAction(staffContract.startExport)
  const [job, setJob] = useState<ExportJob | null>(null)
  const [note, setNote] = useState<{ text: string; tone: 'calm' | 'danger' } | null>(null)
  const running = job !== null && (job.status === 'running' || job.status === 'writing')

  const Shell = embedded ? Embedded : PageShell
  if (!kinds.data)
    return (
      <Shell className='staff'>
        <LoadState error={kinds.error} loading={kinds.loading} reload={kinds.reload} />
      </Shell>
    )

  const run = async (kind: string) => {
    setNote(null)
    const started = await start.run(
      { kind, ...(street ? { street: true } : {}) },
      { key: kind, onError: e => setNote({ text: e.message, tone: 'danger' }) }
    )
    if (!started.ok) return
    let current = started.data
    setJob(current)
    while (current.status === 'running') {
      // A step repeated after a lost answer rewrites the same page (export.service.ts): no requestId needed.
      const step = await callAction(staffContract.exportStep, { jobId: current.jobId })
      if (!step.ok) return setNote({ text: step.error.message, tone: 'danger' })
      current = step.data
      setJob(current)
    }
    if (current.status !== 'done') return setNote({ text: staffCopy.unavailable, tone: 'danger' })
    await download(current)
  }

  const download = async (done: ExportJob) => {
    const parts: string[] = []
    for (let part = 0; part < done.fileParts; part++) {
      const res = await callAction(staffContract.exportPart, { jobId: done.jobId, part })
      if (!res.ok) return setNote({ text: res.error.message, tone: 'danger' })
      parts.push(res.data.data)
    }
    await saveBase64(done.fileName ?? 'export.xlsx', parts.join(''), XLSX, 'xlsx')
    setNote({ text: staffCopy.exportSaved(done.fileName ?? ''), tone: 'calm' })
  }

  return (
    <Shell className='staff'>
      <Text className='status-line'>{staffCopy.exportsIntro}</Text>
      {kinds.data.map(k => (
        <View key={k.kind} className='card staff-row'>
          <Text className='staff-row__title'>{k.title}</Text>
          <Button
            type='primary'
            disabled={running}
            onClick={() => {
              void run(k.kind)
            }}
            aria-label={`${staffCopy.exportStart}${k.title}`}
          >
            {staffCopy.exportStart}
          </Button>
        </View>
      ))}
      {job && (
        <View className='card' role='status'>
          <Text className='staff-row__title'>{job.title}</Text>
          <View
            className='staff-progress'
            role='progressbar'
            aria-valuenow={job.percent}
            aria-valuemin={0}
            aria-valuemax={100}
          >
            <View className='staff-progress__bar' style={{ width: `${job.percent}%` }} />
          </View>
          <Text className='staff-row__sub'>
            {job.status === 'done'
              ? staffCopy.exportReady(job.fileName ?? '')
              : staffCopy.exportProgress(job.done, job.total, job.percent)}
          </Text>
          {job.status === 'done' && (
            <Button
              size='large'
              block
              onClick={() => {
                void download(job)
              }}
            >
              {staffCopy.exportAgain}
            </Button>
          )}
        </View>
      )}
      {note && <Notice tone={note.tone}>{note.text}</Notice>}
    </Shell>
  )
}

/** Inside another page (the street's ledgers, under its community picker): no page shell of its own. */
function Embedded({ children, className }: { children: ReactNode; className?: string }) {
  return <View className={className}>{children}</View>
}
