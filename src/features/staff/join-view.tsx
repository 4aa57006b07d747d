import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { PageShell } from '@/components/theme/page-shell'
import Button from '@/components/ui/button'
import { SubmitButton, TextField } from '@/components/form/form-field'
import { useAction } from '@/api'
import { setCommunityChoice } from '@/api/community-choice'
import { staffContract } from '@/core/staff/staff.contract'
import { staffCopy } from './copy'
import { Notice } from './staff-ui'
import { CommunityHere } from '@/features/community/street-view'
import { communityCopy } from '@/features/community/copy'
import { useWhoami } from '@/features/me/use-whoami.hook'

/** 凭邀请码加入: a new grid worker or staff member enters the code an admin gave them. */
export function JoinView() {
  const [code, setCode] = useState('')
  const redeem = useAction(staffContract.redeemInvite)
  const [message, setMessage] = useState<{ text: string; ok: boolean } | null>(null)
  const { street } = useWhoami()

  const join = async () => {
    const res = await redeem.run({ code }, { onError: e => setMessage({ text: e.message, ok: false }) })
    if (!res.ok) return
    // The role is held in the community that invited (issue 20): the app acts there from now on. A street role
    // holds everywhere and changes nothing of the choice.
    if (res.data.communityId) setCommunityChoice(res.data.communityId)
    setMessage({ text: staffCopy.joined(res.data.roleLabel), ok: true })
  }

  return (
    <PageShell className='staff'>
      {/* In a street of several communities the code is looked up in the one chosen (issue 20). */}
      {!message?.ok && <CommunityHere street={street} label={communityCopy.joiningIn} />}
      <View className='card'>
        <Text className='staff-status__text'>{staffCopy.joinIntro}</Text>
        <TextField
          name='code'
          label={staffCopy.codeLabel}
          value={code}
          onChange={setCode}
          placeholder={staffCopy.codePlaceholder}
          maxLength={20}
        />
        <SubmitButton
          busy={redeem.busy !== null}
          disabledReason={code.trim().length < 4 ? staffCopy.needCode : null}
          onClick={() => {
            void join()
          }}
        >
          {staffCopy.join}
        </SubmitButton>
      </View>
      {message && <Notice tone={message.ok ? 'calm' : 'danger'}>{message.text}</Notice>}
      {message?.ok && (
        <Button
          type='primary'
          size='large'
          block
          onClick={() => {
            void Taro.redirectTo({ url: '/pages/staff/index' })
          }}
        >
          {staffCopy.toWorkbench}
        </Button>
      )}
    </PageShell>
  )
}
