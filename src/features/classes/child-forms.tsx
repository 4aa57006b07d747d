import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useAction, usePagedQuery } from '@/api'
import type { GradeName } from '@/core/classes/class.schemas'
import { gradeNames } from '@/core/classes/class.schemas'
import { classesContract as classes } from '@/core/classes/classes.contract'
import type { ChildView, SessionView } from '@/core/classes/classes.views'
import { shanghaiDate } from '@/components/format/time'
import Button from '@/components/ui/button'
import { FormProblem, SubmitButton, TextField } from '@/components/form/form-field'
import { useFormProblems } from '@/components/form/use-form-problems.hook'
import { classesCopy as copy } from './copy'

/** Adds an adult allowed to collect the child; the new adult's own code is shown once added. */
export function AddAdultForm({ childId, onDone }: { childId: string; onDone: () => void }) {
  const { busy, run } = useAction(classes.addPickupAdult)
  const [name, setName] = useState('')
  const [relation, setRelation] = useState('')
  const problems = useFormProblems(adultLabels)
  const submit = async (): Promise<void> => {
    problems.clear()
    const res = await run({ childId, name: name.trim(), relation: relation.trim() }, { onError: problems.show })
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
      <TextField
        name='adult-name'
        label={copy.adultName}
        value={name}
        maxLength={20}
        error={problems.field('name')}
        onChange={v => {
          setName(v)
          problems.clear('name')
        }}
      />
      <TextField
        name='adult-relation'
        label={copy.adultRelation}
        value={relation}
        maxLength={10}
        error={problems.field('relation')}
        onChange={v => {
          setRelation(v)
          problems.clear('relation')
        }}
      />
      <SubmitButton
        type='default'
        busy={busy !== null}
        disabledReason={name.trim() === '' || relation.trim() === '' ? copy.needAdult : null}
        problem={problems.form}
        onClick={() => void submit()}
      >
        {copy.addAdult}
      </SubmitButton>
    </View>
  )
}

const adultLabels = { name: copy.adultName, relation: copy.adultRelation }

const childLabels = {
  name: copy.childName,
  school: copy.school,
  grade: copy.gradeLabel,
  allergies: copy.allergiesLabel,
  'emergencyContacts.0.name': copy.contactName,
  'emergencyContacts.0.relation': copy.contactRelation,
  'emergencyContacts.0.phone': copy.contactPhone,
  emergencyContacts: copy.contactName,
  consent: copy.consent
}

