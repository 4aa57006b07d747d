import Taro from '@tarojs/taro'

/**
 * Opens the phone's dialer with `phoneNumber` (WeChat: `wx.makePhoneCall`, which needs no privacy
 * authorisation). Answers false where no dialer opened: on H5 `makePhoneCall` sets `location` to
 * `tel:`, which throws Taro's page router off, so the caller shows the number instead; on a phone the
 * person may also cancel the dialer sheet. Every "call someone" button in the app goes through here.
 */
export async function callPhone(phoneNumber: string): Promise<boolean> {
  if (process.env.TARO_ENV === 'h5') return false
  try {
    await Taro.makePhoneCall({ phoneNumber })
    return true
  } catch {
    return false // cancelled, or no dialer in this runtime
  }
}
