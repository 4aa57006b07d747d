/**
 * A demo community as plain records, generated deterministically (fixed PRNG seed): the same
 * names, doors and phone numbers on every machine, so tests and screenshots can rely on them.
 *
 * Shape (research/seeds-catalog.md F.1, "1:3:9"): 8 grids (第一网格…), 3 buildings per grid
 * (1栋…24栋), 3 units per building, 4–5 households per unit (300 in all); one grid worker per
 * grid, one head per building and per unit (residents). The fixed personas of
 * src/core/community/personas.ts live in 第一网格 so their home page shows contacts.
 * A larger community (`households`, e.g. 2,000 for the street benchmarks) has more buildings per grid.
 *
 * Street (issue 20): the first community (春晖社区) keeps these ids exactly; another community's records and
 * personas get ids prefixed with its id (`demoId`), its own PRNG seed, bind codes and phone block (140-XX-…).
 *
 * Minimum data (PIPL): names, birth year, relation, an adult's phone; no ID numbers. Children
 * are registered only with a guardian's consent record.
 */
import type {
  BuildingRecord,
  CommunityProfile,
  GridRecord,
  HouseholdRecord,
  MemberRecord,
  UnitRecord,
  UserRecord
} from '../../src/core/community/community.model'
import { DEFAULT_COMMUNITY_ID } from '../../src/core/community/community.model'
import type { Db } from '../../src/server/db/client'
import { keyFor, scopeOf } from '../../src/server/db/community-scope'
import { DEMO_CASTS, demoCommunityAt, demoId, demoIndexOf, personasOf } from '../../src/core/community/personas'
import type { Role } from '../../src/core/community/roles'
import { fullName, surnames } from './names'
import { createRng, type Rng } from './prng'

export const DEMO_SEED = 20240601

/** The year ages are computed against, fixed so a re-seed next year gives the same people. */
const REFERENCE_YEAR = 2025

/**
 * Phone numbers: 140-XX-xxxxxx, XX the community's index (the first community's are 140-0000-xxxx). Mainland China
 * has no official range for fictional numbers, so we use one that cannot be a dialable mobile: MIIT gives the 140
 * prefix to 13-digit IoT (物联网) numbers, so no 11-digit 140 number belongs to a person; and unlike 10x/11x/12x it
 * does not start with a service or emergency code (110, 120, 12345…) that a stray dial would hit.
 */
export function demoPhone(communityIndex: number, n: number): string {
  if (communityIndex > 99 || n > 999_999) throw new Error('demo phone numbers: out of range')
  return `140${String(communityIndex).padStart(2, '0')}${String(n).padStart(6, '0')}`
}

/** Also fictional: a local number beginning with 0 does not exist in any Chinese city. */
export function demoHotline(communityIndex: number): string {
  return `021-0000-${8000 + (communityIndex % 20) * 100}`
}

export interface ChildRecord {
  _id: string
  memberId: string
  householdId: string
  gridId: string
  name: string
  /** 一年级 … 六年级 */
  grade: string
  school: string
  guardianMemberId: string
  guardianUserId: string | null
  consentId: string
}

export interface ConsentRecord {
  _id: string
  /** What was consented to. */
  kind: 'child-record'
  subjectId: string
  guardianMemberId: string
  guardianUserId: string | null
  purpose: string
  /** Version of the consent text the guardian agreed to. */
  version: string
  grantedAt: Date
}

export interface ElderRecord {
  _id: string
  memberId: string
  householdId: string
  gridId: string
  name: string
  birthYear: number
  livesAlone: boolean
  familyContacts: Array<{ name: string; relation: string; phone: string }>
}

export interface VolunteerRecord {
  _id: string
  memberId: string
  userId: string | null
  householdId: string
  gridId: string
  name: string
  partyMember: boolean
  since: Date
}

export interface DemoCommunity {
  settings: CommunityProfile[]
  grids: GridRecord[]
  buildings: BuildingRecord[]
  units: UnitRecord[]
  households: HouseholdRecord[]
  members: MemberRecord[]
  users: UserRecord[]
  children: ChildRecord[]
  consents: ConsentRecord[]
  elders: ElderRecord[]
  volunteers: VolunteerRecord[]
}

