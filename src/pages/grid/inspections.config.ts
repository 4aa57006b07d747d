import { inspectionCopy } from '@/features/grid/inspection-copy'

export default definePageConfig({
  navigationBarTitleText: inspectionCopy.listNav
})
