import { streetCopy } from '@/features/staff/street-copy'

export default definePageConfig({ navigationBarTitleText: streetCopy.nav })
