import { View } from '@tarojs/components'

/** A row of tabs (the theme's .tabs): one on, a tap turns another on. */
export function GridTabs<K extends string | null>({
  tabs,
  on,
  onChange
}: {
  tabs: Array<{ key: K; label: string }>
  on: K
  onChange: (key: K) => void
}) {
  return (
    <View className='tabs' role='tablist'>
      {tabs.map(t => (
        <View
          key={t.label}
          role='tab'
          aria-selected={t.key === on}
          className={`tabs__tab${t.key === on ? ' tabs__tab--on' : ''}`}
          onClick={() => onChange(t.key)}
        >
          {t.label}
        </View>
      ))}
    </View>
  )
}
