import { useRouter } from '@tarojs/taro'
import { CertificateView } from '@/features/volunteers/certificate-view'

export default function VolunteerCertificatePage() {
  const { params } = useRouter()
  return <CertificateView verifyOnly={params.verify === '1'} />
}
