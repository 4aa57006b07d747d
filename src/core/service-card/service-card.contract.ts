/**
 * The `service-card` function's contract (core/shared/contract.ts): each action's input, the reply
 * the app parses and the business codes its use case may answer. The router's own codes
 * (INVALID_INPUT, FORBIDDEN for a role it refuses, IN_PROGRESS...) come on top of these.
 */
import * as z from 'zod'
import { defineContract, lazySchema } from '../shared/contract'
import { pageSchema } from '../shared/page'
import {
  actOnRequestInput,
  askEligibilityInput,
  bookingIdInput,
  bookInput,
  cancelSlotInput,
  createItemInput,
  decideEligibilityInput,
  editItemInput,
  eligibilityQueueInput,
  findResidentsInput,
  getItemInput,
  itemHistoryInput,
  itemVersionInput,
  listItemsInput,
  listRequestsInput,
  listSlotsInput,
  myBookingsInput,
  publishSlotInput,
  rateRequestInput,
  reorderItemInput,
  requestIdInput,
  setTagsInput,
  slotBookingsInput,
  submitRequestInput
} from './service-card.schemas'
import {
  bookingView,
  categoryView,
  eligibilityView,
  itemVersionView,
  itemView,
  meView,
  requestView,
  residentView,
  slotBookingsView,
  slotCancelledView,
  slotView
} from './service-card.views'

const empty = lazySchema(() => z.strictObject({}))

/** A stale version (someone saved in between) answers CONFLICT rather than overwrite. */
const itemChange = { input: itemVersionInput, reply: itemView, codes: ['NOT_FOUND', 'CONFLICT'] } as const
const editCodes = ['NOT_FOUND', 'CONFLICT', 'CATEGORY_NOT_FOUND', 'OWNER_NOT_STAFF'] as const
const requestCodes = ['NOT_FOUND', 'FORBIDDEN', 'INVALID_TRANSITION', 'CONFLICT'] as const

export const serviceCardContract = defineContract('service-card', {
  // catalog: public reading, staff writing
  categories: () => ({ input: empty, reply: z.array(categoryView), codes: [] }),
  listItems: () => ({ input: listItemsInput, reply: pageSchema(itemView), codes: [] }),
  getItem: () => ({ input: getItemInput, reply: itemView, codes: ['NOT_FOUND'] }),
  createItem: () => ({
    input: createItemInput,
    reply: itemView,
    codes: ['CATEGORY_NOT_FOUND', 'OWNER_NOT_STAFF'],
    idempotent: true
  }),
  editItem: () => ({ input: editItemInput, reply: itemView, codes: editCodes }),
  retireItem: () => itemChange,
  restoreItem: () => itemChange,
  reorderItem: () => ({ ...itemChange, input: reorderItemInput }),
  verifyItem: () => itemChange,
  itemHistory: () => ({ input: itemHistoryInput, reply: z.array(itemVersionView), codes: ['NOT_FOUND'] }),
  // hall appointments
  publishSlot: () => ({
    input: publishSlotInput,
    reply: slotView,
    codes: ['SLOT_IN_PAST', 'NOT_FOUND', 'MODE_NOT_OFFERED', 'WRONG_WINDOW', 'NO_ITEM_AT_WINDOW', 'OUTSIDE_HOURS'],
    idempotent: true
  }),
  cancelSlot: () => ({ input: cancelSlotInput, reply: slotCancelledView, codes: ['NOT_FOUND', 'SLOT_CLOSED'] }),
  listSlots: () => ({ input: listSlotsInput, reply: pageSchema(slotView), codes: [] }),
  book: () => ({
    input: bookInput,
    reply: bookingView,
    codes: [
      'FORBIDDEN',
      'RESIDENT_NOT_FOUND',
      'NOT_FOUND',
      'SLOT_CLOSED',
      'ITEM_RETIRED',
      'MODE_NOT_OFFERED',
      'OVERLAPPING_BOOKING',
      'SLOT_FULL',
      'ALREADY_BOOKED_ITEM'
    ],
    idempotent: true
  }),
  cancelBooking: () => ({
    input: bookingIdInput,
    reply: bookingView,
    codes: ['NOT_FOUND', 'NOT_CANCELLABLE', 'CANCEL_TOO_LATE']
  }),
  myBookings: () => ({ input: myBookingsInput, reply: pageSchema(bookingView), codes: [] }),
  slotBookings: () => ({ input: slotBookingsInput, reply: slotBookingsView, codes: ['NOT_FOUND'] }),
  checkIn: () => ({ input: bookingIdInput, reply: bookingView, codes: ['NOT_FOUND', 'CHECK_IN_NOT_OPEN', 'CONFLICT'] }),
  // home / proxy handling
  me: () => ({ input: empty, reply: meView, codes: [] }),
  submitRequest: () => ({
    input: submitRequestInput,
    reply: requestView,
    codes: [
      'FORBIDDEN',
      'RESIDENT_NOT_FOUND',
      'NOT_FOUND',
      'ITEM_RETIRED',
      'MODE_NOT_OFFERED',
      'NOT_ELIGIBLE',
      'CONTENT_REJECTED'
    ],
    idempotent: true
  }),
  getRequest: () => ({ input: requestIdInput, reply: requestView, codes: ['NOT_FOUND'] }),
  listRequests: () => ({ input: listRequestsInput, reply: pageSchema(requestView), codes: [] }),
  // A retry with the tap's requestId finishes and answers that transition (proxy-request.usecase.ts).
  actOnRequest: () => ({ input: actOnRequestInput, reply: requestView, codes: requestCodes, idempotent: true }),
  rateRequest: () => ({ input: rateRequestInput, reply: requestView, codes: requestCodes, idempotent: true }),
  setTags: () => ({ input: setTagsInput, reply: meView, codes: ['RESIDENT_NOT_FOUND'] }),
  findResidents: () => ({ input: findResidentsInput, reply: z.array(residentView), codes: [] }),
  // eligibility for home / proxy handling: residents ask, the grid's worker or staff decide
  askEligibility: () => ({
    input: askEligibilityInput,
    reply: eligibilityView,
    codes: ['ALREADY_ELIGIBLE', 'CONFLICT'],
    idempotent: true
  }),
  eligibilityQueue: () => ({ input: eligibilityQueueInput, reply: pageSchema(eligibilityView), codes: [] }),
  decideEligibility: () => ({
    input: decideEligibilityInput,
    reply: eligibilityView,
    codes: ['NOT_FOUND', 'NOT_IN_YOUR_GRID', 'ELIGIBILITY_DECIDED'],
    idempotent: true
  })
})

export type ServiceCardContract = typeof serviceCardContract
/** Every business code the service card may answer (its messages: service-card.errors.ts). */
export type ServiceCardCode = {
  [A in keyof ServiceCardContract]: ServiceCardContract[A]['codes'][number]
}[keyof ServiceCardContract]
