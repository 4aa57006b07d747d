import type { ReactNode } from 'react'
import { View, Text } from '@tarojs/components'
import { elderCareCopy as copy } from './copy'
import { useActingElder, type ActingElder } from './use-acting-elder.hook'

/** Renders its child once we know which elder the page acts for; shows the proxy label when a family member acts. */
export function ActingGate({
  children,
  none: whenNone
}: {
  children: (acting: ActingElder) => ReactNode
  none?: ReactNode
}) {
  const { acting, none, error } = useActingElder()
  if (error)
    return (
      <View className='card'>
        <Text className='status-line'>{error}</Text>
      </View>
    )
  if (none)
    return (
      whenNone ?? (
        <View className='card'>
          <Text className='elder-text'>{copy.noElder}</Text>
        </View>
      )
    )
  if (!acting)
    return (
      <View className='card'>
        <Text className='status-line'>{copy.loading}</Text>
      </View>
    )
  return (
    <>
      {acting.proxy && (
        <View className='proxy-banner' data-testid='proxy-banner'>
          <Text>{copy.proxyFor(acting.name)}</Text>
        </View>
      )}
      {children(acting)}
    </>
  )
}
