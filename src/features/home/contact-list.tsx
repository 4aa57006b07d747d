import { Fragment, useState } from 'react'
import { View, Text } from '@tarojs/components'
import { callAction, type ActionResponse } from '@/api'
import { callPhone } from '@/components/phone/call-phone'
import { FormProblem } from '@/components/form/form-field'
import { useRefusal } from '@/components/form/use-refusal.hook'
import { communityContract } from '@/core/community/community.contract'
import type { Contact } from '@/core/community/home.schemas'
import { homeCopy } from './copy'
import './contact-list.css'

/**
 * Tap to call: the number leaves the server masked; a tap asks `community.callContact`, which
 * logs the reveal and answers the one full number, then the phone's dialer opens with it.
 */
export async function revealContact(
  title: Contact['title']
): Promise<ActionResponse<typeof communityContract.callContact>> {
  const res = await callAction(communityContract.callContact, { title })
  // On H5 no dialer opens (callPhone); the number shown on the card is enough there.
  if (res.ok) void callPhone(res.data.phone)
  return res
}

/**
 * The community contacts as big cards. On WeChat these are the native <call-card> (declared in
 * the page config); H5 cannot render WXML components, so it gets the same card in React.
 */
export function ContactList({ contacts }: { contacts: Contact[] }) {
  const [revealed, setRevealed] = useState<Record<string, string>>({})
  // A refused reveal is said under the card tapped (useRefusal), not in a toast over the cards.
  const refusal = useRefusal()
  const onCall = (title: Contact['title']): void => {
    void refusal
      .tap(title, () => revealContact(title))
      .then(res => {
        if (res.ok) setRevealed(prev => ({ ...prev, [title]: res.data.phone }))
      })
  }
  if (contacts.length === 0) return <Text className='contact-list__empty'>{homeCopy.noContacts}</Text>
  return (
    <View className='contact-list'>
      {contacts.map((c, i) => (
        <Fragment key={`${c.title}-${c.name}`}>
          {process.env.TARO_ENV === 'weapp' ? (
            <call-card
              id={`contact-${i}`}
              name={c.name}
              title={c.title}
              phone={revealed[c.title] ?? c.phoneMasked}
              onCall={() => onCall(c.title)}
            />
          ) : (
            <ContactCard c={c} phone={revealed[c.title] ?? c.phoneMasked} onCall={() => onCall(c.title)} />
          )}
          <FormProblem problem={refusal.at(c.title)} />
        </Fragment>
      ))}
    </View>
  )
}

function ContactCard({ c, phone, onCall }: { c: Contact; phone: string; onCall: () => void }) {
  return (
    <View className='contact-card' hoverClass='contact-card--pressed' onClick={onCall} data-testid='contact-card'>
      <View className='contact-card__who'>
        <Text className='contact-card__title'>{c.title}</Text>
        <Text className='contact-card__name'>{c.name}</Text>
      </View>
      <View className='contact-card__phone'>
        <Text className='contact-card__number'>☎ {phone}</Text>
      </View>
    </View>
  )
}
