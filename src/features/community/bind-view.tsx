import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { callFunction } from '@/api'
import { PageShell } from '@/components/theme/page-shell'
import Button from '@/components/ui/button'
import { TextField } from '@/components/form/form-field'
import { communityCopy as copy } from './copy'
import './community.css'

/** 绑定我的家: a resident enters the household's one-time code (the server replaces it on use). */
export function BindView () {
  const [code, setCode] = useState('')
  const [name, setName] = useState('')
  const [busy, setBusy] = useState(false)
  const [done, setDone] = useState<string | null>(null)
  const bind = async (): Promise<void> => {
    setBusy(true)
    const res = await callFunction<{ address: string }>('community', 'bindHousehold', { code: code.trim(), ...(name.trim() ? { name: name.trim() } : {}) })
    setBusy(false)
    if (!res.ok) return void Taro.showToast({ title: res.error.message, icon: 'none', duration: 3000 })
    setDone(res.data.address)
  }
  return (
    <PageShell className='community'>
      <Text className='community__name'>{copy.bindTitle}</Text>
      <View className='card'>
        <Text className='text-soft'>{copy.bindHint}</Text>
        <TextField label={copy.codeLabel} name='bind-code' value={code} maxLength={8} onChange={setCode} />
        <TextField label={copy.nameLabel} name='bind-name' value={name} maxLength={20} onChange={setName} />
        {done
          ? <Text className='community-done' data-testid='bound'>{copy.bound(done)}</Text>
          : <Button type='primary' size='large' block disabled={busy || code.trim().length !== 8} onClick={() => void bind()}>{copy.bind}</Button>}
      </View>
    </PageShell>
  )
}
