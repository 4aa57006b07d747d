import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { Home } from '@/core/community/home.schemas'
import { callPhone } from '@/components/phone/call-phone'
import { FormProblem } from '@/components/form/form-field'
import { useRefusal } from '@/components/form/use-refusal.hook'
import { revealContact } from './contact-list'
import { homeCopy } from './copy'

const go = (url: string): void => {
  void Taro.navigateTo({ url })
}

/**
 * The home of an elder (and of anyone in 长辈版): a few very large actions, 一键呼叫 first so it
 * is on the first screen of a small phone, then a call to the grid worker or the community, meals
 * and my services. Everything else is one tap further (更多服务).
 */
export function ElderHome({ home, expanded, onMore }: { home: Home; expanded: boolean; onMore: () => void }) {
  return (
    <View className='elder-home' data-testid='elder-home'>
      <View
        className='elder-home__sos'
        hoverClass='elder-home__action--pressed'
        onClick={() => go('/pages/elder-care/sos')}
        data-testid='elder-home-sos'
      >
        <Text className='elder-home__sos-title'>{homeCopy.elderSos}</Text>
        <Text className='elder-home__sos-hint'>{homeCopy.elderSosHint}</Text>
      </View>
      <CallCommunity home={home} />
      <View
        className='elder-home__action'
        hoverClass='elder-home__action--pressed'
        onClick={() => go('/pages/elder-care/meals')}
        data-testid='elder-home-meals'
      >
        <Text className='elder-home__label'>{homeCopy.elderMeals}</Text>
      </View>
      <View
        className='elder-home__action'
        hoverClass='elder-home__action--pressed'
        onClick={() => go('/pages/elder-care/index')}
        data-testid='elder-home-services'
      >
        <Text className='elder-home__label'>{homeCopy.elderServices}</Text>
      </View>
      <View className='elder-home__more' onClick={onMore} data-testid='elder-home-more'>
        {expanded ? homeCopy.elderLess : homeCopy.elderMore}
      </View>
    </View>
  )
}

/**
 * 打电话给网格员 (the grid worker's number is revealed by a logged call, as on the contact cards),
 * or the community hotline when the caller has no grid worker. On H5 no dialer opens, so the
 * number is shown on the button.
 */
function CallCommunity({ home }: { home: Home }) {
  const grid = home.contacts.find(c => c.title === '网格员') ?? null
  const [revealed, setRevealed] = useState<string | null>(null)
  const refusal = useRefusal()
  const hotline = home.community.hotline
  const callGrid = async (): Promise<void> => {
    if (!grid) return
    const res = await refusal.tap('grid', () => revealContact(grid.title))
    if (res.ok) setRevealed(res.data.phone)
  }
  return (
    <View className='elder-home__action elder-home__action--call' data-testid='elder-home-call'>
      {grid && (
        <View
          className='elder-home__call'
          hoverClass='elder-home__action--pressed'
          onClick={() => void callGrid()}
          data-testid='elder-home-call-grid'
        >
          <Text className='elder-home__label'>{homeCopy.elderCallGrid(grid.name)}</Text>
          <Text className='elder-home__number'>☎ {revealed ?? grid.phoneMasked}</Text>
        </View>
      )}
      <FormProblem problem={refusal.at('grid')} />
      {hotline !== '' && (
        <View
          className='elder-home__call'
          hoverClass='elder-home__action--pressed'
          onClick={() => void callPhone(hotline)}
          data-testid='elder-home-call-hotline'
        >
          <Text className={grid ? 'elder-home__sub' : 'elder-home__label'}>{homeCopy.elderCallCommunity}</Text>
          <Text className='elder-home__number'>☎ {hotline}</Text>
        </View>
      )}
    </View>
  )
}
