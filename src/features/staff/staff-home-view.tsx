import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { PageShell } from '@/components/theme/page-shell'
import { staffCopy } from './copy'
import { LoadState, Notice } from './staff-ui'
import type { MenuAnswer } from './staff.types'
import { useStaffQuery } from './use-staff-query.hook'

/** 工作台: the entries this person's roles allow (the server answers the same table). */
export function StaffHomeView () {
  const { data, error, loading, reload } = useStaffQuery<MenuAnswer>('menu')
  if (!data) return <PageShell className='staff'><LoadState error={error} loading={loading} reload={reload} /></PageShell>
  return (
    <PageShell className='staff'>
      <Text className='section-title'>{staffCopy.menuTitle(data.name)}</Text>
      {data.items.length === 0 && <Notice>{staffCopy.notRegistered}</Notice>}
      {data.items.map(item => (
        <View key={item.key} className='card staff-menu__item' role='link' onClick={() => { void Taro.navigateTo({ url: item.page }) }}>
          <Text className='staff-menu__label'>{item.label}</Text>
          <Text className='staff-menu__hint'>{item.hint}</Text>
        </View>
      ))}
      <View className='card staff-menu__item' role='link' onClick={() => { void Taro.navigateTo({ url: '/pages/staff/join' }) }}>
        <Text className='staff-menu__label'>{staffCopy.joinLink}</Text>
      </View>
    </PageShell>
  )
}