const gridNames = ['第一网格', '第二网格', '第三网格', '第四网格', '第五网格', '第六网格', '第七网格', '第八网格']
const schools = ['春晖实验小学', '育才小学', '东城第二小学']
const grades = ['一年级', '二年级', '三年级', '四年级', '五年级', '六年级']
const gridWorkerNames = ['刘海燕', '周建华', '吴静', '郑晓东', '何丽萍', '马超', '罗佳慧', '高志刚']

/** The people who live with the personas (by cast, as personas.ts): not personas, but named in the demo. */
const companions = [
  {
    residentSpouse: '赵德明',
    guardianSpouse: '周婷',
    guardianKids: ['李梓涵', '李睿'],
    volunteerSpouse: '林静',
    volunteerChild: '陈宇'
  },
  {
    residentSpouse: '陈国栋',
    guardianSpouse: '许娜',
    guardianKids: ['杨子萱', '杨浩'],
    volunteerSpouse: '王芳',
    volunteerChild: '朱晨'
  },
  {
    residentSpouse: '吴建明',
    guardianSpouse: '谢丽',
    guardianKids: ['郭欣怡', '郭俊杰'],
    volunteerSpouse: '苏梅',
    volunteerChild: '梁宇航'
  }
]

/**
 * The community a per-context seed writes (from its scoped db): its id, its place in the street, and `id(key)`, the id
 * a demo record or persona of it gets (the first community's are the bare keys).
 */
export function seedScope(db?: Db): { communityId: string; index: number; id: (key: string) => string } {
  const communityId = (db && scopeOf(db)?.communityId) ?? DEFAULT_COMMUNITY_ID
  return { communityId, index: demoIndexOf(communityId), id: key => demoId(communityId, key) }
}

export interface DemoCommunityOptions {
  /** Default: the first community (春晖社区), whose ids are today's. */
  communityId?: string
  /** Default: the demo street's name for it. */
  name?: string
  /** Default 300 (the demo); at least 24 (one a unit). */
  households?: number
  /** Its place in the street (0-based): PRNG seed, phone block, hotline. Default: from its id (personas.ts). */
  index?: number
}

interface Person {
  name: string
  gender: 'F' | 'M'
  birthYear: number
  relation: string
  partyMember?: boolean
  persona?: string
}

