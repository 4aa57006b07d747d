import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { hasAnyRole } from '@/core/community/caller'
import { policies, roleLabels } from '@/core/community/roles'
import { LinkRow } from '@/components/nav/link-row'
import { PageShell } from '@/components/theme/page-shell'
import { useDisplayPrefs } from '@/components/theme/display-prefs'
import Button from '@/components/ui/button'
import Cell from '@/components/ui/cell'
import Switch from '@/components/ui/switch'
import Tag from '@/components/ui/tag'
import { meCopy } from './copy'
import { useUnreadBadge } from '@/features/notifications/unread-badge'
import { useWhoami } from './use-whoami.hook'
import { StreetCard } from '@/features/community/street-view'
import './me.css'

const DEV_LOGIN_URL = '/pages/dev-login/index'

export function MeView() {
  // One whoami for the whole page (each section reading its own was a request each).
  const who = useWhoami()
  return (
    <PageShell className='me'>
      <Profile who={who} />
      <StreetCard street={who.street} />
      <MyLinks me={who.me} />
      <DisplaySettings />
      {process.env.TARO_ENV === 'h5' && <SwitchPersona />}
    </PageShell>
  )
}

function Profile({ who }: { who: ReturnType<typeof useWhoami> }) {
  const { me, loading, error, reload } = who
  if (!me) {
    return (
      <View className='card me-profile'>
        <Text className='me-profile__status'>{error ? error.message : meCopy.loading}</Text>
        {error && !loading && (
          <Button type='primary' size='large' block onClick={reload}>
            {meCopy.retry}
          </Button>
        )}
      </View>
    )
  }
  return (
    <View className='card me-profile'>
      <Text className='me-profile__name'>{me.name ?? meCopy.unknownName}</Text>
      <View className='me-profile__roles'>
        <Text className='me-profile__label'>{meCopy.rolesLabel}</Text>
        {me.roles.length === 0 ? (
          <Text className='me-profile__label'>{meCopy.noRoles}</Text>
        ) : (
          me.roles.map(r => (
            <Tag
              key={r}
              className='me-profile__role'
              background='var(--color-primary-soft)'
              color='var(--color-on-primary-soft)'
            >
              {roleLabels[r]}
            </Tag>
          ))
        )}
      </View>
      {!me.registered && <Text className='me-profile__hint'>{meCopy.unregisteredHint}</Text>}
    </View>
  )
}

function MyLinks({ me }: { me: ReturnType<typeof useWhoami>['me'] }) {
  const unread = useUnreadBadge()
  const isStaff = me ? hasAnyRole(me, policies.workbench) : false
  return (
    <View>
      <Text className='section-title'>{meCopy.mineTitle}</Text>
      <LinkRow
        label={meCopy.inbox}
        url='/pages/notifications/index'
        hint={unread ? meCopy.unread(unread) : undefined}
      />
      {me?.registered && <LinkRow label={meCopy.myData} hint={meCopy.myDataHint} url='/pages/staff/my-data' />}
      {me?.registered && <LinkRow label={meCopy.survey} url='/pages/staff/survey' />}
      <LinkRow label={meCopy.privacy} hint={meCopy.privacyHint} url='/pages/staff/privacy' />
      {!isStaff && <LinkRow label={meCopy.join} hint={meCopy.joinHint} url='/pages/staff/join' />}
    </View>
  )
}

function DisplaySettings() {
  const { elderMode, setElderMode } = useDisplayPrefs()
  return (
    <View>
      <Text className='section-title'>{meCopy.displayTitle}</Text>
      <Cell
        className='me-setting'
        align='center'
        title={<Text className='me-setting__title'>{meCopy.elderMode}</Text>}
        description={<Text className='me-setting__hint'>{meCopy.elderModeHint}</Text>}
        // The whole row is the target (the switch alone is small); the switch only shows the state.
        extra={<Switch className='me-setting__switch' checked={elderMode} label={meCopy.elderMode} />}
        onClick={() => setElderMode(!elderMode)}
      />
    </View>
  )
}

function SwitchPersona() {
  return (
    <View className='me-persona'>
      <Button
        className='me-persona__button'
        size='large'
        block
        fill='outline'
        onClick={() => {
          void Taro.reLaunch({ url: DEV_LOGIN_URL })
        }}
      >
        {meCopy.switchPersona}
      </Button>
      <Text className='me-persona__hint'>{meCopy.switchPersonaHint}</Text>
    </View>
  )
}
