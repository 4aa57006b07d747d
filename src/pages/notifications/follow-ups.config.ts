import { notificationsCopy } from '@/features/notifications/copy'

export default definePageConfig({ navigationBarTitleText: notificationsCopy.followUpsNavTitle })
