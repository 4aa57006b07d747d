import { View, Text } from '@tarojs/components'
import { useAction, useQuery } from '@/api'
import type { ReplyOf } from '@/core/shared/contract'
import type { WireError } from '@/core/shared/wire'
import { volunteersContract as volunteers } from '@/core/volunteers/volunteers.contract'
import { PageShell } from '@/components/theme/page-shell'
import Button from '@/components/ui/button'
import { useRefusal } from '@/components/form/use-refusal.hook'
import { FormProblem } from '@/components/form/form-field'
import { volunteersCopy as copy } from './copy'
import './volunteers.css'

type Post = ReplyOf<typeof volunteers.posts>[number]

/** 服务岗位 by category; a party member claims at least one (设岗定责). */
export function PostsView() {
  const posts = useQuery(volunteers.posts, {})
  const claim = useAction(volunteers.claimPost)
  const release = useAction(volunteers.releasePost)
  const busy = claim.busy !== null || release.busy !== null
  // One refusal on the page, beside the post last tapped, whichever way it was tapped.
  const refusal = useRefusal()
  const toggle = async (p: Post): Promise<void> => {
    refusal.clear()
    const press = { key: p.id, onError: (e: WireError) => refusal.refuse(p.id, e) }
    await (p.mine ? release.run({ postId: p.id }, press) : claim.run({ postId: p.id }, press))
    posts.reload()
  }
  const categories = [...new Set((posts.data ?? []).map(p => p.category))]
  return (
    <PageShell className='volunteers'>
      <Text className='status-line'>{copy.onlyParty}</Text>
      {posts.error && (
        <View className='card'>
          <Text className='status-line'>{posts.error.message}</Text>
        </View>
      )}
      {categories.map(c => (
        <View key={c}>
          <Text className='section-title'>{c}</Text>
          {(posts.data ?? [])
            .filter(p => p.category === c)
            .map(p => (
              <View key={p.id} className='card' data-testid='post'>
                <Text className='vol-title'>
                  {p.name}
                  {p.mine ? ` · ${copy.postMine}` : ''}
                </Text>
                <Text className='status-line'>{p.duty}</Text>
                <FormProblem problem={refusal.at(p.id)} />
                <Button
                  className='vol-gap'
                  type={p.mine ? 'default' : 'primary'}
                  block
                  disabled={busy}
                  onClick={() => void toggle(p)}
                >
                  {p.mine ? copy.releasePost : copy.claimPost}
                </Button>
              </View>
            ))}
        </View>
      ))}
    </PageShell>
  )
}
