/**
 * Demo personas of the seeded street. Their OPENIDs are fixed so the H5 persona picker (dev login, local cloud only)
 * and tests can act as them.
 *
 * The demo street (issue 20) is a few communities, 春晖社区 first: its personas keep the OPENIDs they had when Linli
 * served one community (many tests name them). Another community's personas play the same parts under their own
 * names, with OPENIDs derived by `demoId` (e.g. `dongsheng-demo-resident`). The street office's two personas belong
 * to no community.
 */
import { DEFAULT_COMMUNITY_ID } from './community.model'
import type { Role } from './roles'

export interface Persona {
  openId: string
  /** Shown in the picker. */
  label: string
  name: string
  roles: Role[]
}

/** The parts every demo community has, in the picker's order. */
const parts: Array<{ key: string; label: string; roles: Role[] }> = [
  { key: 'demo-resident', label: '居民', roles: ['resident'] },
  { key: 'demo-guardian', label: '家长', roles: ['resident', 'guardian'] },
  { key: 'demo-elder', label: '独居老人', roles: ['resident', 'elder'] },
  { key: 'demo-volunteer', label: '志愿者（党员）', roles: ['resident', 'volunteer', 'tutor'] },
  { key: 'demo-grid-worker', label: '网格员', roles: ['grid_worker'] },
  { key: 'demo-staff', label: '社工', roles: ['staff'] },
  { key: 'demo-admin', label: '书记（管理员）', roles: ['admin', 'staff'] },
  // the elder's son, living elsewhere: her consented proxy (家属代办) in elder care
  { key: 'demo-family', label: '老人家属', roles: ['resident'] }
]

/**
 * The people who play those parts, one cast per demo community (in `parts` order); a community beyond these
 * reuses a cast (its people are only for benchmarks). The elder and her son share a surname.
 */
const casts: string[][] = [
  ['王秀兰', '李建国', '张桂芳', '陈志强', '刘海燕', '赵丽', '孙卫东', '张伟'],
  ['黄美华', '杨志伟', '徐秀英', '朱国强', '彭丽娟', '韩雪', '曹建军', '徐军'],
  ['林淑芬', '郭明', '何玉兰', '梁建平', '宋晓红', '唐敏', '许志明', '何勇']
]

/** A community of the demo street: `_id` in `communities`, its name. */
export interface DemoCommunityName {
  id: string
  name: string
}

/** The demo street's communities in order (`npm start` seeds the first DEMO_STREET_SIZE; a benchmark up to 15). */
export const demoCommunities: DemoCommunityName[] = [
  { id: DEFAULT_COMMUNITY_ID, name: '春晖社区' },
  { id: 'dongsheng', name: '东圣社区' },
  { id: 'xinyuan', name: '新苑社区' },
  { id: 'jinxiu', name: '锦绣社区' },
  { id: 'heping', name: '和平社区' },
  { id: 'guangming', name: '光明社区' },
  { id: 'cuihu', name: '翠湖社区' },
  { id: 'xingfu', name: '幸福社区' },
  { id: 'changqing', name: '长青社区' },
  { id: 'yangguang', name: '阳光社区' },
  { id: 'qiaoxi', name: '桥西社区' },
  { id: 'nanyuan', name: '南苑社区' },
  { id: 'beiyuan', name: '北苑社区' },
  { id: 'xishan', name: '西山社区' },
  { id: 'huayuan', name: '花园社区' }
]

/** How many communities `npm start` seeds. */
export const DEMO_STREET_SIZE = 3

/** The n-th community of a demo street (0-based): a named one, else `community-<n+1>`. */
export function demoCommunityAt(index: number): DemoCommunityName {
  return demoCommunities[index] ?? { id: `community-${index + 1}`, name: `第${index + 1}社区` }
}

/**
 * The id a demo record or persona of a community gets: the first community keeps the bare key (today's ids),
 * another's is prefixed with its id, so ids never collide across the street (`_id` is unique in a collection, and
 * `users` is street-wide). A hyphen, not a colon: an OPENID is letters, digits, `_` and `-`.
 */
export function demoId(communityId: string, key: string): string {
  return communityId === DEFAULT_COMMUNITY_ID ? key : `${communityId}-${key}`
}

/** A demo community's position in the street (0-based; `community-<n>` is n-1; another id 0). */
export function demoIndexOf(communityId: string): number {
  const named = demoCommunities.findIndex(c => c.id === communityId)
  if (named >= 0) return named
  const n = /^community-(\d+)$/.exec(communityId)
  return n ? Number(n[1]) - 1 : 0
}

/** How many casts the demo has: a community's cast (and its personas' households) is its index modulo this. */
export const DEMO_CASTS = casts.length

function castOf(communityId: string): string[] {
  return casts[demoIndexOf(communityId) % DEMO_CASTS]
}

/** A community's personas: the first community's are today's; another's are the same parts under its own ids. */
export function personasOf(communityId: string): Persona[] {
  const cast = castOf(communityId)
  return parts.map((p, i) => ({
    openId: demoId(communityId, p.key),
    label: p.label,
    name: cast[i],
    roles: [...p.roles]
  }))
}

/** The first community's personas (春晖社区). */
export const personas: Persona[] = personasOf(DEFAULT_COMMUNITY_ID)

/** The street office's personas: street roles, no community of their own; they read every community. */
export const streetPersonas: Persona[] = [
  { openId: 'demo-street-admin', label: '街道管理员', name: '吕振华', roles: ['street_admin'] },
  { openId: 'demo-street-staff', label: '街道社工', name: '蒋晓燕', roles: ['street_staff'] }
]
