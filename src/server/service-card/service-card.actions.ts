/** The `service-card` function's actions: its contract's use cases and who may call each. */
import { policies } from '../../core/community/roles'
import {
  createItem,
  editItem,
  getItem,
  itemHistory,
  listCategories,
  listItems,
  reorderItem,
  restoreItem,
  retireItem,
  verifyItem
} from '../../core/service-card/catalog.usecase'
import {
  book,
  cancelBooking,
  cancelSlot,
  checkIn,
  listSlots,
  myBookings,
  publishSlot,
  slotBookings
} from '../../core/service-card/hall.usecase'
import { askEligibility, decideEligibility, eligibilityQueue } from '../../core/service-card/eligibility.usecase'
import {
  actOnRequest,
  findResidents,
  getRequest,
  listRequests,
  me,
  rateRequest,
  setTags,
  submitRequest
} from '../../core/service-card/proxy-request.usecase'
import { serviceCardContract } from '../../core/service-card/service-card.contract'
import type { ServiceCardDeps } from '../../core/service-card/service-card.ports'
import { auditWriter } from '../audit'
import { notifier } from '../notifications/notifier'
import { implement } from '../router'
import { serverInfra, type Infra } from '../infra'
import {
  catalogRepository,
  eligibilityRepository,
  hallRepository,
  peopleRepository,
  requestRepository
} from './service-card.repository'

/** Residents book and ask for themselves; staff may do both for a resident (帮办). */
const residentsAndHall = [...policies.residents, ...policies.staff] as const
/** Residents follow their own requests; the workbench (网格员 too) handles them. */
const residentsAndWorkbench = [...policies.residents, ...policies.workbench] as const

export const serviceCardActions = implement<ServiceCardDeps, typeof serviceCardContract>(serviceCardContract, {
  // catalog: public reading, staff writing
  categories: { roles: 'anyone', run: async deps => await listCategories(deps) },
  listItems: { roles: 'anyone', run: listItems },
  getItem: { roles: 'anyone', run: getItem },
  createItem: { roles: policies.staff, run: createItem },
  editItem: { roles: policies.staff, run: editItem },
  retireItem: { roles: policies.staff, run: retireItem },
  restoreItem: { roles: policies.staff, run: restoreItem },
  reorderItem: { roles: policies.staff, run: reorderItem },
  verifyItem: { roles: policies.staff, run: verifyItem },
  itemHistory: { roles: policies.staff, run: itemHistory },
  // hall appointments
  publishSlot: { roles: policies.staff, run: publishSlot },
  cancelSlot: { roles: policies.staff, run: cancelSlot },
  listSlots: { roles: 'registered', run: listSlots },
  book: { roles: residentsAndHall, run: book },
  cancelBooking: { roles: residentsAndHall, run: cancelBooking },
  myBookings: { roles: 'registered', run: myBookings },
  slotBookings: { roles: policies.staff, run: slotBookings },
  checkIn: { roles: policies.staff, run: checkIn },
  // home / proxy handling
  me: { roles: 'registered', run: me },
  submitRequest: { roles: residentsAndWorkbench, run: submitRequest },
  getRequest: { roles: residentsAndWorkbench, run: getRequest },
  listRequests: { roles: residentsAndWorkbench, run: listRequests },
  actOnRequest: { roles: residentsAndWorkbench, run: actOnRequest },
  rateRequest: { roles: policies.residents, run: rateRequest },
  setTags: { roles: policies.staff, run: setTags },
  findResidents: { roles: policies.workbench, run: findResidents },
  // eligibility for home / proxy handling: residents ask, the grid's worker or staff decide
  askEligibility: { roles: policies.residents, run: askEligibility },
  eligibilityQueue: { roles: policies.workbench, run: eligibilityQueue },
  decideEligibility: { roles: policies.workbench, run: decideEligibility }
})

export function serviceCardDeps({ db, clock, newId, contentCheck }: Infra = serverInfra()): ServiceCardDeps {
  return {
    catalog: catalogRepository(db),
    hall: hallRepository(db),
    requests: requestRepository(db),
    eligibility: eligibilityRepository(db),
    people: peopleRepository(db),
    audit: auditWriter(db, clock),
    notify: notifier(db, clock),
    contentCheck,
    clock,
    newId
  }
}
