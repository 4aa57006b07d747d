import { communityCopy } from '@/features/community/copy'

export default definePageConfig({
  navigationBarTitleText: communityCopy.navTitle,
  usingComponents: process.env.TARO_ENV === 'weapp' ? { 'call-card': '../../components/native/call-card/index' } : {}
})
