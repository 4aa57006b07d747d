import { patrolCopy } from '@/features/grid/patrol-copy'

export default definePageConfig({
  navigationBarTitleText: patrolCopy.nav
})
