import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { callFunction, newRequestId } from '@/api'
import { postCategories, type PostCategory } from '@/core/volunteers/volunteers.model'
import Button from '@/components/ui/button'
import { TextField } from '@/components/form/form-field'
import { volunteersCopy as copy } from './copy'

const toast = (title: string): void => { void Taro.showToast({ title, icon: 'none', duration: 3000 }) }

/** 新建服务队: a team volunteers join and tasks are published for. */
export function TeamForm ({ onDone }: { onDone: () => void }) {
  const [name, setName] = useState('')
  const [intro, setIntro] = useState('')
  const [busy, setBusy] = useState(false)
  const create = async (): Promise<void> => {
    setBusy(true)
    const res = await callFunction('volunteers', 'createTeam', { name: name.trim(), intro: intro.trim(), leaderUserId: null }, { requestId: newRequestId() })
    setBusy(false)
    toast(res.ok ? copy.teamCreated : res.error.message)
    if (res.ok) { setName(''); setIntro(''); onDone() }
  }
  return (
    <>
      <Text className='section-title'>{copy.newTeamTitle}</Text>
      <View className='card' data-testid='team-form'>
        <TextField label={copy.teamName} name='team-name' value={name} maxLength={20} placeholder={copy.teamNameHint} onChange={setName} />
        <TextField label={copy.teamIntro} name='team-intro' value={intro} maxLength={200} onChange={setIntro} />
        <Button className='vol-gap' type='primary' block disabled={busy || name.trim() === ''} onClick={() => void create()}>{copy.createTeam}</Button>
      </View>
    </>
  )
}

/** 设岗定责: a service post that party members reporting to the community (双报到) claim. */
export function PostForm () {
  const [category, setCategory] = useState<PostCategory | null>(null)
  const [name, setName] = useState('')
  const [duty, setDuty] = useState('')
  const [busy, setBusy] = useState(false)
  const create = async (): Promise<void> => {
    if (!category) return
    setBusy(true)
    const res = await callFunction('volunteers', 'createPost', { category, name: name.trim(), duty: duty.trim() }, { requestId: newRequestId() })
    setBusy(false)
    toast(res.ok ? copy.postCreated : res.error.message)
    if (res.ok) { setName(''); setDuty(''); setCategory(null) }
  }
  return (
    <>
      <Text className='section-title'>{copy.newPostTitle}</Text>
      <View className='card' data-testid='post-form'>
        <Text className='field-label'>{copy.postCategory}</Text>
        <View>
          {postCategories.map(c => (
            <Text key={c} className={`vol-chip${category === c ? ' vol-chip--on' : ''}`} onClick={() => setCategory(c)}>{c}</Text>
          ))}
        </View>
        <TextField label={copy.postName} name='post-name' value={name} maxLength={30} placeholder={copy.postNameHint} onChange={setName} />
        <TextField label={copy.postDuty} name='post-duty' value={duty} maxLength={200} onChange={setDuty} />
        <Button className='vol-gap' type='primary' block disabled={busy || !category || name.trim() === ''} onClick={() => void create()}>{copy.createPost}</Button>
      </View>
    </>
  )
}
