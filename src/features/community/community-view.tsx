import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { hasAnyRole } from '@/core/community/caller'
import { policies } from '@/core/community/roles'
import { PageShell } from '@/components/theme/page-shell'
import { shanghaiHHmm } from '@/components/format/time'
import Button from '@/components/ui/button'
import { ContactList } from '@/features/home/contact-list'
import { useHome } from '@/features/home/use-home.hook'
import { communityCopy } from './copy'
import './community.css'

/** 我的社区: where I live (grid, building, unit) and who to ask, from `community.home`. */
export function CommunityView() {
  const { home, savedAt, loading, error, reload } = useHome()
  if (!home) {
    return (
      <PageShell className='community'>
        <View className='card community-status'>
          <Text className='community-status__text'>{error ? error.message : communityCopy.loading}</Text>
          {error && (
            <Button type='primary' size='large' block disabled={loading} onClick={reload}>
              {communityCopy.retry}
            </Button>
          )}
        </View>
      </PageShell>
    )
  }
  const { address, contacts, community } = home
  return (
    <PageShell className='community'>
      <Text className='community__name'>{community.name}</Text>
      {savedAt !== null && <Text className='status-line'>{communityCopy.updatedAt(shanghaiHHmm(savedAt))}</Text>}
      <Text className='section-title'>{communityCopy.whereTitle}</Text>
      {address ? (
        <View className='card address'>
          <AddressRow label={communityCopy.grid} value={address.grid} />
          <AddressRow label={communityCopy.building} value={address.building} />
          <AddressRow label={communityCopy.unit} value={address.unit} />
        </View>
      ) : (
        <View className='card'>
          <Text className='text-soft'>{communityCopy.noAddress}</Text>
        </View>
      )}
      <Text className='section-title'>{communityCopy.contactsTitle}</Text>
      <ContactList contacts={contacts} />
      <View className='card community-hotline'>
        <Text className='community-hotline__label'>{communityCopy.hotlineLabel}</Text>
        <Text className='community-hotline__number'>{community.hotline}</Text>
      </View>
      {!address && <GoRow label={communityCopy.goBind} url='/pages/community/bind' />}
      <GoRow label={communityCopy.goRoster} url='/pages/community/roster' />
      {hasAnyRole(home.me, policies.workbench) && (
        <GoRow label={communityCopy.goDirectory} url='/pages/community/directory' />
      )}
    </PageShell>
  )
}

function GoRow({ label, url }: { label: string; url: string }) {
  return (
    <View
      className='card community-row'
      onClick={() => {
        void Taro.navigateTo({ url })
      }}
    >
      <Text className='community-row__name'>{label}</Text>
    </View>
  )
}

function AddressRow({ label, value }: { label: string; value: string }) {
  return (
    <View className='address__row'>
      <Text className='address__label'>{label}</Text>
      <Text className='address__value'>{value}</Text>
    </View>
  )
}
