import { devLoginCopy } from '@/features/dev-login/copy'

export default definePageConfig({
  navigationBarTitleText: devLoginCopy.navTitle
})
