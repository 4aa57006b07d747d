import { elderCareCopy } from '@/features/elder-care/copy'

export default definePageConfig({
  navigationBarTitleText: elderCareCopy.eldersNav
})
