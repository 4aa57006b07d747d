import { PostsView } from '@/features/volunteers/posts-view'

export default function VolunteerPostsPage() {
  return <PostsView />
}
