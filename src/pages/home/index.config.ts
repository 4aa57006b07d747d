import { homeCopy } from '@/features/home/copy'

export default definePageConfig({
  navigationBarTitleText: homeCopy.navTitle,
  // WeChat-native contact card; H5 cannot render WXML components and uses a React card instead.
  usingComponents: process.env.TARO_ENV === 'weapp' ? { 'call-card': '../../components/native/call-card/index' } : {}
})
