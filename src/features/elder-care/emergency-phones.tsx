import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { callPhone } from '@/components/phone/call-phone'
import { useHome } from '@/features/home/use-home.hook'
import { elderCareCopy as copy } from './copy'

/** 120 is the national medical emergency number (急救电话). */
export const EMERGENCY_NUMBER = '120'

function dial(phone: string): void {
  // No dialer on H5 (callPhone): the number is on the button, and the toast says to dial it by hand.
  void callPhone(phone).then(opened => {
    if (!opened) void Taro.showToast({ title: copy.dialByHand(phone), icon: 'none', duration: 3000 })
  })
}

function PhoneAction({
  label,
  phone,
  note,
  testId,
  urgent
}: {
  label: string
  phone: string
  note?: string
  testId: string
  urgent?: boolean
}) {
  return (
    <View
      className={`big-action phone-action${urgent ? ' phone-action--urgent' : ''}`}
      onClick={() => dial(phone)}
      data-testid={testId}
    >
      <Text className='phone-action__label'>{label}</Text>
      <Text className='phone-action__number'>{note ?? phone}</Text>
    </View>
  )
}

/**
 * The phone numbers an emergency needs, on every SOS screen: the elder's own (for the family),
 * the community's duty line (from the home page, cached on the device so it shows offline) and 120.
 */
export function EmergencyPhones({ elderPhone }: { elderPhone?: string | null }) {
  const { home } = useHome()
  const duty = home?.community.hotline || null
  return (
    <View className='emergency-phones' data-testid='emergency-phones'>
      {elderPhone && <PhoneAction label={copy.callElder} phone={elderPhone} testId='call-elder' urgent />}
      {duty && <PhoneAction label={copy.callDuty} phone={duty} testId='call-duty' />}
      <PhoneAction label={copy.call120} phone={EMERGENCY_NUMBER} note={copy.call120Note} testId='call-120' urgent />
    </View>
  )
}
