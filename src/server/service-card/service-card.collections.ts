/** The service-card context's collections and indexes (spread into src/server/db/collections.ts). */
import type { CollectionSpec } from '../db/collection-spec'

export const serviceCardCollections: CollectionSpec[] = [
  { name: 'service_categories', indexes: [] },
  {
    name: 'service_items',
    indexes: [
      { name: 'category_order', keys: { categoryId: 1, order: 1 } },
      { name: 'status_verified', keys: { status: 1, verifiedAt: 1 } }
    ]
  },
  // `_id` = `${itemId}:v${version}`: one snapshot per version, so two concurrent edits can't both save
  { name: 'service_item_versions', indexes: [{ name: 'itemId', keys: { itemId: 1, version: -1 } }] },
  {
    name: 'hall_slots',
    // closing_at: the no-show timer's search for a slot cancellation left half-done.
    indexes: [
      { name: 'status_start', keys: { status: 1, startAt: 1 } },
      { name: 'closing_at', keys: { 'closing.at': 1 } }
    ]
  },
  {
    name: 'hall_bookings',
    indexes: [
      { name: 'resident', keys: { residentId: 1, startAt: -1 } },
      { name: 'slotId', keys: { slotId: 1 } },
      { name: 'status_end', keys: { status: 1, endAt: 1 } }
    ]
  },
  // `_id` = `${residentId}@${15-minute bucket}`: one resident can't hold two overlapping bookings
  { name: 'booking_locks', indexes: [{ name: 'bookingId', keys: { bookingId: 1 } }] },
  {
    name: 'service_requests',
    indexes: [
      { name: 'resident', keys: { residentId: 1, createdAt: -1 } },
      { name: 'handler', keys: { handlerId: 1, createdAt: -1 } },
      // a grid worker's 待办 and queues: her grid's requests by status
      { name: 'grid_status', keys: { gridId: 1, status: 1, createdAt: -1 } },
      { name: 'status_due', keys: { status: 1, overdue: 1, dueAt: 1 } },
      // the follow-through timer: transitions whose audit and notice are still to come
      { name: 'untold_at', keys: { 'untold.at': 1 } }
    ]
  },
  // `_id` = users._id: elderly / disabled / 低保 tags set by staff (eligibility for 上门/代办)
  { name: 'resident_tags', indexes: [] },
  // `_id` = users._id: a resident's one ask for that eligibility (never two open at once)
  {
    name: 'eligibility_requests',
    indexes: [
      { name: 'status_grid', keys: { status: 1, gridId: 1, askedAt: 1 } },
      { name: 'told', keys: { told: 1, updatedAt: 1 } }
    ]
  }
]
