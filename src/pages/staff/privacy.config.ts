import { privacyPageCopy } from '@/features/staff/privacy-copy'

export default definePageConfig({ navigationBarTitleText: privacyPageCopy.pageNav })
