import { useState } from 'react'
import { View, Text, Input } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useQuery } from '@/api'
import { serviceCardContract } from '@/core/service-card/service-card.contract'
import Button from '@/components/ui/button'
import { readCachedCategories, writeCachedCategories } from './home-cache'
import { homeCopy } from './copy'

const SERVICES = '/pages/service-card/index'

/** The service list on the card: search, and the categories (from the device cache first, so offline too). */
export function ServiceShortcuts() {
  const [q, setQ] = useState('')
  const cats = useQuery(
    serviceCardContract.categories,
    {},
    { initial: readCachedCategories, onData: writeCachedCategories }
  )
  const go = (url: string): void => {
    void Taro.navigateTo({ url })
  }
  return (
    <View>
      <Text className='section-title'>{homeCopy.servicesTitle}</Text>
      <View className='services-search'>
        <Input
          className='services-search__input'
          name='service-search'
          value={q}
          maxlength={40}
          placeholder={homeCopy.serviceSearch}
          confirmType='search'
          onInput={e => setQ(e.detail.value)}
          onConfirm={() => go(`${SERVICES}?q=${encodeURIComponent(q.trim())}`)}
        />
        <Button type='primary' onClick={() => go(`${SERVICES}?q=${encodeURIComponent(q.trim())}`)}>
          {homeCopy.serviceGo}
        </Button>
      </View>
      <View className='services-cats'>
        {(cats.data ?? []).map(c => (
          <Text key={c.id} className='services-cat' onClick={() => go(`${SERVICES}?cat=${c.id}`)}>
            {c.name}
          </Text>
        ))}
        <Text className='services-cat services-cat--all' onClick={() => go(SERVICES)}>
          {homeCopy.allServices}
        </Text>
      </View>
    </View>
  )
}
