import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { PageShell } from '@/components/theme/page-shell'
import { useQuery } from '@/api'
import { staffContract } from '@/core/staff/staff.contract'
import { staffCopy } from './copy'
import { LoadState, Notice } from './staff-ui'

/**
 * 待办: what waits for me now, each row opening the page where it is done (派单 on 养老服务台,
 * 受理 on 上门与代办…); the most urgent first, the quiet ones after.
 */
function Todo() {
  const todo = useQuery(staffContract.todo, {})
  if (!todo.data) return <LoadState error={todo.error} loading={todo.loading} reload={todo.reload} />
  const rows = [...todo.data.rows].sort((a, b) => Number(b.count > 0) - Number(a.count > 0))
  const waiting = rows.filter(r => r.count > 0)
  return (
    <View data-testid='todo'>
      <Text className='section-title'>{todo.data.gridId ? staffCopy.todoTitleGrid : staffCopy.todoTitle}</Text>
      {waiting.length === 0 && <Notice>{staffCopy.todoNone}</Notice>}
      {waiting.map(r => (
        <View
          key={r.key}
          className='card staff-menu__item staff-todo'
          role='link'
          data-testid='todo-row'
          onClick={() => {
            void Taro.navigateTo({ url: r.page })
          }}
        >
          <View className='staff-todo__head'>
            <Text className='staff-menu__label'>{r.label}</Text>
            <Text className='staff-todo__count'>{staffCopy.todoCount(r.count)} ›</Text>
          </View>
          <Text className='staff-menu__hint'>{r.hint}</Text>
        </View>
      ))}
    </View>
  )
}

/** 工作台: 待办 first (for staff roles), then the entries this person's roles allow (the server answers the same table). */
export function StaffHomeView() {
  const { data, error, loading, reload } = useQuery(staffContract.menu, {})
  if (!data)
    return (
      <PageShell className='staff'>
        <LoadState error={error} loading={loading} reload={reload} />
      </PageShell>
    )
  return (
    <PageShell className='staff'>
      <Text className='section-title'>{staffCopy.menuTitle(data.name)}</Text>
      {data.items.length === 0 && <Notice>{staffCopy.notRegistered}</Notice>}
      {data.items.some(i => i.key === 'dashboard') && <Todo />}
      {data.items.length > 0 && <Text className='section-title'>{staffCopy.menuSection}</Text>}
      {data.items.map(item => (
        <View
          key={item.key}
          className='card staff-menu__item'
          role='link'
          onClick={() => {
            void Taro.navigateTo({ url: item.page })
          }}
        >
          <Text className='staff-menu__label'>{item.label}</Text>
          <Text className='staff-menu__hint'>{item.hint}</Text>
        </View>
      ))}
      <View
        className='card staff-menu__item'
        role='link'
        onClick={() => {
          void Taro.navigateTo({ url: '/pages/staff/join' })
        }}
      >
        <Text className='staff-menu__label'>{staffCopy.joinLink}</Text>
      </View>
    </PageShell>
  )
}
