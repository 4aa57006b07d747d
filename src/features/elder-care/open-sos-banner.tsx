import { useEffect } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useQuery } from '@/api'
import { elderCareContract } from '@/core/elder-care/elder-care.contract'
import { elderCareCopy as copy } from './copy'
import './elder-care.css'

const REFRESH_MS = 15_000

/**
 * The top of a responder's home page (网格员, 社工, 管理员): open SOS calls, counted only, refreshed
 * every 15 s; a tap opens the staff desk where the details are. Nothing shows when all is quiet.
 */
export function OpenSosBanner() {
  const { data: count, reload } = useQuery(elderCareContract.sosSummary, {})
  useEffect(() => {
    const timer = setInterval(reload, REFRESH_MS)
    return () => clearInterval(timer)
  }, [reload])
  if (!count || count.open === 0) return null
  return (
    <View
      className='sos-banner'
      role='alert'
      data-testid='open-sos-banner'
      onClick={() => void Taro.navigateTo({ url: '/pages/elder-care/staff' })}
    >
      <Text className='sos-banner__title'>{copy.sosBannerTitle(count.unacknowledged, count.open)}</Text>
      <Text className='sos-banner__hint'>{copy.sosBannerHint}</Text>
    </View>
  )
}
