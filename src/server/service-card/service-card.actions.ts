/** The `service-card` function's actions: schema, use case and who may call each. */
import * as z from 'zod'
import { catalogStaff, createItem, editItem, getItem, itemHistory, listCategories, listItems, reorderItem, restoreItem, retireItem, verifyItem } from '../../core/service-card/catalog.usecase'
import { book, cancelBooking, cancelSlot, checkIn, hallStaff, listSlots, myBookings, publishSlot, slotBookings } from '../../core/service-card/hall.usecase'
import { askEligibility, decideEligibility, eligibilityQueue } from '../../core/service-card/eligibility.usecase'
import { actOnRequest, findResidents, getRequest, listRequests, me, rateRequest, requestStaff, setTags, submitRequest } from '../../core/service-card/proxy-request.usecase'
import type { ServiceCardDeps } from '../../core/service-card/service-card.ports'
import {
  actOnRequestInput, askEligibilityInput, bookingIdInput, decideEligibilityInput, eligibilityQueueInput, bookInput, cancelSlotInput, createItemInput, findResidentsInput, editItemInput, getItemInput, itemHistoryInput, itemVersionInput,
  listItemsInput, listRequestsInput, listSlotsInput, myBookingsInput, publishSlotInput, rateRequestInput, reorderItemInput,
  requestIdInput, setTagsInput, slotBookingsInput, submitRequestInput
} from '../../core/service-card/service-card.schemas'
import { serverClock } from '../clock'
import { auditWriter } from '../audit'
import { getDb } from '../db/client'
import { notifier } from '../notifications/notifier'
import { contentCheckFor } from '../notifications/content-check'
import type { ActionTable } from '../router'
import { action } from '../router'
import { catalogRepository, eligibilityRepository, hallRepository, peopleRepository, requestRepository } from './service-card.repository'

const empty = z.strictObject({})
/** Residents book and ask for themselves; staff may do both for a resident (帮办). */
const residentsAndHall = ['resident', ...hallStaff] as const
const residentsAndRequestStaff = ['resident', ...requestStaff] as const

export const serviceCardActions: ActionTable<ServiceCardDeps> = {
  // catalog: public reading, staff writing
  categories: action({ schema: empty, run: async (deps) => await listCategories(deps), roles: 'anyone' }),
  listItems: action({ schema: listItemsInput, run: listItems, roles: 'anyone' }),
  getItem: action({ schema: getItemInput, run: getItem, roles: 'anyone' }),
  createItem: action({ schema: createItemInput, run: createItem, roles: catalogStaff, idempotent: true }),
  editItem: action({ schema: editItemInput, run: editItem, roles: catalogStaff }),
  retireItem: action({ schema: itemVersionInput, run: retireItem, roles: catalogStaff }),
  restoreItem: action({ schema: itemVersionInput, run: restoreItem, roles: catalogStaff }),
  reorderItem: action({ schema: reorderItemInput, run: reorderItem, roles: catalogStaff }),
  verifyItem: action({ schema: itemVersionInput, run: verifyItem, roles: catalogStaff }),
  itemHistory: action({ schema: itemHistoryInput, run: itemHistory, roles: catalogStaff }),
  // hall appointments
  publishSlot: action({ schema: publishSlotInput, run: publishSlot, roles: hallStaff, idempotent: true }),
  cancelSlot: action({ schema: cancelSlotInput, run: cancelSlot, roles: hallStaff }),
  listSlots: action({ schema: listSlotsInput, run: listSlots, roles: 'registered' }),
  book: action({ schema: bookInput, run: book, roles: residentsAndHall, idempotent: true }),
  cancelBooking: action({ schema: bookingIdInput, run: cancelBooking, roles: residentsAndHall }),
  myBookings: action({ schema: myBookingsInput, run: myBookings, roles: 'registered' }),
  slotBookings: action({ schema: slotBookingsInput, run: slotBookings, roles: hallStaff }),
  checkIn: action({ schema: bookingIdInput, run: checkIn, roles: hallStaff }),
  // home / proxy handling
  me: action({ schema: empty, run: me, roles: 'registered' }),
  submitRequest: action({ schema: submitRequestInput, run: submitRequest, roles: residentsAndRequestStaff, idempotent: true }),
  getRequest: action({ schema: requestIdInput, run: getRequest, roles: residentsAndRequestStaff }),
  listRequests: action({ schema: listRequestsInput, run: listRequests, roles: residentsAndRequestStaff }),
  // A retry with the tap's requestId finishes and answers that transition (proxy-request.usecase.ts).
  actOnRequest: action({
    schema: actOnRequestInput, run: actOnRequest, roles: residentsAndRequestStaff, idempotent: true
  }),
  rateRequest: action({ schema: rateRequestInput, run: rateRequest, roles: ['resident'], idempotent: true }),
  setTags: action({ schema: setTagsInput, run: setTags, roles: ['staff', 'admin'] }),
  findResidents: action({ schema: findResidentsInput, run: findResidents, roles: requestStaff }),
  // eligibility for home / proxy handling: residents ask, the grid's worker or staff decide
  askEligibility: action({ schema: askEligibilityInput, run: askEligibility, roles: ['resident'], idempotent: true }),
  eligibilityQueue: action({ schema: eligibilityQueueInput, run: eligibilityQueue, roles: requestStaff }),
  decideEligibility: action({
    schema: decideEligibilityInput, run: decideEligibility, roles: requestStaff, idempotent: true
  })
}

let seq = 0
/** Sortable, unique per process and instant: time, a per-process counter and randomness. */
function newId (prefix: string): string {
  seq = (seq + 1) % 1_000_000
  return `${prefix}-${Date.now().toString(36)}-${seq.toString(36)}-${Math.random().toString(36).slice(2, 8)}`
}

export function serviceCardDeps (): ServiceCardDeps {
  const db = getDb()
  return {
    catalog: catalogRepository(db),
    hall: hallRepository(db),
    requests: requestRepository(db),
    eligibility: eligibilityRepository(db),
    people: peopleRepository(db),
    audit: auditWriter(db, serverClock),
    notify: notifier(db, serverClock),
    contentCheck: contentCheckFor(),
    clock: serverClock,
    newId
  }
}
