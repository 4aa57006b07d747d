/** Payloads and replies of the street's actions (issue 20): the communities picker, whoami's street, addCommunity. */
import * as z from 'zod'
import { pageCursor, text } from '../shared/fields.schemas'
import { lazySchema } from '../shared/contract'
import { phone, range } from './directory.schemas'
import { MAX_BUILDINGS, MAX_GRIDS, MAX_UNITS, MAX_UNITS_PER_BUILDING } from './street.rule'
import { whoamiSchema } from './home.schemas'

export const communitiesInput = lazySchema(() => z.strictObject({ cursor: pageCursor().optional() }))
export type CommunitiesInput = z.infer<typeof communitiesInput>

/** A community as a picker shows it. */
export const communityChoiceView = lazySchema(() => z.object({ id: z.string(), name: z.string() }))

/**
 * `whoami`: who I am (as `home.me`), the community this call acted in, and the communities I may switch to (my own,
 * where I hold a staff role, all of them for a street role). `streetSize` says whether there is anything to choose:
 * a visitor of a street of one community is never asked. The server always sends them; the defaults read an answer
 * from a function deployed before the street (a phone keeps an app version for a long time) as a street of one.
 */
export const streetWhoamiSchema = lazySchema(() =>
  whoamiSchema.extend({
    community: communityChoiceView.nullable().default(null),
    switchable: z.array(communityChoiceView).default([]),
    streetSize: z.number().int().nonnegative().default(1)
  })
)
export type StreetWhoami = z.infer<typeof streetWhoamiSchema>

const name = lazySchema(() => text().min(1, '请填写名称').max(20, '名称最多 20 个字'))

const building = lazySchema(() => z.strictObject({ name, units: z.number().int().min(0).max(MAX_UNITS_PER_BUILDING) }))

const grid = lazySchema(() => z.strictObject({ name, buildings: z.array(building).max(MAX_BUILDINGS) }))

/**
 * A new community (街道管理员 only): its name and hotlines, grids with their buildings (and units, when counted), the
 * hall's weekly hours (Sunday first; an empty day is closed) and the first admin (管理员), who joins by invite code.
 */
export const addCommunityInput = lazySchema(() =>
  z
    .strictObject({
      name: text().min(2, '社区名称至少 2 个字').max(20, '社区名称最多 20 个字'),
      hotline: phone,
      hotlines: z
        .array(z.strictObject({ name, number: phone }))
        .max(10)
        .default([]),
      grids: z.array(grid).min(1, '请至少写一个网格').max(MAX_GRIDS, `网格最多 ${MAX_GRIDS} 个`),
      weekly: z.array(z.array(range).max(4)).length(7),
      admin: z.strictObject({ name })
    })
    .superRefine((v, ctx) => {
      const buildings = v.grids.reduce((n, g) => n + g.buildings.length, 0)
      const units = v.grids.reduce((n, g) => n + g.buildings.reduce((m, b) => m + b.units, 0), 0)
      if (buildings > MAX_BUILDINGS)
        ctx.addIssue({ code: 'custom', path: ['grids'], message: `楼栋最多 ${MAX_BUILDINGS} 栋` })
      if (units > MAX_UNITS) ctx.addIssue({ code: 'custom', path: ['grids'], message: `单元最多 ${MAX_UNITS} 个` })
      const gridNames = new Set<string>()
      v.grids.forEach((g, i) => {
        if (gridNames.has(g.name))
          ctx.addIssue({ code: 'custom', path: ['grids', i, 'name'], message: `网格“${g.name}”写了两次` })
        gridNames.add(g.name)
        const names = new Set<string>()
        g.buildings.forEach((b, j) => {
          if (names.has(b.name))
            ctx.addIssue({
              code: 'custom',
              path: ['grids', i, 'buildings', j],
              message: `${g.name}的“${b.name}”写了两次`
            })
          names.add(b.name)
        })
      })
    })
)
export type AddCommunityInput = z.infer<typeof addCommunityInput>

/** What adding a community answers: the community, and the code its first admin joins with (shown once, kept). */
export const addedCommunityView = lazySchema(() =>
  z.object({
    id: z.string(),
    name: z.string(),
    grids: z.number().int().nonnegative(),
    buildings: z.number().int().nonnegative(),
    units: z.number().int().nonnegative(),
    adminName: z.string(),
    inviteCode: z.string(),
    inviteExpiresAt: z.string()
  })
)
export type AddedCommunityView = z.infer<typeof addedCommunityView>
