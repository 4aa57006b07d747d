/**
 * What the elder-care actions answer (the reply schemas of elder-care.contract.ts). The use cases
 * build these shapes (their types are `z.input`, instants as Dates); the app reads them parsed
 * (`z.output`, instants as ISO text, see replyInstant).
 */
import * as z from 'zod'
import { replyInstant } from '../shared/fields.schemas'
import { pageSchema } from '../shared/page'
import { lazySchema } from '../shared/contract'
import { careRequestEvents, careRequestStates } from './care-request.machine'
import { careLevels, elderTags, sosStates } from './elder-care.model'

const when = lazySchema(() => replyInstant())
const mealMode = lazySchema(() => z.enum(['dine_in', 'delivery']))
const assigneeKind = lazySchema(() => z.enum(['staff', 'volunteer', 'provider']))
const contact = lazySchema(() => z.object({ name: z.string(), relation: z.string(), phone: z.string() }))

/** Who I may act for: myself (an elder) and the elders I am a proxy for. */
export const myEldersView = lazySchema(() =>
  z.object({
    elders: z.array(z.object({ id: z.string(), name: z.string(), self: z.boolean(), relation: z.string().nullable() }))
  })
)

export const elderView = lazySchema(() =>
  z.object({
    id: z.string(),
    name: z.string(),
    age: z.number(),
    gridId: z.string(),
    livesAlone: z.boolean(),
    careLevel: z.enum(careLevels).nullable(),
    careLevelLabel: z.string(),
    tags: z.array(z.enum(elderTags)),
    careNotes: z.string(),
    /** Full for the elder, the proxy and staff opening one profile; masked (3栋2单元, 138****0000) in lists. */
    address: z.string(),
    phone: z.string(),
    familyContacts: z.array(contact),
    proxies: z.array(z.object({ userId: z.string(), name: z.string(), relation: z.string() }))
  })
)

export const proxyLinkView = lazySchema(() =>
  z.object({
    elderId: z.string(),
    userId: z.string(),
    name: z.string(),
    relation: z.string(),
    consentMethod: z.enum(['in_person', 'in_app'])
  })
)
export const proxyUnlinkView = lazySchema(() =>
  z.object({ elderId: z.string(), userId: z.string(), active: z.literal(false) })
)

export const serviceTypeView = lazySchema(() =>
  z.object({
    _id: z.string(),
    name: z.string(),
    description: z.string(),
    minutes: z.number(),
    paid: z.boolean(),
    active: z.boolean(),
    order: z.number()
  })
)

/** A person a request can be dispatched to, with the open assignments they hold now (whom to spare). */
export const helperView = lazySchema(() =>
  z.object({
    userId: z.string(),
    name: z.string(),
    kind: assigneeKind,
    orgName: z.string().nullable(),
    load: z.number()
  })
)

export const careRequestView = lazySchema(() =>
  z.object({
    id: z.string(),
    elderId: z.string(),
    elderName: z.string(),
    serviceName: z.string(),
    window: z.object({ start: when, end: when }),
    note: z.string(),
    state: z.enum(careRequestStates),
    stateLabel: z.string(),
    assignee: z.object({ kind: assigneeKind, name: z.string(), orgName: z.string().nullable() }).nullable(),
    acceptBy: when.nullable(),
    history: z.array(
      z.object({
        at: when,
        label: z.string(),
        byName: z.string(),
        proxy: z.boolean(),
        expectedBy: when.nullable(),
        note: z.string().optional()
      })
    ),
    rating: z.number().nullable(),
    /** Full door and phone, or masked (3栋2单元 / 138****0000) for those who don't need them now. */
    address: z.string(),
    phone: z.string(),
    addressVisible: z.boolean(),
    /** Events the viewer may fire now (the page's buttons). */
    actions: z.array(z.enum(careRequestEvents)),
    checkedInAt: when.nullable(),
    checkedOutAt: when.nullable()
  })
)

export const careKpisView = lazySchema(() =>
  z.object({
    total: z.number(),
    completed: z.number(),
    reopened: z.number(),
    open: z.number(),
    medianResponseMinutes: z.number().nullable(),
    medianCompletionMinutes: z.number().nullable(),
    averageRating: z.number().nullable(),
    followUps: z.object({ solved: z.number(), partly: z.number(), notSolved: z.number() }),
    /** solved / all follow-up answers, 0–1. */
    solvedShare: z.number().nullable()
  })
)

