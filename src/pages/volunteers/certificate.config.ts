import { volunteersCopy } from '@/features/volunteers/copy'

export default definePageConfig({ navigationBarTitleText: volunteersCopy.certificateTitle })
