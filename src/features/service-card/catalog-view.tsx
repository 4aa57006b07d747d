import { useEffect, useRef, useState } from 'react'
import { View, Text, Input } from '@tarojs/components'
import Taro from '@tarojs/taro'
import * as z from 'zod'
import { useCloudQuery } from '@/api/use-cloud-query.hook'
import { usePagedQuery } from '@/api/use-paged-query.hook'
import { hasAnyRole } from '@/core/community/caller'
import { categoryView, itemView, type ItemView } from '@/core/service-card/service-card.views'
import { pageSchema } from '@/core/shared/page'
import { PageShell } from '@/components/theme/page-shell'
import { LinkRow } from '@/components/nav/link-row'
import Button from '@/components/ui/button'
import { useWhoami } from '@/features/me/use-whoami.hook'
import { serviceCardCopy as copy } from './copy'
import './service-card.css'

/** 便民服务: the service list by category, with search; links to my bookings and requests. */
export function CatalogView ({ initialCategory = '', initialQuery = '' }: { initialCategory?: string, initialQuery?: string }) {
  const [categoryId, setCategoryId] = useState(initialCategory)
  const [typed, setTyped] = useState(initialQuery)
  const [q, setQ] = useState(initialQuery)
  const { me } = useWhoami()
  const staff = !!me && hasAnyRole(me, ['staff', 'admin'])
  const cats = useCloudQuery({ fn: 'service-card', action: 'categories', schema: z.array(categoryView), badResponse: copy.badResponse })
  const list = usePagedQuery<ItemView>({
    fn: 'service-card',
    action: 'listItems',
    // Staff also see retired items, to restore them.
    payload: { ...(categoryId ? { categoryId } : {}), ...(q ? { q } : {}), ...(staff ? { includeRetired: true } : {}) },
    schema: pageSchema(itemView),
    badResponse: copy.badResponse
  })
  const { reload } = list
  // The first page loads on mount; a new category or search loads again from page one.
  const mounted = useRef(false)
  useEffect(() => {
    if (mounted.current) reload()
    mounted.current = true
  }, [categoryId, q, staff, reload])

  return (
    <PageShell className='service-card'>
      <View className='sc-search'>
        <Input className='sc-input sc-search__input' name='catalog-search' value={typed} maxlength={40} placeholder={copy.searchPlaceholder} confirmType='search'
          onInput={(e) => setTyped(e.detail.value)} onConfirm={() => setQ(typed.trim())} />
        <Button type='primary' onClick={() => setQ(typed.trim())}>{copy.search}</Button>
      </View>
      <View className='sc-chips'>
        <Text className={`sc-chip${categoryId === '' ? ' sc-chip--on' : ''}`} onClick={() => setCategoryId('')}>{copy.allCategories}</Text>
        {(cats.data ?? []).map(c => (
          <Text key={c.id} className={`sc-chip${categoryId === c.id ? ' sc-chip--on' : ''}`} onClick={() => setCategoryId(c.id)}>{c.name}</Text>
        ))}
      </View>
      {list.error && (
        <View className='card'>
          <Text className='status-line'>{list.error.message}</Text>
          <Button type='primary' block onClick={list.reload}>{copy.retry}</Button>
        </View>
      )}
      {!list.loading && !list.error && list.items.length === 0 && <View className='card'><Text className='text-soft'>{copy.empty}</Text></View>}
      {list.items.map(item => (
        <View key={item.id} className='card sc-item' data-testid='service-item'
          onClick={() => { void Taro.navigateTo({ url: `/pages/service-card/item?id=${item.id}` }) }}>
          <Text className='sc-item__name'>{item.name}</Text>
          <Text className='sc-item__summary'>{item.summary}</Text>
          <View className='sc-modes'>
            {item.modes.map(m => <Text key={m} className='sc-mode'>{copy.modes[m]}</Text>)}
          </View>
          {item.stale && <Text className='status-line'>{copy.stale}</Text>}
          {item.status === 'retired' && <Text className='sc-status'>{copy.retiredBadge}</Text>}
        </View>
      ))}
      {list.hasMore && <Button block disabled={list.loading} onClick={list.more}>{list.loading ? copy.loading : copy.more}</Button>}
      {list.loading && list.items.length === 0 && <Text className='status-line'>{copy.loading}</Text>}

      <Text className='section-title'>{copy.myBookings}</Text>
      <LinkRow label={copy.toBookings} url='/pages/service-card/bookings' />
      <LinkRow label={copy.toMyRequests} url='/pages/service-card/requests' />
      {me && hasAnyRole(me, ['staff', 'admin', 'grid_worker']) && (
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
