import { serviceCardCopy } from '@/features/service-card/copy'

export default definePageConfig({ navigationBarTitleText: serviceCardCopy.assistTitle })
