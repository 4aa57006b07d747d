import { useRouter } from '@tarojs/taro'
import { TaskDetailView } from '@/features/volunteers/task-view'

export default function VolunteerTaskPage() {
  const { params } = useRouter()
  return <TaskDetailView id={decodeURIComponent(params.id ?? '')} />
}
