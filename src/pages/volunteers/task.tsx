import { useRouter } from '@tarojs/taro'
import { CallCommunity } from '@/api'
import { TaskDetailView } from '@/features/volunteers/task-view'

/** `?id=<task>` and, for another community's task (issue 20), `&community=<id>`: every call of the page acts there. */
export default function VolunteerTaskPage() {
  const { params } = useRouter()
  const community = params.community ? decodeURIComponent(params.community) : null
  return (
    <CallCommunity.Provider value={community}>
      <TaskDetailView id={decodeURIComponent(params.id ?? '')} />
    </CallCommunity.Provider>
  )
}