export const sosView = lazySchema(() =>
  z.object({
    id: z.string(),
    elderId: z.string(),
    elderName: z.string(),
    state: z.enum(sosStates),
    stateLabel: z.string(),
    pressedAt: when,
    proxy: z.boolean(),
    cancelUntil: when,
    /** What happened, in order: who was told at each step (responses are in `responders`). */
    steps: z.array(z.object({ label: z.string(), at: when, told: z.array(z.string()) })),
    /** Who responded and when, each person once. */
    responders: z.array(z.object({ name: z.string(), at: when })),
    ackBy: z.object({ name: z.string(), at: when }).nullable(),
    resolved: z.object({ name: z.string(), at: when, note: z.string() }).nullable(),
    /** Staff only: what a responder needs. */
    responder: z
      .object({
        address: z.string(),
        phone: z.string(),
        careNotes: z.string(),
        familyContacts: z.array(contact)
      })
      .optional(),
    /** sosCall / mySos: whose words (elder, family, staff), the headline, where it stands. */
    audience: z.enum(['elder', 'family', 'staff']).optional(),
    title: z.string().optional(),
    statusLine: z.string().optional(),
    /** Family only: the elder's own number, to call her (打电话给老人). */
    elderPhone: z.string().nullable().optional()
  })
)

/** For the top of a responder's home page: how many calls wait, never who or where. */
/** An open SOS call on the street's list (street roles): the minimum to know where help is needed, and if it came. */
export const streetSosView = lazySchema(() =>
  z.object({
    id: z.string(),
    communityId: z.string(),
    communityName: z.string(),
    gridName: z.string().nullable(),
    /** Masked (张*芳): the street office needs to know a call is open, not whose. */
    elderName: z.string(),
    state: z.enum(sosStates),
    stateLabel: z.string(),
    pressedAt: when,
    proxy: z.boolean(),
    /** The ladder's last step (已通知网格员…), and how many it has taken. */
    lastStep: z.string().nullable(),
    steps: z.number(),
    /** Who answered, and when; null while nobody has. */
    ackBy: z.object({ name: z.string(), at: when }).nullable()
  })
)
export const streetSosPage = lazySchema(() => pageSchema(streetSosView))
export type StreetSosView = z.input<typeof streetSosView>
export type StreetSosItem = z.output<typeof streetSosView>

export const sosSummaryView = lazySchema(() => z.object({ open: z.number(), unacknowledged: z.number() }))

export const patrolView = lazySchema(() =>
  z.object({
    elderId: z.string(),
    elderName: z.string(),
    everyDays: z.number(),
    lastVisitAt: when.nullable(),
    nextDueAt: when,
    overdue: z.boolean()
  })
)

const dish = lazySchema(() => z.object({ name: z.string(), price: z.number() }))

/** A day's lunch menu, as residents and staff read it; orders close at `cutoff` (Shanghai HH:mm). */
export const menuView = lazySchema(() =>
  z.object({ date: z.string(), lunch: z.array(dish), cutoff: z.string(), delivery: z.boolean() })
)

export const myMealsView = lazySchema(() =>
  z.object({
    date: z.string(),
    menu: menuView.nullable(),
    open: z.boolean(),
    cutoffAt: when.nullable(),
    order: z.object({ mode: mealMode, modeLabel: z.string(), source: z.enum(['single', 'standing']) }).nullable(),
    standing: z.object({ weekdays: z.array(z.number()), mode: mealMode }).nullable()
  })
)

export const dayMealsView = lazySchema(() =>
  z.object({
    date: z.string(),
    dineIn: z.number(),
    delivery: z.number(),
    /** The round for volunteers: delivery stops by building, with the door (they must find it). */
    round: z.array(
      z.object({
        elderName: z.string(),
        address: z.string(),
        phone: z.string(),
        source: z.enum(['single', 'standing'])
      })
    ),
    dineInNames: z.array(z.string())
  })
)

export const elderPage = lazySchema(() => pageSchema(elderView))
export const careRequestPage = lazySchema(() => pageSchema(careRequestView))
export const sosPage = lazySchema(() => pageSchema(sosView))
export const patrolPage = lazySchema(() => pageSchema(patrolView))

/** As the use cases build them (instants as Dates). */
export type MyElders = z.input<typeof myEldersView>
export type ElderView = z.input<typeof elderView>
export type ProxyLinkView = z.input<typeof proxyLinkView>
export type HelperOption = z.input<typeof helperView>
export type CareRequestView = z.input<typeof careRequestView>
export type SosView = z.input<typeof sosView>
export type PatrolView = z.input<typeof patrolView>
export type MenuView = z.input<typeof menuView>
export type MyMeals = z.input<typeof myMealsView>
export type DayMeals = z.input<typeof dayMealsView>

/** As the app reads them (instants as ISO text). */
export type ElderItem = z.output<typeof elderView>
export type ServiceTypeItem = z.output<typeof serviceTypeView>
export type HelperItem = z.output<typeof helperView>
export type CareRequestItem = z.output<typeof careRequestView>
export type KpiData = z.output<typeof careKpisView>
export type SosItem = z.output<typeof sosView>
export type PatrolItem = z.output<typeof patrolView>
export type MyMealsData = z.output<typeof myMealsView>