/** 登记孩子: the minimum (name, school, grade, care notes, one emergency contact) and the guardian's consent. */
export function RegisterChildForm({ onDone }: { onDone: () => void }) {
  const { busy, run } = useAction(classes.registerChild)
  const [open, setOpen] = useState(false)
  const [f, setF] = useState({
    name: '',
    school: '',
    allergies: '',
    contactName: '',
    contactRelation: '',
    contactPhone: ''
  })
  const [grade, setGrade] = useState<GradeName | null>(null)
  const [consent, setConsent] = useState(false)
  const problems = useFormProblems(childLabels)
  const set =
    (k: keyof typeof f, field: string = k) =>
    (v: string) => {
      setF(prev => ({ ...prev, [k]: v }))
      problems.clear(field)
    }
  const why =
    f.name.trim() === ''
      ? copy.needChildName
      : f.school.trim() === ''
        ? copy.needSchool
        : grade === null
          ? copy.needGrade
          : f.contactName.trim() === '' || !/^1\d{10}$/.test(f.contactPhone.trim())
            ? copy.needContact
            : !consent
              ? copy.needConsent
              : null

  const submit = async (): Promise<void> => {
    if (grade === null) return // the button says to pick one first
    const res = await run(
      {
        name: f.name.trim(),
        school: f.school.trim(),
        grade,
        allergies: f.allergies.trim(),
        emergencyContacts: [
          { name: f.contactName.trim(), relation: f.contactRelation.trim() || '家人', phone: f.contactPhone.trim() }
        ],
        consent: true
      },
      { onError: problems.show }
    )
    if (!res.ok) return
    void Taro.showToast({ title: copy.registered, icon: 'none' })
    setOpen(false)
    setF({ name: '', school: '', allergies: '', contactName: '', contactRelation: '', contactPhone: '' })
    setGrade(null)
    setConsent(false)
    onDone()
  }

  if (!open)
    return (
      <Button className='cl-gap' block onClick={() => setOpen(true)}>
        {copy.registerOpen}
      </Button>
    )
  return (
    <View className='card cl-form' data-testid='register-child'>
      <Text className='cl-name'>{copy.registerTitle}</Text>
      <TextField
        name='child-name'
        label={copy.childName}
        value={f.name}
        maxLength={20}
        error={problems.field('name')}
        onChange={set('name')}
      />
      <TextField
        name='child-school'
        label={copy.school}
        value={f.school}
        maxLength={30}
        error={problems.field('school')}
        onChange={set('school')}
      />
      <Text className='cl-sub'>{copy.gradeLabel}</Text>
      <View className='cl-chips'>
        {gradeNames.map(g => (
          <Button key={g} type={grade === g ? 'primary' : 'default'} onClick={() => setGrade(g)}>
            {g}
          </Button>
        ))}
      </View>
      <TextField
        name='child-allergies'
        label={copy.allergiesLabel}
        value={f.allergies}
        maxLength={100}
        error={problems.field('allergies')}
        onChange={set('allergies')}
      />
      <TextField
        name='contact-name'
        label={copy.contactName}
        value={f.contactName}
        maxLength={20}
        error={problems.field('emergencyContacts.0.name')}
        onChange={set('contactName', 'emergencyContacts.0.name')}
      />
      <TextField
        name='contact-relation'
        label={copy.contactRelation}
        value={f.contactRelation}
        maxLength={10}
        error={problems.field('emergencyContacts.0.relation')}
        onChange={set('contactRelation', 'emergencyContacts.0.relation')}
      />
      <TextField
        name='contact-phone'
        label={copy.contactPhone}
        type='number'
        value={f.contactPhone}
        maxLength={11}
        error={problems.field('emergencyContacts.0.phone')}
        onChange={set('contactPhone', 'emergencyContacts.0.phone')}
      />
      <Text className='cl-line'>{copy.consent}</Text>
      <Button className='cl-gap' block type={consent ? 'primary' : 'default'} onClick={() => setConsent(c => !c)}>
        {consent ? copy.consentOn : copy.consentOff}
      </Button>
      <SubmitButton busy={busy !== null} disabledReason={why} problem={problems.form} onClick={() => void submit()}>
        {copy.register}
      </SubmitButton>
    </View>
  )
}

/** 单次报名: pick a coming session of the term for one child. */
export function DropInPicker({ termId, kids }: { termId: string; kids: ChildView[] }) {
  const [open, setOpen] = useState(false)
  if (!open)
    return (
      <Button className='cl-gap' block onClick={() => setOpen(true)}>
        {copy.dropInOpen}
      </Button>
    )
  return <DropInSessions termId={termId} kids={kids} />
}

function DropInSessions({ termId, kids }: { termId: string; kids: ChildView[] }) {
  const sessions = usePagedQuery(classes.termSessions, { termId })
  const { busy, run, refused } = useAction(classes.bookSession)
  const book = async (s: SessionView, c: ChildView): Promise<void> => {
    const res = await run({ sessionId: s.sessionId, childId: c.childId }, { key: `${s.sessionId}:${c.childId}` })
    if (res.ok) void Taro.showToast({ title: copy.dropInBooked, icon: 'none', duration: 3000 })
  }
  return (
    <View data-testid='drop-in'>
      {sessions.items
        .filter(s => s.status === 'scheduled')
        .map(s =>
          kids.map(c => (
            <View key={`${s.sessionId}:${c.childId}`} className='cl-gap'>
              <FormProblem problem={refused(`${s.sessionId}:${c.childId}`)} />
              <Button block disabled={busy !== null} onClick={() => void book(s, c)}>
                {copy.dropInFor(c.name, shanghaiDate(s.date))}
              </Button>
            </View>
          ))
        )}
      {sessions.hasMore && (
        <Button block disabled={sessions.loading} onClick={sessions.more}>
          {copy.more}
        </Button>
      )}
    </View>
  )
}
