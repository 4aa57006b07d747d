import { useEffect, useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { Home, HomeTile } from '@/core/community/home.schemas'
import { getPersonaOpenId, useCommunityChoice } from '@/api'
import { PageShell } from '@/components/theme/page-shell'
import { useDisplayPrefs } from '@/components/theme/display-prefs'
import { shanghaiHHmm } from '@/components/format/time'
import Button from '@/components/ui/button'
import { hasAnyRole } from '@/core/community/caller'
import { policies } from '@/core/community/roles'
import { OpenSosBanner } from '@/features/elder-care/open-sos-banner'
import { useUnreadBadge } from '@/features/notifications/unread-badge'
import { ContactList } from './contact-list'
import { ElderHome } from './elder-home'
import { ServiceShortcuts } from './service-shortcuts'
import { homeCopy } from './copy'
import { tileRoute } from './tile-routes'
import { useHome } from './use-home.hook'
import './home.css'

export const DEV_LOGIN_URL = '/pages/dev-login/index'
/** The picker of the street's communities (features/community/street-view.tsx; a subpackage page). */
const CHOOSE_URL = '/pages/community/choose'

export function HomeView() {
  // H5 runs against the local cloud's dev login: without a chosen persona there is no "me".
  const needsPersona = process.env.TARO_ENV === 'h5' && getPersonaOpenId() === null
  useEffect(() => {
    if (needsPersona) void Taro.redirectTo({ url: DEV_LOGIN_URL })
  }, [needsPersona])
  return <PageShell className='home'>{needsPersona ? null : <HomeContent />}</PageShell>
}

function HomeContent() {
  const { home, savedAt, loading, error, reload } = useHome()
  const { elderMode } = useDisplayPrefs()
  const [showAll, setShowAll] = useState(false)

  if (!home) {
    if (error) return <ErrorPanel message={error.message} code={error.code} onRetry={reload} retrying={loading} />
    return <LoadingPanel />
  }
  // Elders, and everyone who chose 长辈版, get the short home; the rest is one tap further.
  const short = elderMode || hasAnyRole(home.me, policies.elders)
  return (
    <View>
      {hasAnyRole(home.me, policies.workbench) && <OpenSosBanner />}
      <Greeting home={home} />
      {/* The short home says only when what it shows is old (offline), not when it was refreshed. */}
      {short && error && <HomeStatus savedAt={savedAt} loading={loading} error={error} reload={reload} />}
      {short && <ElderHome home={home} expanded={showAll} onMore={() => setShowAll(v => !v)} />}
      {(!short || showAll) && (
        <FullHome home={home} savedAt={savedAt} loading={loading} error={error} reload={reload} status={!short} />
      )}
    </View>
  )
}

/** Everything else on the home page: status, workload, contacts, today, hotlines, services, tiles. */
function FullHome({
  home,
  savedAt,
  loading,
  error,
  reload,
  status
}: { home: Home; status: boolean } & Omit<ReturnType<typeof useHome>, 'home'>) {
  return (
    <View>
      {status && <HomeStatus savedAt={savedAt} loading={loading} error={error} reload={reload} />}
      {home.workload.length > 0 && <Workload items={home.workload} />}
      {/* Staff-only callers have no home address and so no neighbourhood contacts. */}
      {(home.contacts.length > 0 || home.address !== null) && (
        <View>
          <Text className='section-title'>{homeCopy.contactsTitle}</Text>
          <ContactList contacts={home.contacts} />
        </View>
      )}
      <Today home={home} />
      <View className='card hotline'>
        <Text className='hotline__label'>{homeCopy.hotlineLabel}</Text>
        <Text className='hotline__number'>{home.community.hotline}</Text>
        {home.hotlines.map(h => (
          <View key={h.name} className='hotline__more'>
            <Text className='hotline__label'>{h.name}</Text>
            <Text className='hotline__other'>{h.number}</Text>
          </View>
        ))}
      </View>
      <ServiceShortcuts />
      <Text className='section-title'>{homeCopy.tilesTitle}</Text>
      <View className='tiles'>
        {home.tiles.map(tile => (
          <Tile key={tile.key} tile={tile} />
        ))}
      </View>
    </View>
  )
}

function Greeting({ home }: { home: Home }) {
  const { me, community, address } = home
  return (
    <View className='greeting'>
      <Text className='greeting__hello'>{homeCopy.greeting(me.name)}</Text>
      <Text className='greeting__community'>
        {address ? `${community.name} · ${address.building}${address.unit}` : community.name}
      </Text>
      {!me.registered && <Text className='greeting__hint'>{homeCopy.unregisteredHint}</Text>}
      <ChooseCommunity home={home} />
    </View>
  )
}

/**
 * A visitor of a street of several communities (issue 20) who has not said which is theirs sees the first one's home:
 * asked, first thing, to choose their own.
 */
function ChooseCommunity({ home }: { home: Home }) {
  const chosen = useCommunityChoice()
  if (home.me.registered || home.streetSize <= 1 || chosen !== null) return null
  return (
    <View className='card' data-testid='choose-community'>
      <Text className='greeting__hint'>{homeCopy.chooseHint}</Text>
      <Button type='primary' size='large' block onClick={() => void Taro.navigateTo({ url: CHOOSE_URL })}>
        {homeCopy.choose}
      </Button>
    </View>
  )
}

function HomeStatus({ savedAt, loading, error, reload }: Omit<ReturnType<typeof useHome>, 'home'>) {
  return (
    <View className='home-status'>
      {error ? (
        <View className='home-status__stale'>
          <Text className='status-line'>{homeCopy.staleNotice(shanghaiHHmm(savedAt ?? Date.now()))}</Text>
          <Button className='home-status__retry' size='small' fill='outline' onClick={reload}>
            {homeCopy.retry}
          </Button>
        </View>
      ) : (
        <Text className='status-line'>
          {loading ? homeCopy.loading : homeCopy.updatedAt(shanghaiHHmm(savedAt ?? Date.now()))}
        </Text>
      )}
    </View>
  )
}

/** Today: the hall's hours with an open-now badge (holidays applied on the server) and who is on duty. */
function Today({ home }: { home: Home }) {
  const { hall, onDuty } = home
  if (!hall && onDuty.length === 0) return null
  return (
    <View className='card today' data-testid='today'>
      {hall && (
        <View className='today__row'>
          <Text className='today__label'>{homeCopy.hallLabel}</Text>
          <Text className='today__value'>{homeCopy.hallHours(hall.ranges)}</Text>
          <Text className={`today__badge${hall.openNow ? ' today__badge--open' : ''}`}>
            {hall.openNow ? homeCopy.openNow : homeCopy.closedNow}
          </Text>
          {hall.note !== '' && <Text className='status-line'>{hall.note}</Text>}
        </View>
      )}
      <View className='today__row'>
        <Text className='today__label'>{homeCopy.onDutyLabel}</Text>
        {onDuty.length === 0 ? (
          <Text className='today__value'>{homeCopy.nobodyOnDuty}</Text>
        ) : (
          onDuty.map(d => (
            <Text key={`${d.personName}-${d.until}`} className='today__value'>
              {homeCopy.onDuty(d.personName, d.place, d.until)}
            </Text>
          ))
        )}
      </View>
    </View>
  )
}

function Workload({ items }: { items: Home['workload'] }) {
  return (
    <View className='workload'>
      <Text className='section-title'>{homeCopy.workloadTitle}</Text>
      <View className='workload__grid'>
        {items.map(w => (
          <View key={w.label} className='workload__item'>
            <Text className='workload__count'>{w.count}</Text>
            <Text className='workload__label'>{w.label}</Text>
          </View>
        ))}
      </View>
    </View>
  )
}

function Tile({ tile }: { tile: HomeTile }) {
  const url = tileRoute(tile)
  const unread = useUnreadBadge()
  if (!url) {
    return (
      <View className='tile tile--soon'>
        <Text className='tile__title'>{tile.title}</Text>
        <Text className='tile__subtitle'>{tile.subtitle}</Text>
        {/* Plain words, not a pill: a grey pill reads as a button to press. */}
        <Text className='tile__soon'>{homeCopy.comingSoon}</Text>
      </View>
    )
  }
  return (
    <View
      className='tile'
      hoverClass='tile--pressed'
      onClick={() => {
        void Taro.navigateTo({ url })
      }}
    >
      <Text className='tile__title'>{tile.title}</Text>
      <Text className='tile__subtitle'>{tile.subtitle}</Text>
      {tile.key === 'notifications' && unread && (
        <Text className='tile__badge' data-testid='unread-badge'>
          {homeCopy.unread(unread)}
        </Text>
      )}
      <Text className='tile__go'>›</Text>
    </View>
  )
}

function LoadingPanel() {
  return (
    <View className='home-loading'>
      <Text className='home-loading__text'>{homeCopy.loading}</Text>
      <View className='skeleton skeleton--title' />
      <View className='skeleton skeleton--card' />
      <View className='skeleton skeleton--card' />
    </View>
  )
}

function ErrorPanel({
  message,
  code,
  onRetry,
  retrying
}: {
  message: string
  code: string
  onRetry: () => void
  retrying: boolean
}) {
  const choosePersona = process.env.TARO_ENV === 'h5' && code === 'UNAUTHENTICATED'
  return (
    <View className='card home-error'>
      <Text className='home-error__title'>{homeCopy.errorTitle}</Text>
      <Text className='home-error__message'>{message}</Text>
      {choosePersona ? (
        <Button
          className='home-error__retry'
          type='primary'
          size='large'
          block
          onClick={() => {
            void Taro.redirectTo({ url: DEV_LOGIN_URL })
          }}
        >
          {homeCopy.choosePersona}
        </Button>
      ) : (
        <Button className='home-error__retry' type='primary' size='large' block disabled={retrying} onClick={onRetry}>
          {retrying ? homeCopy.retrying : homeCopy.retry}
        </Button>
      )}
    </View>
  )
}
