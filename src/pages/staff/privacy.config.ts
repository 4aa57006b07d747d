import { privacyCopy } from '@/components/privacy/privacy-copy'

export default definePageConfig({ navigationBarTitleText: privacyCopy.pageNav })
