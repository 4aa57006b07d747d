import { useState } from 'react'
import { View, Text, Input } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { usePagedQuery, useQuery } from '@/api'
import { hasAnyRole } from '@/core/community/caller'
import { policies } from '@/core/community/roles'
import { serviceCardContract } from '@/core/service-card/service-card.contract'
import { PageShell } from '@/components/theme/page-shell'
import { LinkRow } from '@/components/nav/link-row'
import Button from '@/components/ui/button'
import { useWhoami } from '@/features/me/use-whoami.hook'
import { serviceCardCopy as copy } from './copy'
import './service-card.css'

/** 便民服务: the service list by category, with search; links to my bookings and requests. */
export function CatalogView({
  initialCategory = '',
  initialQuery = ''
}: {
  initialCategory?: string
  initialQuery?: string
}) {
  const [categoryId, setCategoryId] = useState(initialCategory)
  const [typed, setTyped] = useState(initialQuery)
  const [q, setQ] = useState(initialQuery)
  const { me } = useWhoami()
  const staff = !!me && hasAnyRole(me, policies.staff)
  const cats = useQuery(serviceCardContract.categories, {})
  // A new category or search loads again from page one (the hook reloads when its input changes).
  const list = usePagedQuery(serviceCardContract.listItems, {
    ...(categoryId ? { categoryId } : {}),
    ...(q ? { q } : {}),
    // Staff also see retired items, to restore them.
    ...(staff ? { includeRetired: true } : {})
  })

  return (
    <PageShell className='service-card'>
      <View className='sc-search'>
        <Input
          className='sc-input sc-search__input'
          name='catalog-search'
          value={typed}
          maxlength={40}
          placeholder={copy.searchPlaceholder}
          confirmType='search'
          onInput={e => setTyped(e.detail.value)}
          onConfirm={() => setQ(typed.trim())}
        />
        <Button type='primary' onClick={() => setQ(typed.trim())}>
          {copy.search}
        </Button>
      </View>
      <View className='sc-chips'>
        <Text className={`sc-chip${categoryId === '' ? ' sc-chip--on' : ''}`} onClick={() => setCategoryId('')}>
          {copy.allCategories}
        </Text>
        {(cats.data ?? []).map(c => (
          <Text
            key={c.id}
            className={`sc-chip${categoryId === c.id ? ' sc-chip--on' : ''}`}
            onClick={() => setCategoryId(c.id)}
          >
            {c.name}
          </Text>
        ))}
      </View>
      {list.error && (
        <View className='card'>
          <Text className='status-line'>{list.error.message}</Text>
          <Button type='primary' block onClick={list.reload}>
            {copy.retry}
          </Button>
        </View>
      )}
      {!list.loading && !list.error && list.items.length === 0 && (
        <View className='card'>
          <Text className='text-soft'>{copy.empty}</Text>
        </View>
      )}
      {list.items.map(item => (
        <View
          key={item.id}
          className='card sc-item'
          data-testid='service-item'
          onClick={() => {
            void Taro.navigateTo({ url: `/pages/service-card/item?id=${item.id}` })
          }}
        >
          <Text className='sc-item__name'>{item.name}</Text>
          <Text className='sc-item__summary'>{item.summary}</Text>
          <View className='sc-modes'>
            {item.modes.map(m => (
              <Text key={m} className='sc-mode'>
                {copy.modes[m]}
              </Text>
            ))}
          </View>
          {item.stale && <Text className='status-line'>{copy.stale}</Text>}
          {item.status === 'retired' && <Text className='sc-status'>{copy.retiredBadge}</Text>}
        </View>
      ))}
      {list.hasMore && (
        <Button block disabled={list.loading} onClick={list.more}>
          {list.loading ? copy.loading : copy.more}
        </Button>
      )}
      {list.loading && list.items.length === 0 && <Text className='status-line'>{copy.loading}</Text>}

      <Text className='section-title'>{copy.myBookings}</Text>
      <LinkRow label={copy.toBookings} url='/pages/service-card/bookings' />
      <LinkRow label={copy.toMyRequests} url='/pages/service-card/requests' />
      {me && hasAnyRole(me, policies.workbench) && (
        <>
          <Text className='section-title'>{copy.staffTitle}</Text>
          {staff && <LinkRow label={copy.toHall} url='/pages/service-card/hall' />}
          {staff && <LinkRow label={copy.newItem} url='/pages/service-card/edit' />}
          <LinkRow label={copy.toRequests} url='/pages/service-card/requests?staff=1' />
          <LinkRow label={copy.toAssist} url='/pages/service-card/assist' />
        </>
      )}
    </PageShell>
  )
}
