import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useAction, useQuery } from '@/api'
import type { ReplyOf } from '@/core/shared/contract'
import { volunteersContract as volunteers } from '@/core/volunteers/volunteers.contract'
import { PageShell } from '@/components/theme/page-shell'
import Button from '@/components/ui/button'
import { saveBase64 } from '@/components/files/save-file'
import { FormProblem, SubmitButton, TextField } from '@/components/form/form-field'
import { useFormProblems } from '@/components/form/use-form-problems.hook'
import { volunteersCopy as copy } from './copy'
import './volunteers.css'

/** Only for what went right: a refusal is shown beside the button tapped (useRefusal). */
const toast = (title: string): void => {
  void Taro.showToast({ title, icon: 'none', duration: 3000 })
}

/** 志愿服务记录证明: issue one from verified hours, download the PDF; anyone can check a serial. */
export function CertificateView({ verifyOnly }: { verifyOnly: boolean }) {
  return (
    <PageShell className='volunteers'>
      {!verifyOnly && <MyCertificates />}
      <VerifySerial />
    </PageShell>
  )
}

function MyCertificates() {
  const list = useQuery(volunteers.certificates, {})
  // Issuing again after no answer is the same request: one certificate, one serial (useAction).
  const issuing = useAction(volunteers.issueCertificate)
  const downloading = useAction(volunteers.downloadCertificate)
  const busy = issuing.busy !== null || downloading.busy !== null
  const issue = async (): Promise<void> => {
    const res = await issuing.run({}, { key: 'issue' })
    if (!res.ok) return
    toast(copy.issued(res.data.serial))
    list.reload()
  }
  const download = async (serial: string): Promise<void> => {
    const res = await downloading.run({ serial }, { key: serial })
    if (!res.ok) return
    await saveBase64(res.data.fileName, res.data.pdfBase64, 'application/pdf', 'pdf')
    toast(copy.downloaded)
  }
  return (
    <>
      <FormProblem problem={issuing.refused('issue')} />
      <Button type='primary' size='large' block disabled={busy} onClick={() => void issue()}>
        {copy.issue}
      </Button>
      <Text className='section-title'>{copy.myCertificates}</Text>
      {(list.data ?? []).length === 0 && (
        <View className='card'>
          <Text className='text-soft'>{list.error?.message ?? copy.noCertificates}</Text>
        </View>
      )}
      {(list.data ?? []).map(c => (
        <View key={c.serial} className='card' data-testid='certificate'>
          <Text className='vol-title' data-testid='certificate-serial'>
            {c.serial}
          </Text>
          <Text className='status-line'>
            {c.issuedAt} · {copy.certHours(c.totalHours)}
          </Text>
          <FormProblem problem={downloading.refused(c.serial)} />
          <Button className='vol-gap' block disabled={busy} onClick={() => void download(c.serial)}>
            {copy.download}
          </Button>
        </View>
      ))}
    </>
  )
}

function VerifySerial() {
  const [serial, setSerial] = useState('')
  const [result, setResult] = useState<ReplyOf<typeof volunteers.verifyCertificate> | null>(null)
  const problems = useFormProblems(serialLabels)
  const verify = useAction(volunteers.verifyCertificate)
  const check = async (): Promise<void> => {
    problems.clear()
    const res = await verify.run({ serial: serial.trim().toUpperCase() }, { onError: problems.show })
    setResult(res.ok ? res.data : null)
  }
  return (
    <>
      <Text className='section-title'>{copy.verifyTitle}</Text>
      <View className='card'>
        <TextField
          name='verify-serial'
          label={copy.serialLabel}
          placeholder={copy.serialPlaceholder}
          value={serial}
          maxLength={20}
          counter={false}
          error={problems.field('serial')}
          onChange={v => {
            setSerial(v)
            setResult(null)
            problems.clear('serial')
          }}
        />
        <SubmitButton
          type='default'
          disabledReason={serial.trim().length < 14 ? copy.needSerial : null}
          problem={problems.form}
          onClick={() => void check()}
        >
          {copy.check}
        </SubmitButton>
        {result && (
          <Text className={`vol-line vol-gap ${result.valid ? 'vol-ok' : 'vol-warn'}`} data-testid='verify-result'>
            {result.valid
              ? copy.valid(result.name ?? '', result.totalHours ?? 0, result.issuer ?? '', result.issuedAt ?? '')
              : copy.invalid}
          </Text>
        )}
      </View>
    </>
  )
}

const serialLabels = { serial: copy.serialLabel }
