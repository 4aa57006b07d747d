/**
 * Collections of the elder-care context. `elders` itself is declared with the community's
 * collections; this context adds care fields to its documents.
 */
import type { CollectionSpec } from '../db/collection-spec'

export const elderCareCollections: CollectionSpec[] = [
  // `${elderId}:${userId}`: a family proxy with the elder's recorded consent
  {
    name: 'elder_proxies',
    indexes: [
      { name: 'userId', keys: { userId: 1 } },
      { name: 'elderId', keys: { elderId: 1 } }
    ]
  },
  { name: 'care_service_types', indexes: [{ name: 'order', keys: { order: 1 } }] },
  // provider organisations (服务商) requests can be dispatched to
  { name: 'care_providers', indexes: [] },
  {
    name: 'care_requests',
    indexes: [
      { name: 'elderId_createdAt', keys: { elderId: 1, createdAt: -1 } },
      { name: 'state_createdAt', keys: { state: 1, createdAt: 1 } },
      { name: 'helper_updatedAt', keys: { 'assignee.userId': 1, updatedAt: -1 } },
      { name: 'state_acceptBy', keys: { state: 1, acceptBy: 1 } },
      { name: 'createdAt', keys: { createdAt: 1 } },
      // the follow-through timer: moves whose audit and notices are still to come
      { name: 'untold_at', keys: { 'untold.at': 1 } }
    ]
  },
  {
    name: 'sos_calls',
    indexes: [
      { name: 'state_nextStepAt', keys: { state: 1, nextStepAt: 1 } },
      { name: 'elderId_pressedAt', keys: { elderId: 1, pressedAt: -1 } },
      { name: 'state_pressedAt', keys: { state: 1, pressedAt: 1 } }
    ]
  },
  // _id = elderId while that elder has an open call: one open call per elder
  { name: 'sos_open', indexes: [] },
  // _id = elderId: 关爱巡访 plan
  {
    name: 'patrol_plans',
    indexes: [
      { name: 'gridId_nextDueAt', keys: { gridId: 1, nextDueAt: 1 } },
      { name: 'nextDueAt', keys: { nextDueAt: 1 } }
    ]
  },
  { name: 'patrol_visits', indexes: [{ name: 'elderId_at', keys: { elderId: 1, at: -1 } }] },
  // _id = date (YYYY-MM-DD)
  { name: 'meal_menus', indexes: [] },
  // _id = `${date}:${elderId}`: one order per elder per day
  { name: 'meal_orders', indexes: [{ name: 'date', keys: { date: 1 } }] },
  // _id = elderId: standing weekly order
  { name: 'meal_standing', indexes: [{ name: 'weekdays', keys: { weekdays: 1 } }] }
]
