/**
 * Where the phone is, for a visit's check-in and check-out, or why we could not tell. Never throws:
 * a visit is recorded without a location rather than not at all, and the person is told why.
 * WeChat's getLocation fails with an errMsg naming the cause; the ones a person can act on:
 * https://developers.weixin.qq.com/miniprogram/dev/api/location/wx.getLocation.html
 * https://developers.weixin.qq.com/miniprogram/dev/framework/user-privacy/PrivacyAuthorize.html
 */
import Taro from '@tarojs/taro'

export type Here = { location: { lat: number; lng: number } | null; why?: string }

export const locationWhy = {
  notApp: '电脑网页版拿不到位置',
  privacy: '您没有同意隐私保护指引里的位置使用',
  denied: '您没有允许邻里使用位置，可在「我的 → 个人信息保护说明 → 管理位置等授权」里打开',
  phoneOff: '手机的定位服务没有打开，或没有允许微信使用位置',
  undeclared: '小程序没有声明位置用途，请告诉社区工作人员',
  other: (msg: string) => `定位没有成功（${msg}）`
} as const

export async function whereAmI(): Promise<Here> {
  if (process.env.TARO_ENV !== 'weapp') return { location: null, why: locationWhy.notApp }
  try {
    const at = await Taro.getLocation({ type: 'gcj02' })
    return { location: { lat: at.latitude, lng: at.longitude } }
  } catch (e) {
    return { location: null, why: whyNoLocation(String((e as { errMsg?: string })?.errMsg ?? e)) }
  }
}

export function whyNoLocation(errMsg: string): string {
  if (/privacy/i.test(errMsg)) return locationWhy.privacy
  if (/requiredPrivateInfos|not declared/i.test(errMsg)) return locationWhy.undeclared
  if (/auth deny|auth denied|authorize/i.test(errMsg)) return locationWhy.denied
  if (/system permission|LOCATIONSWITCHOFF|location service|locationswitch/i.test(errMsg)) return locationWhy.phoneOff
  return locationWhy.other(errMsg.replace(/^getLocation:fail\s*/, '') || '未知原因')
}
