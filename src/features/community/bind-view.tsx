import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useAction, useCommunityChoice } from '@/api'
import Button from '@/components/ui/button'
import { useWhoami } from '@/features/me/use-whoami.hook'
import { CHOOSE_URL, CommunityHere } from './street-view'
import { communityContract } from '@/core/community/community.contract'
import { PageShell } from '@/components/theme/page-shell'
import { SubmitButton, TextField } from '@/components/form/form-field'
import { useFormProblems } from '@/components/form/use-form-problems.hook'
import { communityCopy as copy } from './copy'
import './community.css'

const bindLabels = { code: copy.codeLabel, name: copy.nameLabel }

/** 绑定我的家: a resident enters the household's one-time code (the server replaces it on use). */
export function BindView() {
  const [code, setCode] = useState('')
  const [name, setName] = useState('')
  const [done, setDone] = useState<string | null>(null)
  const problems = useFormProblems(bindLabels)
  const binding = useAction(communityContract.bindHousehold)
  const bind = async (): Promise<void> => {
    problems.clear()
    const res = await binding.run(
      { code: code.trim(), ...(name.trim() ? { name: name.trim() } : {}) },
      { onError: problems.show }
    )
    if (res.ok) setDone(res.data.address)
  }
  // In a street of several communities a visitor first says which is theirs (issue 20): the code is looked up there.
  const { street } = useWhoami()
  const chosen = useCommunityChoice()
  const several = street !== null && street.streetSize > 1
  if (several && !street.registered && chosen === null) {
    return (
      <PageShell className='community'>
        <Text className='community__name'>{copy.bindTitle}</Text>
        <View className='card' data-testid='bind-choose-first'>
          <Text className='community-status__text'>{copy.chooseFirst}</Text>
          <Button type='primary' size='large' block onClick={() => void Taro.navigateTo({ url: CHOOSE_URL })}>
            {copy.chooseTitle}
          </Button>
        </View>
      </PageShell>
    )
  }
  return (
    <PageShell className='community'>
      <Text className='community__name'>{copy.bindTitle}</Text>
      {!done && <CommunityHere street={street} label={copy.bindingIn} />}
      <View className='card'>
        <Text className='text-soft'>{copy.bindHint}</Text>
        <TextField
          label={copy.codeLabel}
          name='bind-code'
          value={code}
          maxLength={8}
          error={problems.field('code')}
          onChange={v => {
            setCode(v)
            problems.clear('code')
          }}
        />
        <TextField
          label={copy.nameLabel}
          name='bind-name'
          value={name}
          maxLength={20}
          error={problems.field('name')}
          onChange={v => {
            setName(v)
            problems.clear('name')
          }}
        />
        {done ? (
          <Text className='community-done' data-testid='bound'>
            {copy.bound(done)}
          </Text>
        ) : (
          <SubmitButton
            busy={binding.busy !== null}
            disabledReason={code.trim().length !== 8 ? copy.needCode : null}
            problem={problems.form}
            onClick={() => void bind()}
          >
            {copy.bind}
          </SubmitButton>
        )}
      </View>
    </PageShell>
  )
}