export function planDemoCommunity(now: Date = new Date(), options: DemoCommunityOptions = {}): DemoCommunity {
  const communityId = options.communityId ?? DEFAULT_COMMUNITY_ID
  const index = options.index ?? demoIndexOf(communityId)
  const households = options.households ?? 300
  if (!Number.isInteger(households) || households < 24) throw new Error('a demo community has at least 24 households')
  const id = (key: string): string => demoId(communityId, key)
  const rng = createRng(DEMO_SEED + index)
  let phoneSeq = 1
  const nextPhone = (): string => demoPhone(index, phoneSeq++)
  const cast = companions[demoIndexOf(communityId) % DEMO_CASTS] // as its personas (personas.ts castOf)
  const personas = personasOf(communityId)
  const out: DemoCommunity = {
    settings: [
      {
        _id: keyFor(communityId, 'community') as 'community',
        name: options.name ?? demoCommunityAt(index).name,
        hotline: demoHotline(index)
      }
    ],
    grids: [],
    buildings: [],
    units: [],
    households: [],
    members: [],
    users: [],
    children: [],
    consents: [],
    elders: [],
    volunteers: []
  }
  const persona = (key: string): (typeof personas)[number] => {
    const p = personas.find(x => x.openId === id(key))
    if (!p) throw new Error(`persona ${key} missing from personas.ts`)
    return p
  }

  for (let g = 1; g <= 8; g++) {
    out.grids.push({
      _id: id(`grid-${g}`),
      name: gridNames[g - 1],
      workerUserId: id(g === 1 ? 'demo-grid-worker' : `seed-grid-worker-${g}`),
      order: g
    })
  }

  // Fixed personas first, in 1栋 and 2栋 of 第一网格; everyone else is generated.
  const personaHouseholds: Person[][] = [
    [
      asPerson(persona('demo-resident'), 'F', 1968),
      { name: cast.residentSpouse, gender: 'M', birthYear: 1965, relation: '配偶' }
    ],
    [
      asPerson(persona('demo-guardian'), 'M', 1986),
      { name: cast.guardianSpouse, gender: 'F', birthYear: 1988, relation: '配偶' },
      { name: cast.guardianKids[0], gender: 'F', birthYear: 2017, relation: '子女' },
      { name: cast.guardianKids[1], gender: 'M', birthYear: 2019, relation: '子女' }
    ],
    [asPerson(persona('demo-elder'), 'F', 1942)],
    [
      { ...asPerson(persona('demo-volunteer'), 'M', 1976), partyMember: true },
      { name: cast.volunteerSpouse, gender: 'F', birthYear: 1978, relation: '配偶' },
      { name: cast.volunteerChild, gender: 'M', birthYear: 2008, relation: '子女' }
    ]
  ]

  // 3 buildings a grid and 3 units a building for the demo's 300 households; a larger community has more buildings
  // a grid (perGrid), 4 or more households a unit: the first (households mod units) units get one more.
  const perGrid = Math.max(1, Math.floor(households / 96))
  const buildingCount = 8 * perGrid
  const unitCount = buildingCount * 3
  const perUnit = Math.floor(households / unitCount)
  const fuller = households % unitCount
  if (perUnit + (fuller > 0 ? 1 : 0) > 12) throw new Error('too many households for a unit of 12 flats')
  const codes = new Set<string>()
  const personaMembers = new Map<string, MemberRecord>()
  let householdIndex = 0
  for (let b = 1; b <= buildingCount; b++) {
    const gridId = id(`grid-${Math.ceil(b / perGrid)}`)
    const buildingId = id(`bldg-${b}`)
    out.buildings.push({ _id: buildingId, gridId, name: `${b}栋`, headMemberId: null, order: b })
    for (let u = 1; u <= 3; u++) {
      const unitId = id(`unit-${b}-${u}`)
      out.units.push({ _id: unitId, gridId, buildingId, name: `${u}单元`, headMemberId: null, order: u })
      const count = perUnit + (out.units.length <= fuller ? 1 : 0)
      for (const room of pickRooms(rng, count)) {
        const hhId = id(`hh-${b}-${u}-${room}`)
        out.households.push({
          _id: hhId,
          gridId,
          buildingId,
          unitId,
          door: `${b}栋${u}单元${room}`,
          room,
          bindCode: bindCode(rng, codes)
        })
        const people = personaHouseholds[householdIndex] ?? generateHousehold(rng)
        householdIndex++
        people.forEach((p, i) => {
          const adult = REFERENCE_YEAR - p.birthYear >= 18
          out.members.push({
            _id: `${hhId}-m${i + 1}`,
            householdId: hhId,
            gridId,
            name: p.name,
            gender: p.gender,
            birthYear: p.birthYear,
            relation: p.relation,
            phone: adult ? nextPhone() : null,
            partyMember: p.partyMember ?? (adult && REFERENCE_YEAR - p.birthYear >= 25 && rng.chance(0.08))
          })
          if (p.persona) personaMembers.set(p.persona, out.members[out.members.length - 1])
        })
      }
    }
  }

  assignHeads(rng, out)
  addUsers(out, communityId, personaMembers, now, nextPhone)
  addChildren(out, now)
  addElders(rng, out, nextPhone)
  addVolunteers(rng, out, now, id('demo-volunteer'))
  return out
}

function asPerson(p: { openId: string; name: string }, gender: 'F' | 'M', birthYear: number): Person {
  return { name: p.name, gender, birthYear, relation: '户主', persona: p.openId }
}

/** Distinct doors on floors 1–6, two flats a floor (101, 102 … 602), in ascending order. */
function pickRooms(rng: Rng, count: number): string[] {
  const all: string[] = []
  for (let f = 1; f <= 6; f++) all.push(`${f}01`, `${f}02`)
  const chosen = new Set<string>()
  while (chosen.size < count) chosen.add(rng.pick(all))
  return all.filter(r => chosen.has(r))
}

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789' // no 0/O, 1/I: read aloud at the hall
function bindCode(rng: Rng, taken: Set<string>): string {
  for (;;) {
    let code = ''
    for (let i = 0; i < 8; i++) code += CODE_ALPHABET[rng.int(0, CODE_ALPHABET.length - 1)]
    if (!taken.has(code)) {
      taken.add(code)
      return code
    }
  }
}

