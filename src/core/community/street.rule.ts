/**
 * The street (街道) and its communities (issue 20): which communities a person may act in, the ids a new community's
 * records get, and the plain text a street admin types a community's grids and buildings in.
 */
import type { CommunityRecord, UserRecord } from './community.model'
import { DEFAULT_COMMUNITY_ID } from './community.model'
import type { Role } from './roles'
import { streetRoles } from './roles'

/** A community as a picker shows it. */
export interface CommunityChoice {
  id: string
  name: string
}

/** Shown for a community whose profile is missing (an installation not yet set up). */
export const UNNAMED_COMMUNITY = '邻里社区'

/** Whether `addCommunity` has finished writing the community: only then does anyone see it. */
export const isReady = (c: Pick<CommunityRecord, 'ready'>): boolean => c.ready !== false

/** Where a person stands in the street: their own community, where else they hold staff roles, and their roles. */
export interface Standing {
  home: string | null
  /** Communities other than home where they hold a staff role (`rolesIn`). */
  elsewhere: readonly string[]
  roles: readonly Role[]
}

/**
 * The communities a person may switch to, in the street's order: their own (home), those where they hold a staff
 * role (`rolesIn`), and every one for a street role (街道管理员, 街道社工), who reads each of them. A resident of one
 * community has only that one (no switch is shown). Volunteers serve in any community but act from their own.
 */
export function switchableCommunities(standing: Standing, street: readonly CommunityChoice[]): CommunityChoice[] {
  if (standing.roles.some(isStreetRole)) return [...street]
  const allowed = new Set<string>([...(standing.home ? [standing.home] : []), ...standing.elsewhere])
  return street.filter(c => allowed.has(c.id))
}

export const isStreetRole = (role: Role): boolean => (streetRoles as readonly Role[]).includes(role)

/** The person's own community: absent is the first community (a record from before the street); null is none. */
export function homeOf(user: Pick<UserRecord, 'communityId'> | null): string | null {
  if (!user) return null
  return user.communityId === undefined ? DEFAULT_COMMUNITY_ID : user.communityId
}

/**
 * The roles `user` holds in `communityId` as that community's admins manage them (issue 20): their own roles in
 * their own community; elsewhere the staff roles given them there (`rolesIn`), their street roles beside.
 */
export function rolesHeldIn(user: Pick<UserRecord, 'communityId' | 'roles' | 'rolesIn'>, communityId: string): Role[] {
  const roles = Array.isArray(user.roles) ? user.roles : []
  if (homeOf(user) === communityId) return [...roles]
  const given = user.rolesIn?.[communityId]
  return [...(Array.isArray(given) ? given : []).filter(r => !isStreetRole(r)), ...roles.filter(isStreetRole)]
}

/** The communities other than home where `user` holds a staff role. */
export function staffElsewhere(user: Pick<UserRecord, 'communityId' | 'rolesIn'>): string[] {
  const home = homeOf(user)
  return Object.entries(user.rolesIn ?? {})
    .filter(([id, held]) => id !== home && Array.isArray(held) && held.length > 0)
    .map(([id]) => id)
}

/**
 * The id of the community `addCommunity` creates for one request of one street admin: the same for every retry of
 * that request, so a retry finishes what a failed first try began instead of starting a second community. FNV-1a
 * (two 32-bit lanes) is enough: the input is the caller and a client-drawn random requestId, not an adversary's
 * choice, and a collision with another request is caught (the stored record names its own request).
 */
export function communityIdFor(openId: string, requestId: string): string {
  const input = `${openId}\u0000${requestId}`
  let a = 0x811c9dc5
  let b = 0x01000193 ^ 0x5bd1e995
  for (let i = 0; i < input.length; i++) {
    const c = input.charCodeAt(i)
    a = Math.imul(a ^ c, 0x01000193) >>> 0
    b = Math.imul(b ^ c, 0x5bd1e995) >>> 0
  }
  return `c${a.toString(36).padStart(7, '0')}${b.toString(36).padStart(7, '0')}`
}

/** A grid and its buildings as the street admin describes them; `units` 0: the building has no units recorded. */
export interface GridPlan {
  name: string
  buildings: Array<{ name: string; units: number }>
}

/** Limits of one `addCommunity`: a community of 1,000–2,000 households (issue 20) fits well inside. */
export const MAX_GRIDS = 30
export const MAX_BUILDINGS = 300
export const MAX_UNITS_PER_BUILDING = 20
export const MAX_UNITS = 2000

export type GridLinesResult = { ok: true; grids: GridPlan[] } | { ok: false; line: number; message: string }

/**
 * The grids typed one per line: the grid's name, then its buildings, each optionally with `/units`:
 *   第一网格 1栋/4 2栋/4 3栋
 * Spaces, commas (，,、) and a colon after the grid's name all separate. Blank lines are skipped.
 */
export function parseGridLines(text: string): GridLinesResult {
  const grids: GridPlan[] = []
  const lines = text.split(/\r?\n/)
  for (let i = 0; i < lines.length; i++) {
    const words = lines[i].split(/[\s,，、:：;；]+/).filter(Boolean)
    if (words.length === 0) continue
    const [name, ...rest] = words
    const buildings: GridPlan['buildings'] = []
    for (const word of rest) {
      const m = /^(.+?)(?:[/／](\d{1,3}))?$/.exec(word)
      const units = m?.[2] === undefined ? 0 : Number(m[2])
      if (!m || units > MAX_UNITS_PER_BUILDING) {
        return { ok: false, line: i + 1, message: `第 ${i + 1} 行“${word}”的单元数请写 0 到 ${MAX_UNITS_PER_BUILDING}` }
      }
      buildings.push({ name: m[1], units })
    }
    grids.push({ name, buildings })
  }
  return { ok: true, grids }
}

/** Deterministic ids of the new community's grids, buildings and units: a retry writes the same documents. */
export const gridIdIn = (communityId: string, g: number): string => `${communityId}-g${g + 1}`
export const buildingIdIn = (gridId: string, b: number): string => `${gridId}-b${b + 1}`
export const unitIdIn = (buildingId: string, u: number): string => `${buildingId}-u${u + 1}`
export const unitName = (u: number): string => `${u + 1}单元`
