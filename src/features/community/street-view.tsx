/**
 * The street (街道, issue 20) in the app: a visitor choosing their community (选择您的社区), a person with standing
 * in several switching (切换社区, on 我的), and where the community a screen acts in is named.
 */
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { setCommunityChoice, useCommunityChoice, usePagedQuery } from '@/api'
import { communityContract } from '@/core/community/community.contract'
import type { StreetWhoami } from '@/core/community/street.schemas'
import { policies } from '@/core/community/roles'
import { hasAnyRole } from '@/core/community/caller'
import { PageShell } from '@/components/theme/page-shell'
import { LinkRow } from '@/components/nav/link-row'
import Button from '@/components/ui/button'
import { communityCopy as copy } from './copy'
import './community.css'

export const CHOOSE_URL = '/pages/community/choose'
export const ADD_URL = '/pages/community/add'
const HOME_URL = '/pages/home/index'

/** Acts in `id` from now on: every open screen asks again (api/community-choice.ts). */
function choose(id: string, said: string): void {
  setCommunityChoice(id)
  void Taro.showToast({ title: said, icon: 'none' })
}

/** 选择您的社区: the street's communities as big buttons; a tap chooses and goes back to what the person was doing. */
export function ChooseCommunityView() {
  const list = usePagedQuery(communityContract.communities, {})
  const chosen = useCommunityChoice()
  return (
    <PageShell className='community'>
      <Text className='community__name'>{copy.chooseTitle}</Text>
      <Text className='text-soft community-street__hint'>{copy.chooseHint}</Text>
      {list.error && (
        <View className='card community-status'>
          <Text className='community-status__text'>{list.error.message}</Text>
          <Button type='primary' size='large' block disabled={list.loading} onClick={list.reload}>
            {copy.retry}
          </Button>
        </View>
      )}
      {!list.error && !list.loading && list.items.length === 0 && (
        <View className='card'>
          <Text className='text-soft'>{copy.noCommunities}</Text>
        </View>
      )}
      {list.items.map(c => (
        <Button
          key={c.id}
          className='community-street__choice'
          type={c.id === chosen ? 'primary' : 'default'}
          size='large'
          block
          onClick={() => {
            choose(c.id, copy.chosen(c.name))
            void Taro.navigateBack().catch(() => Taro.reLaunch({ url: HOME_URL }))
          }}
        >
          {c.id === chosen ? `${c.name}${copy.current}` : c.name}
        </Button>
      ))}
      {list.hasMore && (
        <Button block disabled={list.loading} onClick={list.more}>
          {copy.more}
        </Button>
      )}
    </PageShell>
  )
}

/**
 * On 我的: the community this app acts in, with a switch to each other community the person has standing in (their
 * own, where they hold a staff role, every one for a street role); a visitor of a street of several is sent to
 * choose theirs; a street admin gets 添加社区. Nothing for a street of one community and a resident.
 */
export function StreetCard({ street }: { street: StreetWhoami | null }) {
  if (!street?.community) return null
  const here = street.community
  const others = street.switchable.filter(c => c.id !== here.id)
  const streetAdmin = hasAnyRole(street, policies.streetAdmins)
  const choosing = !street.registered && street.streetSize > 1
  if (others.length === 0 && !choosing && !streetAdmin && street.streetSize <= 1) return null
  return (
    <View>
      <View className='card community-street' data-testid='street-card'>
        <Text className='community-street__label'>{copy.yourCommunity}</Text>
        <Text className='community-street__name'>{here.name}</Text>
        {choosing && (
          <Button type='primary' size='large' block onClick={() => void Taro.navigateTo({ url: CHOOSE_URL })}>
            {copy.chooseTitle}
          </Button>
        )}
      </View>
      {others.length > 0 && (
        <View>
          <Text className='section-title'>{copy.switchTitle}</Text>
          <Text className='text-soft community-street__hint'>{copy.switchHint}</Text>
          {others.map(c => (
            <Button
              key={c.id}
              className='community-street__choice'
              size='large'
              block
              fill='outline'
              onClick={() => choose(c.id, copy.switched(c.name))}
            >
              {copy.switchTo(c.name)}
            </Button>
          ))}
        </View>
      )}
      {streetAdmin && <LinkRow label={copy.goAdd} url={ADD_URL} />}
    </View>
  )
}

/**
 * Where a code will be used (binding a home, joining as staff), in a street of several communities: the community
 * this screen acts in, with a way to change it. A code is looked up in that community only. Nothing in a street of one.
 */
export function CommunityHere({ street, label }: { street: StreetWhoami | null; label: (name: string) => string }) {
  if (!street?.community || street.streetSize <= 1) return null
  return (
    <View className='card community-street' data-testid='community-here'>
      <Text className='community-street__name'>{label(street.community.name)}</Text>
      <Button size='small' fill='outline' onClick={() => void Taro.navigateTo({ url: CHOOSE_URL })}>
        {copy.changeCommunity}
      </Button>
    </View>
  )
}