function generateHousehold(rng: Rng): Person[] {
  const surname = rng.pick(surnames)
  const spouse = (birthYear: number, gender: 'F' | 'M'): Person => {
    const g: 'F' | 'M' = gender === 'F' ? 'M' : 'F'
    const y = birthYear + rng.int(-3, 3)
    return { name: fullName(rng, g, y), gender: g, birthYear: y, relation: '配偶' }
  }
  const head = (minAge: number, maxAge: number): Person => {
    const gender: 'F' | 'M' = rng.chance(0.5) ? 'F' : 'M'
    const y = REFERENCE_YEAR - rng.int(minAge, maxAge)
    return { name: fullName(rng, gender, y, surname), gender, birthYear: y, relation: '户主' }
  }
  const child = (parentYear: number): Person => {
    const gender: 'F' | 'M' = rng.chance(0.5) ? 'F' : 'M'
    const y = Math.max(parentYear + rng.int(24, 36), REFERENCE_YEAR - rng.int(4, 16))
    return {
      name: fullName(rng, gender, y, surname),
      gender,
      birthYear: Math.min(y, REFERENCE_YEAR - 3),
      relation: '子女'
    }
  }
  const roll = rng.next()
  if (roll < 0.3) {
    // young family
    const h = head(30, 45)
    const kids = rng.chance(0.35) ? 2 : 1
    return [h, spouse(h.birthYear, h.gender), ...Array.from({ length: kids }, () => child(h.birthYear))]
  }
  if (roll < 0.55) {
    const h = head(25, 62)
    return [h, spouse(h.birthYear, h.gender)]
  }
  if (roll < 0.7) {
    const h = head(66, 86)
    return [h, spouse(h.birthYear, h.gender)]
  }
  if (roll < 0.8) return [head(72, 92)]
  if (roll < 0.9) return [head(22, 55)]
  // three generations: a couple, a child, and a parent of the head
  const h = head(35, 48)
  const py = h.birthYear - rng.int(24, 32)
  const pg: 'F' | 'M' = rng.chance(0.6) ? 'F' : 'M'
  return [
    h,
    spouse(h.birthYear, h.gender),
    child(h.birthYear),
    { name: fullName(rng, pg, py, pg === 'M' ? h.name[0] : undefined), gender: pg, birthYear: py, relation: '父母' }
  ]
}

/** A building head and unit heads per unit: adults 30–72 living there, party members first. */
function assignHeads(rng: Rng, out: DemoCommunity): void {
  const taken = new Set<string>()
  const candidates = (filter: (m: MemberRecord) => boolean): MemberRecord[] =>
    out.members
      .filter(m => filter(m) && !taken.has(m._id) && m.phone !== null && between(REFERENCE_YEAR - m.birthYear, 30, 72))
      .sort((a, b) => Number(b.partyMember) - Number(a.partyMember))
  const householdOf = new Map(out.households.map(h => [h._id, h]))
  const choose = (list: MemberRecord[]): string | null => {
    if (list.length === 0) return null
    const top = list.filter(m => m.partyMember === list[0].partyMember)
    const m = rng.pick(top)
    taken.add(m._id)
    return m._id
  }
  for (const b of out.buildings)
    b.headMemberId = choose(candidates(m => householdOf.get(m.householdId)?.buildingId === b._id))
  for (const u of out.units) u.headMemberId = choose(candidates(m => householdOf.get(m.householdId)?.unitId === u._id))
}

function addUsers(
  out: DemoCommunity,
  communityId: string,
  personaMembers: Map<string, MemberRecord>,
  now: Date,
  nextPhone: () => string
): void {
  const id = (key: string): string => demoId(communityId, key)
  const householdOf = new Map(out.households.map(h => [h._id, h]))
  for (const p of personasOf(communityId)) {
    const member = personaMembers.get(p.openId) ?? null
    const household = member ? (householdOf.get(member.householdId) ?? null) : null
    out.users.push({
      _id: p.openId,
      name: p.name,
      roles: [...p.roles],
      phone: member?.phone ?? nextPhone(),
      memberId: member?._id ?? null,
      householdId: household?._id ?? null,
      gridId: p.openId === id('demo-grid-worker') ? id('grid-1') : (household?.gridId ?? null),
      createdAt: now
    })
  }
  for (let g = 2; g <= 8; g++) {
    out.users.push(
      staffUser(id(`seed-grid-worker-${g}`), gridWorkerNames[g - 1], ['grid_worker'], id(`grid-${g}`), nextPhone(), now)
    )
  }
  out.users.push(staffUser(id('seed-staff-2'), '钱晓梅', ['staff'], null, nextPhone(), now))
  out.users.push(staffUser(id('seed-staff-3'), '孔令辉', ['staff'], null, nextPhone(), now))
}

