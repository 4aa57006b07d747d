/** Shapes of the elder-care answers as the pages read them (parsed before use). Dates arrive as ISO strings. */
import * as z from 'zod'

const when = z.string()

export const myEldersView = z.object({ elders: z.array(z.object({ id: z.string(), name: z.string(), self: z.boolean(), relation: z.string().nullable() })) })
export type MyEldersView = z.infer<typeof myEldersView>

export const careRequestView = z.object({
  id: z.string(),
  elderName: z.string(),
  serviceName: z.string(),
  window: z.object({ start: when, end: when }),
  note: z.string(),
  state: z.string(),
  stateLabel: z.string(),
  assignee: z.object({ kind: z.string(), name: z.string(), orgName: z.string().nullable() }).nullable(),
  history: z.array(z.object({ at: when, label: z.string(), byName: z.string(), proxy: z.boolean(), expectedBy: when.nullable(), note: z.string().optional() })),
  rating: z.number().nullable(),
  address: z.string(),
  phone: z.string(),
  addressVisible: z.boolean(),
  actions: z.array(z.string())
})
export type CareRequestItem = z.infer<typeof careRequestView>
export const careRequestPage = z.object({ items: z.array(careRequestView), cursor: z.string().nullable() })

export const serviceTypesView = z.array(z.object({ _id: z.string(), name: z.string(), description: z.string(), paid: z.boolean(), minutes: z.number().optional(), active: z.boolean().optional(), order: z.number().optional() }))
export type ServiceTypeItem = z.infer<typeof serviceTypesView>[number]

export const sosView = z.object({
  id: z.string(),
  elderName: z.string(),
  state: z.enum(['open', 'acknowledged', 'resolved', 'cancelled']),
  stateLabel: z.string(),
  pressedAt: when,
  cancelUntil: when,
  steps: z.array(z.object({ label: z.string(), at: when, told: z.array(z.string()) })),
  /** Who responded and when, each person once. */
  responders: z.array(z.object({ name: z.string(), at: when })),
  ackBy: z.object({ name: z.string(), at: when }).nullable(),
  resolved: z.object({ name: z.string(), at: when, note: z.string() }).nullable().optional(),
  responder: z.object({ address: z.string(), phone: z.string(), careNotes: z.string(), familyContacts: z.array(z.object({ name: z.string(), relation: z.string(), phone: z.string() })) }).optional(),
  /** sosCall / mySos: whose words (elder, family, staff), the headline, where it stands. */
  audience: z.enum(['elder', 'family', 'staff']).optional(),
  title: z.string().optional(),
  statusLine: z.string().optional(),
  /** Family only: the elder's number, for 打电话给老人. */
  elderPhone: z.string().nullable().optional()
})
export type SosItem = z.infer<typeof sosView>
export const sosPage = z.object({ items: z.array(sosView), cursor: z.string().nullable() })

export const myMealsView = z.object({
  date: z.string(),
  menu: z.object({ lunch: z.array(z.object({ name: z.string(), price: z.number() })), cutoff: z.string(), delivery: z.boolean() }).nullable(),
  open: z.boolean(),
  order: z.object({ mode: z.string(), modeLabel: z.string(), source: z.string() }).nullable(),
  standing: z.object({ weekdays: z.array(z.number()), mode: z.string() }).nullable()
})
export type MyMealsData = z.infer<typeof myMealsView>

export const dayMealsView = z.object({
  date: z.string(),
  dineIn: z.number(),
  delivery: z.number(),
  round: z.array(z.object({ elderName: z.string(), address: z.string(), phone: z.string(), source: z.string() })),
  dineInNames: z.array(z.string())
})

export const helpersView = z.array(z.object({
  userId: z.string(), name: z.string(), kind: z.enum(['volunteer', 'staff', 'provider']), orgName: z.string().nullable(),
  /** Open assignments they hold now. */
  load: z.number().default(0)
}))
export type HelperItem = z.infer<typeof helpersView>[number]

export const kpiView = z.object({
  total: z.number(),
  completed: z.number(),
  reopened: z.number(),
  open: z.number(),
  medianResponseMinutes: z.number().nullable(),
  medianCompletionMinutes: z.number().nullable(),
  averageRating: z.number().nullable(),
  solvedShare: z.number().nullable()
})
export type KpiData = z.infer<typeof kpiView>

export const patrolView = z.object({ elderId: z.string(), elderName: z.string(), everyDays: z.number(), lastVisitAt: when.nullable(), nextDueAt: when, overdue: z.boolean() })
export type PatrolItem = z.infer<typeof patrolView>
export const patrolPage = z.object({ items: z.array(patrolView), cursor: z.string().nullable() })

export const elderView = z.object({
  id: z.string(), name: z.string(), age: z.number(), livesAlone: z.boolean(), careLevel: z.string().nullable(), careLevelLabel: z.string(),
  tags: z.array(z.string()), careNotes: z.string(), address: z.string(), phone: z.string(),
  proxies: z.array(z.object({ userId: z.string(), name: z.string(), relation: z.string() }))
})
export type ElderItem = z.infer<typeof elderView>
export const elderPage = z.object({ items: z.array(elderView), cursor: z.string().nullable() })
