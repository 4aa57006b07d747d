import { HomeView } from '@/features/home/home-view'

export default function HomePage () {
  return <HomeView />
}