function staffUser(
  id: string,
  name: string,
  roles: Role[],
  gridId: string | null,
  phoneNo: string,
  now: Date
): UserRecord {
  return { _id: id, name, roles, phone: phoneNo, memberId: null, householdId: null, gridId, createdAt: now }
}

/** School-age children (6–12) of a household, registered by its head with a consent record. */
function addChildren(out: DemoCommunity, now: Date): void {
  const heads = new Map(out.members.filter(m => m.relation === '户主').map(m => [m.householdId, m]))
  const userOf = new Map(out.users.filter(u => u.memberId).map(u => [u.memberId, u._id]))
  for (const m of out.members) {
    const age = REFERENCE_YEAR - m.birthYear
    const guardian = heads.get(m.householdId)
    if (m.relation !== '子女' || !between(age, 6, 12) || !guardian) continue
    const childId = `child-${m._id}`
    const consentId = `consent-${childId}`
    const guardianUserId = userOf.get(guardian._id) ?? null
    out.consents.push({
      _id: consentId,
      kind: 'child-record',
      subjectId: childId,
      guardianMemberId: guardian._id,
      guardianUserId,
      purpose: '登记子女信息，用于四点半课堂报名、签到与接送',
      version: '2025-01',
      grantedAt: now
    })
    out.children.push({
      _id: childId,
      memberId: m._id,
      householdId: m.householdId,
      gridId: m.gridId,
      name: m.name,
      grade: grades[Math.min(age - 6, 5)],
      school: schools[m.name.charCodeAt(1) % schools.length],
      guardianMemberId: guardian._id,
      guardianUserId,
      consentId
    })
  }
}

/** Residents aged 70+, each with one family contact (a son or daughter living elsewhere). */
function addElders(rng: Rng, out: DemoCommunity, nextPhone: () => string): void {
  const size = new Map<string, number>()
  for (const m of out.members) size.set(m.householdId, (size.get(m.householdId) ?? 0) + 1)
  for (const m of out.members) {
    if (REFERENCE_YEAR - m.birthYear < 70) continue
    const daughter = rng.chance(0.5)
    const childYear = m.birthYear + rng.int(24, 32)
    out.elders.push({
      _id: `elder-${m._id}`,
      memberId: m._id,
      householdId: m.householdId,
      gridId: m.gridId,
      name: m.name,
      birthYear: m.birthYear,
      livesAlone: size.get(m.householdId) === 1,
      familyContacts: [
        {
          name: fullName(
            rng,
            daughter ? 'F' : 'M',
            childYear,
            daughter ? undefined : m.gender === 'M' ? m.name[0] : undefined
          ),
          relation: daughter ? '女儿' : '儿子',
          phone: nextPhone()
        }
      ]
    })
  }
}

/** Registered volunteers: every party member, and about one adult in eight besides. */
function addVolunteers(rng: Rng, out: DemoCommunity, now: Date, personaId: string): void {
  const userOf = new Map(out.users.filter(u => u.memberId).map(u => [u.memberId, u._id]))
  for (const m of out.members) {
    const age = REFERENCE_YEAR - m.birthYear
    const isPersona = userOf.get(m._id) === personaId
    if (!isPersona && !(between(age, 18, 75) && (m.partyMember || rng.chance(0.12)))) continue
    out.volunteers.push({
      _id: `vol-${m._id}`,
      memberId: m._id,
      userId: userOf.get(m._id) ?? null,
      householdId: m.householdId,
      gridId: m.gridId,
      name: m.name,
      partyMember: m.partyMember,
      since: now
    })
  }
}

function between(n: number, min: number, max: number): boolean {
  return n >= min && n <= max
}
