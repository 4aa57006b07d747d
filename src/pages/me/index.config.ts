import { meCopy } from '@/features/me/copy'

export default definePageConfig({
  navigationBarTitleText: meCopy.navTitle
})
