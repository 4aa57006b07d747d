import { DirectoryView } from '@/features/community/directory-view'

export default function Page() {
  return <DirectoryView />
}
