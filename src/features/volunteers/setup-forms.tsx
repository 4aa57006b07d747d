import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useAction } from '@/api'
import { volunteersContract as volunteers } from '@/core/volunteers/volunteers.contract'
import { postCategories, type PostCategory } from '@/core/volunteers/volunteers.model'
import { SubmitButton, TextField } from '@/components/form/form-field'
import { useFormProblems } from '@/components/form/use-form-problems.hook'
import { volunteersCopy as copy } from './copy'

/** Only for what went right: a refusal is shown at its field or beside the button (components/form). */
const toast = (title: string): void => {
  void Taro.showToast({ title, icon: 'none', duration: 3000 })
}

/** 新建服务队: a team volunteers join and tasks are published for. */
export function TeamForm({ onDone }: { onDone: () => void }) {
  const [name, setName] = useState('')
  const [intro, setIntro] = useState('')
  // The same team tapped again after no answer keeps its requestId: one team, not two (useAction).
  const createTeam = useAction(volunteers.createTeam)
  const problems = useFormProblems(teamLabels)
  const create = async (): Promise<void> => {
    problems.clear()
    const res = await createTeam.run(
      { name: name.trim(), intro: intro.trim(), leaderUserId: null },
      { onError: problems.show }
    )
    if (!res.ok) return
    toast(copy.teamCreated)
    setName('')
    setIntro('')
    onDone()
  }
  return (
    <>
      <Text className='section-title'>{copy.newTeamTitle}</Text>
      <View className='card' data-testid='team-form'>
        <TextField
          label={copy.teamName}
          name='team-name'
          value={name}
          maxLength={20}
          placeholder={copy.teamNameHint}
          error={problems.field('name')}
          onChange={v => {
            setName(v)
            problems.clear('name')
          }}
        />
        <TextField
          label={copy.teamIntro}
          name='team-intro'
          value={intro}
          maxLength={200}
          multiline
          error={problems.field('intro')}
          onChange={v => {
            setIntro(v)
            problems.clear('intro')
          }}
        />
        <SubmitButton
          busy={createTeam.busy !== null}
          disabledReason={name.trim() === '' ? copy.needTeamName : null}
          problem={problems.form}
          onClick={() => void create()}
        >
          {copy.createTeam}
        </SubmitButton>
      </View>
    </>
  )
}

/** 设岗定责: a service post that party members reporting to the community (双报到) claim. */
export function PostForm() {
  const [category, setCategory] = useState<PostCategory | null>(null)
  const [name, setName] = useState('')
  const [duty, setDuty] = useState('')
  // As for teams: a retry of the same post is the same request.
  const createPost = useAction(volunteers.createPost)
  const problems = useFormProblems(postLabels)
  const create = async (): Promise<void> => {
    if (!category) return
    problems.clear()
    const res = await createPost.run({ category, name: name.trim(), duty: duty.trim() }, { onError: problems.show })
    if (!res.ok) return
    toast(copy.postCreated)
    setName('')
    setDuty('')
    setCategory(null)
  }
  const why = !category ? copy.needPostCategory : name.trim() === '' ? copy.needPostName : null
  return (
    <>
      <Text className='section-title'>{copy.newPostTitle}</Text>
      <View className='card' data-testid='post-form'>
        <Text className='field-label'>{copy.postCategory}</Text>
        <View>
          {postCategories.map(c => (
            <Text key={c} className={`vol-chip${category === c ? ' vol-chip--on' : ''}`} onClick={() => setCategory(c)}>
              {c}
            </Text>
          ))}
        </View>
        <TextField
          label={copy.postName}
          name='post-name'
          value={name}
          maxLength={30}
          placeholder={copy.postNameHint}
          error={problems.field('name')}
          onChange={v => {
            setName(v)
            problems.clear('name')
          }}
        />
        <TextField
          label={copy.postDuty}
          name='post-duty'
          value={duty}
          maxLength={200}
          multiline
          error={problems.field('duty')}
          onChange={v => {
            setDuty(v)
            problems.clear('duty')
          }}
        />
        <SubmitButton
          busy={createPost.busy !== null}
          disabledReason={why}
          problem={problems.form}
          onClick={() => void create()}
        >
          {copy.createPost}
        </SubmitButton>
      </View>
    </>
  )
}

const teamLabels = { name: copy.teamName, intro: copy.teamIntro }
const postLabels = { name: copy.postName, duty: copy.postDuty, category: copy.postCategory }
