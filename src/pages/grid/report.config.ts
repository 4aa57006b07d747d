import { reportCopy } from '@/features/grid/report-copy'

export default definePageConfig({
  navigationBarTitleText: reportCopy.reportNav
})
