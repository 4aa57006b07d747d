import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { Contact } from '@/core/community/home.schema'
import { homeCopy } from './copy'
import './contact-list.css'

// Tap-to-call (reveal the full number, logged) comes in issue 5; until then say so plainly.
function onCall (): void {
  void Taro.showToast({ title: homeCopy.callSoon, icon: 'none', duration: 2500 })
}

/**
 * The community contacts as big cards. On WeChat these are the native <call-card> (declared in
 * the page config); H5 cannot render WXML components, so it gets the same card in React.
 */
export function ContactList ({ contacts }: { contacts: Contact[] }) {
  if (contacts.length === 0) return <Text className='contact-list__empty'>{homeCopy.noContacts}</Text>
  return (
    <View className='contact-list'>
      {contacts.map((c, i) => process.env.TARO_ENV === 'weapp'
        ? <call-card key={`${c.title}-${c.name}`} id={`contact-${i}`} name={c.name} title={c.title} phone={c.phoneMasked} onCall={onCall} />
        : (
          <View key={`${c.title}-${c.name}`} className='contact-card' hoverClass='contact-card--pressed' onClick={onCall}>
            <View className='contact-card__who'>
              <Text className='contact-card__title'>{c.title}</Text>
              <Text className='contact-card__name'>{c.name}</Text>
            </View>
            <View className='contact-card__phone'>
              <Text className='contact-card__number'>☎ {c.phoneMasked}</Text>
            </View>
          </View>
          ))}
    </View>
  )
}
