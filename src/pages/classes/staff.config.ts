import { classesCopy } from '@/features/classes/copy'

export default definePageConfig({ navigationBarTitleText: classesCopy.staffNavTitle })
