import { BookingsView } from '@/features/service-card/bookings-view'

export default function BookingsPage() {
  return <BookingsView />
}
