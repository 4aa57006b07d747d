import { visitCopy } from '@/features/grid/visit-copy'

export default definePageConfig({
  navigationBarTitleText: visitCopy.nav
})
