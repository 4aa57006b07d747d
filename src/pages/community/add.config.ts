import { communityCopy } from '@/features/community/copy'

export default definePageConfig({ navigationBarTitleText: communityCopy.addTitle })
