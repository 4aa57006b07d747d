import { Button as TaroButton, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import Button from '@/components/ui/button'
import { AGREE_BUTTON_ID, usePrivacyRequest } from './privacy-gate'
import { privacyCopy as copy } from './privacy-copy'
import './privacy-popup.css'

export const PRIVACY_PAGE_URL = '/pages/staff/privacy'

/**
 * Asks before the first use of location, clipboard or phone number (privacy-gate.ts). Rendered by
 * every page's PageShell; empty unless WeChat is waiting for an answer.
 */
export function PrivacyPopup() {
  const { open, agree, disagree } = usePrivacyRequest()
  if (!open) return null
  return (
    <View className='privacy-popup' data-testid='privacy-popup'>
      <View className='privacy-popup__sheet card'>
        <Text className='privacy-popup__title'>{copy.popupTitle}</Text>
        <Text className='privacy-popup__text'>{copy.popupIntro}</Text>
        {copy.popupUses.map(u => (
          <Text key={u} className='privacy-popup__use'>
            · {u}
          </Text>
        ))}
        <Text className='privacy-popup__link' onClick={() => Taro.openPrivacyContract?.({})}>
          {copy.contractLink}
        </Text>
        <Text className='privacy-popup__link' onClick={() => void Taro.navigateTo({ url: PRIVACY_PAGE_URL })}>
          {copy.pageLink}
        </Text>
        <View className='privacy-popup__actions'>
          <Button size='large' className='privacy-popup__no' onClick={disagree}>
            {copy.disagree}
          </Button>
          {/* WeChat's own button: only its tap records consent; its event then lets the call go on. */}
          <TaroButton
            id={AGREE_BUTTON_ID}
            className='privacy-popup__yes'
            openType='agreePrivacyAuthorization'
            onAgreePrivacyAuthorization={agree}
          >
            {copy.agree}
          </TaroButton>
        </View>
      </View>
    </View>
  )
}
