import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import {
  DEMO_STREET_SIZE,
  demoCommunities,
  personas,
  personasOf,
  streetPersonas,
  type Persona
} from '@/core/community/personas'
import { roleLabels } from '@/core/community/roles'
import { getPersonaOpenId, setPersonaOpenId } from '@/api'
import { setCommunityChoice } from '@/api/community-choice'
import { PageShell } from '@/components/theme/page-shell'
import { devLoginCopy } from './copy'
import { HOME_PATH, safeBack } from './persona-gate'
import './dev-login.css'

/** The demo street's other communities (the first one's personas are listed first, open). */
const others = demoCommunities.slice(1, DEMO_STREET_SIZE).map(c => ({ ...c, personas: personasOf(c.id) }))

/**
 * H5 only (the local cloud's dev login): pick a demo persona. Its OPENID is sent as
 * X-WX-OPENID on every call, which the local cloud honours on loopback in dev mode only.
 *
 * The demo is a street of communities (issue 20): the first community's people come first, as when it was alone,
 * so a newcomer's first screen is the same; then the street office's two; the other communities' people are one
 * tap away, each under its name.
 */
export function DevLoginView({ back }: { back?: string }) {
  const current = getPersonaOpenId()
  const returnTo = safeBack(back)
  // The community of the persona in use starts open, so the mark 当前 is in sight.
  const [open, setOpen] = useState<string | null>(
    () => others.find(c => c.personas.some(p => p.openId === current))?.id ?? null
  )
  const choose = (p: Persona) => {
    setPersonaOpenId(p.openId)
    // A community chosen as the previous persona is not this person's: they start in their own.
    setCommunityChoice(null)
    // reLaunch, not switchTab: pages already open belong to the previous persona. A link opened
    // before anyone was picked (persona-gate.ts) is where the person was going: back to it.
    void Taro.reLaunch({ url: returnTo ?? HOME_PATH })
  }
  const list = (people: Persona[]) => (
    <View className='dev-login__list'>
      {people.map(p => (
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
  )
  return (
    <PageShell className='dev-login'>
      <Text className='dev-login__title'>{devLoginCopy.title}</Text>
      <Text className='dev-login__intro'>{devLoginCopy.intro}</Text>
      {returnTo && <Text className='dev-login__intro'>{devLoginCopy.thenBack}</Text>}
      <Text className='dev-login__group'>{demoCommunities[0].name}</Text>
      {list(personas)}
      <Text className='dev-login__group'>{devLoginCopy.street}</Text>
      <Text className='dev-login__note'>{devLoginCopy.streetNote}</Text>
      {list(streetPersonas)}
      <Text className='dev-login__group'>{devLoginCopy.otherCommunities}</Text>
      {others.map(c => (
        <View key={c.id}>
          <View
            role='button'
            aria-expanded={open === c.id}
            className='dev-login__community'
            hoverClass='dev-login__community--pressed'
            onClick={() => setOpen(open === c.id ? null : c.id)}
          >
            <Text>{c.name}</Text>
            <Text className='dev-login__toggle'>{open === c.id ? devLoginCopy.hide : devLoginCopy.show}</Text>
          </View>
          {open === c.id && list(c.personas)}
        </View>
      ))}
    </PageShell>
  )
}
