import { staffCopy } from '@/features/staff/copy'

export default definePageConfig({ navigationBarTitleText: staffCopy.erasuresNav })
