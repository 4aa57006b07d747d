import { useRef, useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { usePagedQuery, type PagedQuery } from '@/api'
import { serviceCardContract } from '@/core/service-card/service-card.contract'
import type { RequestView } from '@/core/service-card/service-card.views'
import { PageShell } from '@/components/theme/page-shell'
import { shanghaiDateTime } from '@/components/format/time'
import Button from '@/components/ui/button'
import { serviceCardCopy as copy } from './copy'
import { EligibilityQueue, MyEligibility } from './eligibility-view'
import './service-card.css'

type Scope = 'unassigned' | 'open' | 'mine' | 'eligibility'
const scopes: readonly Scope[] = ['unassigned', 'open', 'mine', 'eligibility']

/**
 * 上门与代办: a resident's own requests under their eligibility (ask for it, or start a request),
 * or (staff) the queue by scope, including the residents' eligibility asks (资格申请).
 */
export function RequestsView({ staff, initialScope }: { staff: boolean; initialScope?: string }) {
  const [scope, setScope] = useState<Scope>(scopes.find(s => s === initialScope) ?? 'unassigned')
  const asks = staff && scope === 'eligibility'
  const listScope = scope === 'eligibility' ? 'unassigned' : scope
  // Another tab is another input: the hook loads it from page one.
  const list = usePagedQuery(serviceCardContract.listRequests, staff ? { scope: listScope } : {})
  const { reload } = list
  const shown = useRef(false)
  // Coming back from a request page shows its new state (the first show is the mount's load).
  Taro.useDidShow(() => {
    if (shown.current) reload()
    shown.current = true
  })

  return (
    <PageShell className='service-card'>
      <Text className='sc-title'>{staff ? copy.staffRequests : copy.myRequests}</Text>
      {staff && (
        <View className='sc-chips'>
          {scopes.map(s => (
            <Text key={s} className={`sc-chip${scope === s ? ' sc-chip--on' : ''}`} onClick={() => setScope(s)}>
              {copy.scopes[s]}
            </Text>
          ))}
        </View>
      )}
      {!staff && <MyEligibility />}
      {asks ? <EligibilityQueue /> : <Requests staff={staff} scope={listScope} list={list} />}
    </PageShell>
  )
}

interface RequestsProps {
  staff: boolean
  scope: Exclude<Scope, 'eligibility'>
  list: PagedQuery<RequestView>
}

function Requests({ staff, scope, list }: RequestsProps) {
  return (
    <View>
      {list.error && (
        <View className='card'>
          <Text className='status-line'>{list.error.message}</Text>
          <Button block onClick={list.reload}>
            {copy.retry}
          </Button>
        </View>
      )}
      {!list.loading && !list.error && list.items.length === 0 && (
        <View className='card' data-testid='requests-empty'>
          <Text className='text-soft'>{staff ? copy.noStaffRequests[scope] : copy.noRequestsYet}</Text>
          {!staff && (
            <Button
              className='sc-gap'
              block
              onClick={() => {
                void Taro.navigateTo({ url: '/pages/service-card/index' })
              }}
            >
              {copy.toCatalog}
            </Button>
          )}
        </View>
      )}
      {list.items.map(r => (
        <View
          key={r.id}
          className='card sc-item'
          data-testid='request'
          onClick={() => {
            void Taro.navigateTo({ url: `/pages/service-card/request?id=${r.id}` })
          }}
        >
          <Text className='sc-item__name'>
            {r.itemName} · {copy.modes[r.mode]}
          </Text>
          <Text className='sc-row__value'>
            {r.residentName} · {r.statusLabel}
            {r.overdue ? ` · ${copy.overdue}` : ''}
          </Text>
          <Text className='status-line'>
            {shanghaiDateTime(r.createdAt)}
            {r.dueAt ? ` · ${copy.dueBy(shanghaiDateTime(r.dueAt))}` : ''}
          </Text>
        </View>
      ))}
      {list.hasMore && (
        <Button block disabled={list.loading} onClick={list.more}>
          {copy.more}
        </Button>
      )}
    </View>
  )
}
