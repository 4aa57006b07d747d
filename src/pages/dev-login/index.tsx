import { useRouter } from '@tarojs/taro'
import { DevLoginView } from '@/features/dev-login/dev-login-view'

export default function DevLoginPage() {
  const { params } = useRouter()
  return <DevLoginView back={params.back} />
}
