import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { callFunction, newRequestId } from '@/api'
import { useCloudQuery } from '@/api/use-cloud-query.hook'
import { certificateListView, verifyView, type VerifyView } from '@/core/volunteers/volunteers.views'
import { PageShell } from '@/components/theme/page-shell'
import Button from '@/components/ui/button'
import { saveBase64 } from '@/components/files/save-file'
import { FormProblem, SubmitButton, TextField } from '@/components/form/form-field'
import { useFormProblems } from '@/components/form/use-form-problems.hook'
import { useRefusal } from '@/components/form/use-refusal.hook'
import { volunteersCopy as copy } from './copy'
import './volunteers.css'

/** Only for what went right: a refusal is shown beside the button tapped (useRefusal). */
const toast = (title: string): void => { void Taro.showToast({ title, icon: 'none', duration: 3000 }) }

/** 志愿服务记录证明: issue one from verified hours, download the PDF; anyone can check a serial. */
export function CertificateView ({ verifyOnly }: { verifyOnly: boolean }) {
  return (
    <PageShell className='volunteers'>
      {!verifyOnly && <MyCertificates />}
      <VerifySerial />
    </PageShell>
  )
}

function MyCertificates () {
  const list = useCloudQuery({ fn: 'volunteers', action: 'certificates', schema: certificateListView, badResponse: copy.badResponse })
  const [busy, setBusy] = useState(false)
  const [requestId, setRequestId] = useState(newRequestId)
  const refusal = useRefusal()
  const issue = async (): Promise<void> => {
    setBusy(true)
    const res = await refusal.tap('issue', () => callFunction<{ serial: string }>('volunteers', 'issueCertificate', {}, { requestId }))
    setBusy(false)
    if (!res.ok) return
    toast(copy.issued(res.data.serial))
    setRequestId(newRequestId())
    list.reload()
  }
  const download = async (serial: string): Promise<void> => {
    setBusy(true)
    const res = await refusal.tap(serial, () => callFunction<{ fileName: string, pdfBase64: string }>('volunteers', 'downloadCertificate', { serial }))
    setBusy(false)
    if (!res.ok) return
    await saveBase64(res.data.fileName, res.data.pdfBase64, 'application/pdf', 'pdf')
    toast(copy.downloaded)
  }
  return (
    <>
      <FormProblem problem={refusal.at('issue')} />
      <Button type='primary' size='large' block disabled={busy} onClick={() => void issue()}>{copy.issue}</Button>
      <Text className='section-title'>{copy.myCertificates}</Text>
      {(list.data ?? []).length === 0 && <View className='card'><Text className='text-soft'>{list.error?.message ?? copy.noCertificates}</Text></View>}
      {(list.data ?? []).map(c => (
        <View key={c.serial} className='card' data-testid='certificate'>
          <Text className='vol-title' data-testid='certificate-serial'>{c.serial}</Text>
          <Text className='status-line'>{c.issuedAt} · {copy.certHours(c.totalHours)}</Text>
          <FormProblem problem={refusal.at(c.serial)} />
          <Button className='vol-gap' block disabled={busy} onClick={() => void download(c.serial)}>{copy.download}</Button>
        </View>
      ))}
    </>
  )
}

function VerifySerial () {
  const [serial, setSerial] = useState('')
  const [result, setResult] = useState<VerifyView | null>(null)
  const problems = useFormProblems(serialLabels)
  const check = async (): Promise<void> => {
    problems.clear()
    const res = await callFunction<unknown>('volunteers', 'verifyCertificate', { serial: serial.trim().toUpperCase() })
    if (!res.ok) return problems.show(res.error)
    const parsed = verifyView.safeParse(res.data)
    setResult(parsed.success ? parsed.data : null)
  }
  return (
    <>
      <Text className='section-title'>{copy.verifyTitle}</Text>
      <View className='card'>
        <TextField
          name='verify-serial' label={copy.serialLabel} placeholder={copy.serialPlaceholder} value={serial} maxLength={20} counter={false}
          error={problems.field('serial')} onChange={v => { setSerial(v); setResult(null); problems.clear('serial') }}
        />
        <SubmitButton type='default' disabledReason={serial.trim().length < 14 ? copy.needSerial : null} problem={problems.form} onClick={() => void check()}>
          {copy.check}
        </SubmitButton>
        {result && (
          <Text className={`vol-line vol-gap ${result.valid ? 'vol-ok' : 'vol-warn'}`} data-testid='verify-result'>
            {result.valid ? copy.valid(result.name ?? '', result.totalHours ?? 0, result.issuer ?? '', result.issuedAt ?? '') : copy.invalid}
          </Text>
        )}
      </View>
    </>
  )
}

const serialLabels = { serial: copy.serialLabel }
