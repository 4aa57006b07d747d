import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import * as z from 'zod'
import { callFunction } from '@/api'
import { useCloudQuery } from '@/api/use-cloud-query.hook'
import { postView, type PostView } from '@/core/volunteers/volunteers.views'
import { PageShell } from '@/components/theme/page-shell'
import Button from '@/components/ui/button'
import { useRefusal } from '@/components/form/use-refusal.hook'
import { FormProblem } from '@/components/form/form-field'
import { volunteersCopy as copy } from './copy'
import './volunteers.css'

/** 服务岗位 by category; a party member claims at least one (设岗定责). */
export function PostsView () {
  const posts = useCloudQuery({ fn: 'volunteers', action: 'posts', schema: z.array(postView), badResponse: copy.badResponse })
  const [busy, setBusy] = useState(false)
  const refusal = useRefusal()
  const toggle = async (p: PostView): Promise<void> => {
    setBusy(true)
    await refusal.tap(p.id, () => callFunction('volunteers', p.mine ? 'releasePost' : 'claimPost', { postId: p.id }))
    setBusy(false)
    posts.reload()
  }
  const categories = [...new Set((posts.data ?? []).map(p => p.category))]
  return (
    <PageShell className='volunteers'>
      <Text className='status-line'>{copy.onlyParty}</Text>
      {posts.error && <View className='card'><Text className='status-line'>{posts.error.message}</Text></View>}
      {categories.map(c => (
        <View key={c}>
          <Text className='section-title'>{c}</Text>
          {(posts.data ?? []).filter(p => p.category === c).map(p => (
            <View key={p.id} className='card' data-testid='post'>
              <Text className='vol-title'>{p.name}{p.mine ? ` · ${copy.postMine}` : ''}</Text>
              <Text className='status-line'>{p.duty}</Text>
              <FormProblem problem={refusal.at(p.id)} />
              <Button className='vol-gap' type={p.mine ? 'default' : 'primary'} block disabled={busy} onClick={() => void toggle(p)}>{p.mine ? copy.releasePost : copy.claimPost}</Button>
            </View>
          ))}
        </View>
      ))}
    </PageShell>
  )
}
