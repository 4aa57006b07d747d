import { DevLoginView } from '@/features/dev-login/dev-login-view'

export default function DevLoginPage () {
  return <DevLoginView />
}
