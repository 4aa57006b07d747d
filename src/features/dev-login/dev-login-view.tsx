import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { personas, type Persona } from '@/core/community/personas'
import { roleLabels } from '@/core/community/roles'
import { getPersonaOpenId, setPersonaOpenId } from '@/api'
import { PageShell } from '@/components/theme/page-shell'
import { devLoginCopy } from './copy'
import { HOME_PATH, safeBack } from './persona-gate'
import './dev-login.css'

/**
 * H5 only (the local cloud's dev login): pick a demo persona. Its OPENID is sent as
 * X-WX-OPENID on every call, which the local cloud honours on loopback in dev mode only.
 */
export function DevLoginView({ back }: { back?: string }) {
  const current = getPersonaOpenId()
  const returnTo = safeBack(back)
  const choose = (p: Persona) => {
    setPersonaOpenId(p.openId)
    // reLaunch, not switchTab: pages already open belong to the previous persona. A link opened
    // before anyone was picked (persona-gate.ts) is where the person was going: back to it.
    void Taro.reLaunch({ url: returnTo ?? HOME_PATH })
  }
  return (
    <PageShell className='dev-login'>
      <Text className='dev-login__title'>{devLoginCopy.title}</Text>
      <Text className='dev-login__intro'>{devLoginCopy.intro}</Text>
      {returnTo && <Text className='dev-login__intro'>{devLoginCopy.thenBack}</Text>}
      <View className='dev-login__list'>
        {personas.map(p => (
          <View
            key={p.openId}
            role='button'
            className={`persona${p.openId === current ? ' persona--current' : ''}`}
            hoverClass='persona--pressed'
            onClick={() => choose(p)}
          >
            <View className='persona__main'>
              <Text className='persona__name'>{p.name}</Text>
              <Text className='persona__label'>{p.label}</Text>
            </View>
            <Text className='persona__roles'>
              {p.openId === current ? `${devLoginCopy.current} · ` : ''}
              {devLoginCopy.roles(p.roles.map(r => roleLabels[r]))}
            </Text>
          </View>
        ))}
      </View>
    </PageShell>
  )
}
