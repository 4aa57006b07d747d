import { useRouter } from '@tarojs/taro'
import { DashboardView } from '@/features/staff/dashboard-view'

/** The name as the link carried it; a mangled one is shown as it came rather than breaking the page. */
function decoded(v: string): string {
  try {
    return decodeURIComponent(v)
  } catch {
    return v
  }
}

export default function Page() {
  // Opened from the street workbench (街道工作台): the community it shows, by name.
  const { params } = useRouter()
  return <DashboardView communityName={params.community ? decoded(params.community) : null} />
}
