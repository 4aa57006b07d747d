/**
 * What `community.whoami` and `community.home` answer. The server builds them; the app renders
 * them. Phone numbers leave the server masked (`138****0000`); the full number is revealed
 * by a separate, logged action (issue 5), never here.
 */
import * as z from 'zod'
import { lazySchema } from '../shared/contract'
import { roles } from './roles'

export const roleSchema = lazySchema(() => z.enum(roles))

/** Who a resident may call from the home card (tap to call, community.callContact). */
export const contactTitles = ['网格员', '楼长', '单元长'] as const

export const contactSchema = lazySchema(() =>
  z.object({
    name: z.string(),
    title: z.enum(contactTitles),
    phoneMasked: z.string()
  })
)
export type Contact = z.infer<typeof contactSchema>

export const whoamiSchema = lazySchema(() =>
  z.object({
    /** Known to the community (seeded or bound); a first-time visitor is not. */
    registered: z.boolean(),
    name: z.string().nullable(),
    roles: z.array(roleSchema)
  })
)
export type Whoami = z.infer<typeof whoamiSchema>

/** A tile on the home page; which ones appear depends on the caller's roles. */
export const homeTileSchema = lazySchema(() =>
  z.object({
    key: z.enum([
      'service-card',
      'classes',
      'elder-care',
      'sos',
      'volunteers',
      'notifications',
      'staff',
      'community',
      'grid'
    ]),
    title: z.string(),
    subtitle: z.string(),
    /** false while the context is not built yet: shown as "即将开放", not tappable. */
    available: z.boolean()
  })
)
export type HomeTile = z.infer<typeof homeTileSchema>

export const homeSchema = lazySchema(() =>
  z.object({
    me: whoamiSchema,
    community: z.object({ name: z.string(), hotline: z.string() }),
    /** Where the caller lives (resident side); null for staff-only or unbound callers. */
    address: z.object({ grid: z.string(), building: z.string(), unit: z.string() }).nullable(),
    contacts: z.array(contactSchema),
    tiles: z.array(homeTileSchema),
    /** Staff side: what needs attention (counts). Empty for residents. */
    workload: z.array(z.object({ label: z.string(), count: z.number().int().nonnegative() })),
    /** The service hall today (holiday exceptions applied); null when its hours are not set up. */
    hall: z
      .object({
        ranges: z.array(z.object({ open: z.string(), close: z.string() })),
        openNow: z.boolean(),
        note: z.string()
      })
      .nullable(),
    /** Who is on duty right now (值班), for the evening and weekend shifts too. */
    onDuty: z.array(z.object({ personName: z.string(), place: z.string(), until: z.string() })),
    /** Community hotlines besides the main one (legal aid, the home-care station…). */
    hotlines: z.array(z.object({ name: z.string(), number: z.string() })),
    /**
     * How many communities the street has (issue 20): a visitor of a street of several is asked to choose theirs.
     * Absent from a function deployed before the street: a street of one.
     */
    streetSize: z.number().int().nonnegative().default(1)
  })
)
export type Home = z.infer<typeof homeSchema>
