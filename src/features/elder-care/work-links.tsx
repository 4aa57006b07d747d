import type { ReactNode } from 'react'
import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { hasAnyRole } from '@/core/community/caller'
import { policies } from '@/core/community/roles'
import { mealRoundReaders } from '@/core/elder-care/elder-care.model'
import { useWhoami } from '@/features/me/use-whoami.hook'
import { elderCareCopy as copy } from './copy'

/** Ways into the work pages of elder care, for those who do that work. */
export function WorkLinks({ orElse = null }: { orElse?: ReactNode }) {
  const { me } = useWhoami()
  if (!me) return <>{orElse}</>
  const desk = hasAnyRole(me, policies.workbench)
  // Those who call on elders: visits and the day's meal round (the same people).
  const visits = hasAnyRole(me, mealRoundReaders)
  if (!desk && !visits) return <>{orElse}</>
  return (
    <View className='elder-actions'>
      {desk && (
        <View
          className='big-action big-action--primary'
          onClick={() => void Taro.navigateTo({ url: '/pages/elder-care/staff' })}
        >
          {copy.staffNav}
        </View>
      )}
      {visits && (
        <View
          className='big-action big-action--calm'
          onClick={() => void Taro.navigateTo({ url: '/pages/elder-care/helper' })}
        >
          {copy.helperNav}
        </View>
      )}
    </View>
  )
}
