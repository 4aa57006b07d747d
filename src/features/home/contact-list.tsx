import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { callFunction } from '@/api'
import { callPhone } from '@/components/phone/call-phone'
import type { Contact } from '@/core/community/home.schema'
import { homeCopy } from './copy'
import './contact-list.css'

/**
 * Tap to call: the number leaves the server masked; a tap asks `community.callContact`, which
 * logs the reveal and answers the one full number, then the phone's dialer opens with it.
 */
export async function revealContact (title: string): Promise<string | null> {
  const res = await callFunction<{ name: string, phone: string }>('community', 'callContact', { title })
  if (!res.ok) {
    void Taro.showToast({ title: res.error.message, icon: 'none', duration: 2500 })
    return null
  }
  // On H5 no dialer opens (callPhone); the number shown on the card is enough there.
  void callPhone(res.data.phone)
  return res.data.phone
}

/**
 * The community contacts as big cards. On WeChat these are the native <call-card> (declared in
 * the page config); H5 cannot render WXML components, so it gets the same card in React.
 */
export function ContactList ({ contacts }: { contacts: Contact[] }) {
  const [revealed, setRevealed] = useState<Record<string, string>>({})
  const onCall = (title: string): void => {
    void revealContact(title).then(phone => { if (phone) setRevealed(prev => ({ ...prev, [title]: phone })) })
  }
  if (contacts.length === 0) return <Text className='contact-list__empty'>{homeCopy.noContacts}</Text>
  return (
    <View className='contact-list'>
      {contacts.map((c, i) => process.env.TARO_ENV === 'weapp'
        ? <call-card key={`${c.title}-${c.name}`} id={`contact-${i}`} name={c.name} title={c.title} phone={revealed[c.title] ?? c.phoneMasked} onCall={() => onCall(c.title)} />
        : (
          <View key={`${c.title}-${c.name}`} className='contact-card' hoverClass='contact-card--pressed' onClick={() => onCall(c.title)} data-testid='contact-card'>
            <View className='contact-card__who'>
              <Text className='contact-card__title'>{c.title}</Text>
              <Text className='contact-card__name'>{c.name}</Text>
            </View>
            <View className='contact-card__phone'>
              <Text className='contact-card__number'>☎ {revealed[c.title] ?? c.phoneMasked}</Text>
            </View>
          </View>
          ))}
    </View>
  )
}
