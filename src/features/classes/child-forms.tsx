import { useState } from 'react'
import { View, Text, Input } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { gradeNames } from '@/core/classes/class.schemas'
import { usePagedQuery } from '@/api/use-paged-query.hook'
import type { ChildViewData, SessionViewData } from '@/core/classes/classes.views'
import { sessionPageSchema } from '@/core/classes/classes.views'
import { shanghaiDate } from '@/components/format/time'
import Button from '@/components/ui/button'
import { classesCopy as copy } from './copy'
import { useAct } from './use-act.hook'

/** Adds an adult allowed to collect the child; the new adult's own code is shown once added. */
export function AddAdultForm ({ childId, onDone }: { childId: string, onDone: () => void }) {
  const { busy, act } = useAct()
  const [name, setName] = useState('')
  const [relation, setRelation] = useState('')
  const submit = async (): Promise<void> => {
    const res = await act<{ pickupAdults: Array<{ name: string, code?: string }> }>(childId, 'addPickupAdult', { childId, name: name.trim(), relation: relation.trim() })
    if (!res.ok) return
    const added = res.data.pickupAdults[res.data.pickupAdults.length - 1]
    void Taro.showToast({ title: copy.adultAdded(added?.code ?? ''), icon: 'none', duration: 4000 })
    setName('')
    setRelation('')
    onDone()
  }
  return (
    <View className='cl-form'>
      <Text className='cl-sub'>{copy.addAdultTitle}</Text>
      <Input className='cl-input' value={name} maxlength={20} placeholder={copy.adultName} onInput={e => setName(e.detail.value)} />
      <Input className='cl-input' value={relation} maxlength={10} placeholder={copy.adultRelation} onInput={e => setRelation(e.detail.value)} />
      <Button block disabled={busy !== null || name.trim() === '' || relation.trim() === ''} onClick={() => void submit()}>{copy.addAdult}</Button>
    </View>
  )
}

/** 登记孩子: the minimum (name, school, grade, care notes, one emergency contact) and the guardian's consent. */
export function RegisterChildForm ({ onDone }: { onDone: () => void }) {
  const { busy, act } = useAct()
  const [open, setOpen] = useState(false)
  const [f, setF] = useState({ name: '', school: '', grade: '', allergies: '', contactName: '', contactRelation: '', contactPhone: '' })
  const [consent, setConsent] = useState(false)
  const set = (k: keyof typeof f) => (e: { detail: { value: string } }) => setF(prev => ({ ...prev, [k]: e.detail.value }))
  const ready = consent && f.name.trim() !== '' && f.school.trim() !== '' && f.grade !== '' && f.contactName.trim() !== '' && /^1\d{10}$/.test(f.contactPhone.trim())

  const submit = async (): Promise<void> => {
    const res = await act('register', 'registerChild', {
      name: f.name.trim(), school: f.school.trim(), grade: f.grade, allergies: f.allergies.trim(),
      emergencyContacts: [{ name: f.contactName.trim(), relation: f.contactRelation.trim() || '家人', phone: f.contactPhone.trim() }],
      consent: true
    })
    if (!res.ok) return
    void Taro.showToast({ title: copy.registered, icon: 'none' })
    setOpen(false)
    setF({ name: '', school: '', grade: '', allergies: '', contactName: '', contactRelation: '', contactPhone: '' })
    setConsent(false)
    onDone()
  }

  if (!open) return <Button className='cl-gap' block onClick={() => setOpen(true)}>{copy.registerOpen}</Button>
  return (
    <View className='card cl-form' data-testid='register-child'>
      <Text className='cl-name'>{copy.registerTitle}</Text>
      <Input className='cl-input' value={f.name} maxlength={20} placeholder={copy.childName} onInput={set('name')} />
      <Input className='cl-input' value={f.school} maxlength={30} placeholder={copy.school} onInput={set('school')} />
      <Text className='cl-sub'>{copy.gradeLabel}</Text>
      <View className='cl-chips'>
        {gradeNames.map(g => <Button key={g} type={f.grade === g ? 'primary' : 'default'} onClick={() => setF(prev => ({ ...prev, grade: g }))}>{g}</Button>)}
      </View>
      <Input className='cl-input' value={f.allergies} maxlength={100} placeholder={copy.allergiesLabel} onInput={set('allergies')} />
      <Input className='cl-input' value={f.contactName} maxlength={20} placeholder={copy.contactName} onInput={set('contactName')} />
      <Input className='cl-input' value={f.contactRelation} maxlength={10} placeholder={copy.contactRelation} onInput={set('contactRelation')} />
      <Input className='cl-input' type='number' value={f.contactPhone} maxlength={11} placeholder={copy.contactPhone} onInput={set('contactPhone')} />
      <Text className='cl-line'>{copy.consent}</Text>
      <Button className='cl-gap' block type={consent ? 'primary' : 'default'} onClick={() => setConsent(c => !c)}>{consent ? copy.consentOn : copy.consentOff}</Button>
      <Button type='primary' size='large' block disabled={busy !== null || !ready} onClick={() => void submit()}>{copy.register}</Button>
    </View>
  )
}

/** 单次报名: pick a coming session of the term for one child. */
export function DropInPicker ({ termId, kids }: { termId: string, kids: ChildViewData[] }) {
  const [open, setOpen] = useState(false)
  if (!open) return <Button className='cl-gap' block onClick={() => setOpen(true)}>{copy.dropInOpen}</Button>
  return <DropInSessions termId={termId} kids={kids} />
}

function DropInSessions ({ termId, kids }: { termId: string, kids: ChildViewData[] }) {
  const sessions = usePagedQuery<SessionViewData>({ fn: 'classes', action: 'termSessions', payload: { termId }, schema: sessionPageSchema, badResponse: copy.badResponse })
  const { busy, act } = useAct()
  const book = async (s: SessionViewData, c: ChildViewData): Promise<void> => {
    const res = await act(`${s.sessionId}:${c.childId}`, 'bookSession', { sessionId: s.sessionId, childId: c.childId })
    if (res.ok) void Taro.showToast({ title: copy.dropInBooked, icon: 'none', duration: 3000 })
  }
  return (
    <View data-testid='drop-in'>
      {sessions.items.filter(s => s.status === 'scheduled').map(s => kids.map(c => (
        <Button key={`${s.sessionId}:${c.childId}`} className='cl-gap' block disabled={busy !== null} onClick={() => void book(s, c)}>{copy.dropInFor(c.name, shanghaiDate(s.date))}</Button>
      )))}
      {sessions.hasMore && <Button block disabled={sessions.loading} onClick={sessions.more}>{copy.more}</Button>}
    </View>
  )
}
