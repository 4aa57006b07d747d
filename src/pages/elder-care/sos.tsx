import { useRouter } from '@tarojs/taro'
import { SosView } from '@/features/elder-care/sos-view'

export default function Page() {
  // ?id=<call>: opened from an SOS notice (the family's alert, the elder's progress).
  const { params } = useRouter()
  return <SosView callId={params.id} />
}
