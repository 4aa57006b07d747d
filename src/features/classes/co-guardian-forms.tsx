import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useAction } from '@/api'
import { classesContract as classes } from '@/core/classes/classes.contract'
import type { ChildView, InviteView } from '@/core/classes/classes.views'
import { shanghaiDateTime } from '@/components/format/time'
import Button from '@/components/ui/button'
import { FormProblem, SubmitButton, TextField } from '@/components/form/form-field'
import { useFormProblems } from '@/components/form/use-form-problems.hook'
import { classesCopy as copy } from './copy'

/**
 * Who manages the child with me (共同监护人): the list, and for the guardian who registered the
 * child an invitation code to give the other parent, and a way to remove someone.
 */
export function CoGuardians({ child, onChange }: { child: ChildView; onChange: () => void }) {
  const inviting = useAction(classes.inviteCoGuardian)
  const removing = useAction(classes.removeCoGuardian)
  const busy = inviting.busy ?? removing.busy
  const [invite, setInvite] = useState<InviteView | null>(null)
  const makeInvite = async (): Promise<void> => {
    const res = await inviting.run({ childId: child.childId }, { key: child.childId })
    if (res.ok) setInvite(res.data)
  }
  const remove = async (userId: string): Promise<void> => {
    const res = await removing.run({ childId: child.childId, userId }, { key: `${child.childId}:${userId}` })
    if (!res.ok) return
    void Taro.showToast({ title: copy.guardianRemoved, icon: 'none' })
    onChange()
  }
  return (
    <View className='cl-form' data-testid='co-guardians'>
      <Text className='cl-sub'>{copy.guardiansTitle}</Text>
      {child.guardians.map(g => (
        <View key={g.userId}>
          <View className='cl-row'>
            <Text className='cl-line'>
              {g.name}
              {g.me ? copy.me : ''} · {g.registered ? copy.registeredGuardian : copy.coGuardian}
            </Text>
            {!g.registered && (child.registeredByMe || g.me) && (
              <Button disabled={busy !== null} onClick={() => void remove(g.userId)}>
                {g.me ? copy.leaveGuardian : copy.removeGuardian(g.name)}
              </Button>
            )}
          </View>
          <FormProblem problem={removing.refused(`${child.childId}:${g.userId}`)} />
        </View>
      ))}
      <FormProblem problem={inviting.refused(child.childId)} />
      {child.registeredByMe && !invite && (
        <Button className='cl-gap' block disabled={busy !== null} onClick={() => void makeInvite()}>
          {copy.invite}
        </Button>
      )}
      {invite && (
        <View data-testid='invite-code'>
          <Text className='cl-code'>{copy.inviteCode(invite.code)}</Text>
          <Text className='cl-line'>{copy.inviteHow(shanghaiDateTime(invite.expiresAt))}</Text>
        </View>
      )}
    </View>
  )
}

/** 家人给了我邀请码: the other parent enters the code and agrees, and then manages the child too. */
export function JoinFamilyForm({ onJoined }: { onJoined: () => void }) {
  const { busy, run } = useAction(classes.acceptCoGuardian)
  const [open, setOpen] = useState(false)
  const [code, setCode] = useState('')
  const [consent, setConsent] = useState(false)
  // A wrong or expired code (INVITE_INVALID) is said at the code, not in a toast over the button.
  const problems = useFormProblems(joinLabels, joinRefusals)
  const digits = code.replace(/\s/g, '')
  const why = !/^\d{8}$/.test(digits) ? copy.needInviteCode : !consent ? copy.needConsent : null
  const submit = async (): Promise<void> => {
    problems.clear()
    const res = await run({ code: digits, consent: true }, { onError: problems.show })
    if (!res.ok) return
    void Taro.showToast({ title: copy.joined(res.data.childName), icon: 'none', duration: 3000 })
    setOpen(false)
    setCode('')
    setConsent(false)
    onJoined()
  }
  if (!open)
    return (
      <Button className='cl-gap' block onClick={() => setOpen(true)}>
        {copy.joinTitle}
      </Button>
    )
  return (
    <View className='card cl-form' data-testid='join-family'>
      <Text className='cl-name'>{copy.joinTitle}</Text>
      <TextField
        name='invite-code'
        type='number'
        label={copy.inviteCodeLabel}
        placeholder={copy.joinPlaceholder}
        value={code}
        maxLength={8}
        error={problems.field('code')}
        onChange={v => {
          setCode(v)
          problems.clear('code')
        }}
      />
      <Text className='cl-line'>{copy.joinConsent}</Text>
      <Button className='cl-gap' block type={consent ? 'primary' : 'default'} onClick={() => setConsent(c => !c)}>
        {consent ? copy.consentOn : copy.consentOff}
      </Button>
      <SubmitButton busy={busy !== null} disabledReason={why} problem={problems.form} onClick={() => void submit()}>
        {copy.join}
      </SubmitButton>
    </View>
  )
}

const joinLabels = { code: copy.inviteCodeLabel, consent: copy.consentOff }
const joinRefusals = { INVITE_INVALID: 'code' }
