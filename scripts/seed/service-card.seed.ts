/**
 * The service card's demo data: categories and items (research/seeds-catalog.md A: government
 * services sunk to the community in 9 categories, commercial and social services, neighbour
 * talents), a few hall slots from tomorrow on, and the demo elder's eligibility tag.
 * Deterministic ids; idempotent (does nothing when `service_categories` has documents).
 */
import type {
  ServiceCategoryRecord,
  ServiceItemRecord,
  ServiceMode
} from '../../src/core/service-card/service-card.model'
import { searchTextOf } from '../../src/core/service-card/catalog.usecase'
import { windowOf, withinHours } from '../../src/core/service-card/hall.rule'
import type { Db } from '../../src/server/db/client'
import { countWhere } from '../../src/server/db/client'
import { personasOf } from '../../src/core/community/personas'
import { seedScope } from './demo-community'

export const demoCategories: ServiceCategoryRecord[] = [
  { _id: 'cat-civil', name: '民政服务', kind: 'government', order: 1 },
  { _id: 'cat-disability', name: '残疾人服务', kind: 'government', order: 2 },
  { _id: 'cat-health-social', name: '卫生社保', kind: 'government', order: 3 },
  { _id: 'cat-veterans', name: '退役军人服务', kind: 'government', order: 4 },
  { _id: 'cat-employment', name: '就业创业', kind: 'government', order: 5 },
  { _id: 'cat-ageing', name: '老龄服务', kind: 'government', order: 6 },
  { _id: 'cat-family', name: '计生与家庭', kind: 'government', order: 7 },
  { _id: 'cat-housing', name: '住房保障', kind: 'government', order: 8 },
  { _id: 'cat-certificates', name: '综合证明', kind: 'government', order: 9 },
  { _id: 'cat-life', name: '生活服务', kind: 'commercial', order: 10 },
  { _id: 'cat-talents', name: '邻里能人', kind: 'talent', order: 11 }
]

interface ItemSeed {
  id: string
  cat: string
  name: string
  summary: string
  eligibility: string
  materials: string[]
  place: string
  modes: ServiceMode[]
  days: number | null
  owner: 'demo-staff' | 'seed-staff-2' | 'seed-staff-3'
  /** Days since last verified at seeding time (over 90: stale). */
  age?: number
}

const HALL = '一站式服务大厅'
const WEEKDAYS = '周一至周五 9:00–17:00，周六 9:00–12:00'
const owners = { 'demo-staff': '赵丽', 'seed-staff-2': '钱晓梅', 'seed-staff-3': '孔令辉' }

const itemSeeds: ItemSeed[] = [
  {
    id: 'item-dibao',
    cat: 'cat-civil',
    name: '最低生活保障申请',
    summary: '家庭收入低于本市低保标准的，可申请低保金。',
    eligibility: '本社区户籍，家庭人均收入低于低保标准',
    materials: ['户口簿', '身份证', '收入证明', '银行卡'],
    place: `${HALL} 1号窗口`,
    modes: ['hall', 'appointment', 'proxy'],
    days: 20,
    owner: 'demo-staff'
  },
  {
    id: 'item-temp-aid',
    cat: 'cat-civil',
    name: '临时救助',
    summary: '遭遇突发困难、生活暂时无着的家庭可申请临时救助。',
    eligibility: '本社区居民，遭遇突发事件',
    materials: ['身份证', '困难情况说明'],
    place: `${HALL} 1号窗口`,
    modes: ['hall', 'proxy'],
    days: 5,
    owner: 'demo-staff'
  },
  {
    id: 'item-marriage-cert',
    cat: 'cat-civil',
    name: '婚姻状况证明材料初审',
    summary: '协助准备婚姻登记所需材料，社区先行初审。',
    eligibility: '本社区居民',
    materials: ['户口簿', '身份证'],
    place: `${HALL} 1号窗口`,
    modes: ['hall', 'appointment'],
    days: 3,
    owner: 'demo-staff'
  },
  {
    id: 'item-disability-card',
    cat: 'cat-disability',
    name: '残疾人证申领',
    summary: '初次申领或换领残疾人证，社区受理后转区残联评定。',
    eligibility: '本社区户籍的残疾人',
    materials: ['户口簿', '身份证', '近期一寸照片2张', '病历资料'],
    place: `${HALL} 2号窗口`,
    modes: ['hall', 'appointment', 'home', 'proxy'],
    days: 15,
    owner: 'seed-staff-2'
  },
  {
    id: 'item-disability-subsidy',
    cat: 'cat-disability',
    name: '残疾人两项补贴',
    summary: '困难残疾人生活补贴和重度残疾人护理补贴。',
    eligibility: '持证残疾人，符合困难或重度条件',
    materials: ['残疾人证', '身份证', '银行卡'],
    place: `${HALL} 2号窗口`,
    modes: ['hall', 'home', 'proxy'],
    days: 10,
    owner: 'seed-staff-2'
  },
  {
    id: 'item-medical-insurance',
    cat: 'cat-health-social',
    name: '城乡居民医保参保登记',
    summary: '未参加职工医保的居民办理城乡居民医疗保险参保和缴费。',
    eligibility: '本市户籍或居住证持有人',
    materials: ['身份证', '户口簿'],
    place: `${HALL} 3号窗口`,
    modes: ['hall', 'appointment', 'proxy'],
    days: 5,
    owner: 'seed-staff-3'
  },
  {
    id: 'item-pension-cert',
    cat: 'cat-health-social',
    name: '养老金领取资格认证',
    summary: '每年一次的养老金领取资格认证，行动不便的可上门认证。',
    eligibility: '领取养老金的退休人员',
    materials: ['身份证', '社保卡'],
    place: `${HALL} 3号窗口`,
    modes: ['hall', 'appointment', 'home'],
    days: null,
    owner: 'seed-staff-3'
  },
  {
    id: 'item-social-card',
    cat: 'cat-health-social',
    name: '社保卡补换',
    summary: '社保卡丢失或损坏的补办、换领。',
    eligibility: '已参保人员',
    materials: ['身份证', '近期一寸照片1张'],
    place: `${HALL} 3号窗口`,
    modes: ['hall', 'appointment', 'proxy'],
    days: 10,
    owner: 'seed-staff-3',
    age: 120
  },
  {
    id: 'item-veteran-info',
    cat: 'cat-veterans',
    name: '退役军人信息采集',
    summary: '退役军人和其他优抚对象信息采集、悬挂光荣牌。',
    eligibility: '退役军人及其他优抚对象',
    materials: ['退伍证', '身份证', '户口簿'],
    place: `${HALL} 4号窗口`,
    modes: ['hall', 'appointment', 'home'],
    days: 5,
    owner: 'demo-staff'
  },
  {
    id: 'item-veteran-aid',
    cat: 'cat-veterans',
    name: '优抚对象帮扶援助',
    summary: '生活困难的优抚对象申请帮扶援助。',
    eligibility: '生活困难的优抚对象',
    materials: ['身份证', '优抚证件', '困难情况说明'],
    place: `${HALL} 4号窗口`,
    modes: ['hall', 'proxy'],
    days: 15,
    owner: 'demo-staff'
  },
  {
    id: 'item-unemployment',
    cat: 'cat-employment',
    name: '失业登记',
    summary: '办理失业登记，享受就业指导和岗位推荐。',
    eligibility: '法定劳动年龄内有就业意愿的失业人员',
    materials: ['身份证', '解除劳动合同证明'],
    place: `${HALL} 5号窗口`,
    modes: ['hall', 'appointment'],
    days: 1,
    owner: 'seed-staff-2'
  },
  {
    id: 'item-job-referral',
    cat: 'cat-employment',
    name: '岗位推荐与技能培训报名',
    summary: '社区就业岗位信息和免费技能培训报名。',
    eligibility: '有就业意愿的居民',
    materials: ['身份证'],
    place: `${HALL} 5号窗口`,
    modes: ['hall', 'appointment'],
    days: null,
    owner: 'seed-staff-2'
  },
  {
    id: 'item-elder-allowance',
    cat: 'cat-ageing',
    name: '高龄津贴申领',
    summary: '80周岁以上老人按月领取高龄津贴。',
    eligibility: '本社区户籍，年满80周岁',
    materials: ['身份证', '户口簿', '银行卡'],
    place: `${HALL} 6号窗口`,
    modes: ['hall', 'home', 'proxy'],
    days: 10,
    owner: 'demo-staff'
  },
  {
    id: 'item-elder-card',
    cat: 'cat-ageing',
    name: '老年人优待证办理',
    summary: '60周岁以上老人办理优待证，乘车、游园享受优惠。',
    eligibility: '年满60周岁',
    materials: ['身份证', '近期一寸照片1张'],
    place: `${HALL} 6号窗口`,
    modes: ['hall', 'appointment', 'home', 'proxy'],
    days: 7,
    owner: 'demo-staff'
  },
  {
    id: 'item-one-child',
    cat: 'cat-family',
    name: '独生子女父母奖励',
    summary: '符合条件的独生子女父母领取奖励扶助金。',
    eligibility: '符合政策的独生子女父母',
    materials: ['独生子女证', '身份证', '户口簿'],
    place: `${HALL} 7号窗口`,
    modes: ['hall', 'appointment'],
    days: 10,
    owner: 'seed-staff-3'
  },
  {
    id: 'item-birth-service',
    cat: 'cat-family',
    name: '生育登记服务',
    summary: '办理生育登记，领取生育服务手册。',
    eligibility: '本市户籍或居住证持有人',
    materials: ['夫妻双方身份证', '结婚证'],
    place: `${HALL} 7号窗口`,
    modes: ['hall', 'appointment', 'proxy'],
    days: 3,
    owner: 'seed-staff-3'
  },
  {
    id: 'item-rent-subsidy',
    cat: 'cat-housing',
    name: '公租房与租赁补贴申请',
    summary: '住房困难家庭申请公共租赁住房或租赁补贴，社区初审。',
    eligibility: '本市户籍，住房和收入符合标准',
    materials: ['户口簿', '身份证', '收入证明', '住房情况说明'],
    place: `${HALL} 8号窗口`,
    modes: ['hall', 'appointment'],
    days: 20,
    owner: 'seed-staff-2'
  },
  {
    id: 'item-residence-cert',
    cat: 'cat-certificates',
    name: '居住证明开具',
    summary: '为办理入学、就业等事项开具社区居住证明。',
    eligibility: '在本社区实际居住的居民',
    materials: ['身份证', '房产证或租赁合同'],
    place: `${HALL} 9号窗口`,
    modes: ['hall', 'appointment', 'proxy'],
    days: 1,
    owner: 'demo-staff'
  },
  {
    id: 'item-life-repair',
    cat: 'cat-life',
    name: '家电维修',
    summary: '签约商户上门维修家电，价格公示，老人优惠。',
    eligibility: '本社区居民',
    materials: [],
    place: '社区便民服务站',
    modes: ['home'],
    days: null,
    owner: 'seed-staff-2'
  },
  {
    id: 'item-life-meal',
    cat: 'cat-life',
    name: '社区助餐',
    summary: '长者食堂午餐、晚餐，行动不便的可送餐上门。',
    eligibility: '本社区居民，老人优先',
    materials: ['老年人优待证（享受优惠时）'],
    place: '长者食堂',
    modes: ['hall', 'home'],
    days: null,
    owner: 'seed-staff-2'
  },
  {
    id: 'item-talent-doctor',
    cat: 'cat-talents',
    name: '邻里医生健康咨询',
    summary: '退休医生每周三上午义诊，量血压、解读化验单。',
    eligibility: '本社区居民',
    materials: ['近期化验单（如有）'],
    place: '社区卫生服务站',
    modes: ['hall'],
    days: null,
    owner: 'demo-staff'
  },
  {
    id: 'item-talent-lawyer',
    cat: 'cat-talents',
    name: '邻里律师法律咨询',
    summary: '律师志愿者免费解答婚姻家庭、邻里纠纷等法律问题。',
    eligibility: '本社区居民',
    materials: ['相关合同或材料（如有）'],
    place: '调解工作室',
    modes: ['hall', 'appointment'],
    days: null,
    owner: 'demo-staff'
  }
]

const DAY = 24 * 60 * 60_000

/** The catalog; `db` names the community (its ids, its 社工's name). */
export function planServiceCard(
  now: Date,
  db?: Db
): { categories: ServiceCategoryRecord[]; items: ServiceItemRecord[] } {
  const { communityId, id } = seedScope(db)
  const staffName = personasOf(communityId).find(p => p.openId === id('demo-staff'))?.name ?? owners['demo-staff']
  const orderIn = new Map<string, number>()
  const items = itemSeeds.map((s): ServiceItemRecord => {
    const order = orderIn.get(s.cat) ?? 0
    orderIn.set(s.cat, order + 1)
    return {
      _id: id(s.id),
      categoryId: id(s.cat),
      name: s.name,
      summary: s.summary,
      eligibility: s.eligibility,
      materials: s.materials,
      place: s.place,
      hours: s.place.startsWith(HALL) ? WEEKDAYS : '每天 8:00–18:00',
      modes: s.modes,
      timeLimitDays: s.days,
      ownerUserId: id(s.owner),
      ownerName: s.owner === 'demo-staff' ? staffName : owners[s.owner],
      verifiedAt: new Date(now.getTime() - (s.age ?? 10) * DAY),
      order,
      status: 'active',
      version: 1,
      updatedAt: now,
      updatedBy: 'system:seed',
      searchText: searchTextOf(s.name, s.summary)
    }
  })
  return { categories: demoCategories.map(c => ({ ...c, _id: id(c._id) })), items }
}

/**
 * Hall slots for the next 5 days at 9:00, 10:00 and 14:30 Beijing time (UTC+8), at windows 1, 3
 * and 6, each serving the appointment items of its window and only where those items' hours allow
 * (none on Sunday, none on Saturday afternoon): the same rule publishSlot enforces.
 */
export function planSlots(
  now: Date,
  items: ServiceItemRecord[] = planServiceCard(now).items,
  db?: Db
): Array<Record<string, unknown>> {
  const { id } = seedScope(db)
  const out: Array<Record<string, unknown>> = []
  const shanghaiMidnight = Math.floor((now.getTime() + 8 * 3600_000) / DAY) * DAY - 8 * 3600_000
  for (let d = 1; d <= 5; d++) {
    for (const [h, m, window] of [
      [9, 0, '1号窗口'],
      [10, 0, '3号窗口'],
      [14, 30, '6号窗口']
    ] as const) {
      const startAt = new Date(shanghaiMidnight + d * DAY + (h * 60 + m) * 60_000)
      const endAt = new Date(startAt.getTime() + 30 * 60_000)
      const served = items.filter(
        i => i.modes.includes('appointment') && windowOf(i.place) === window && withinHours(i.hours, startAt, endAt)
      )
      if (served.length === 0) continue
      out.push({
        _id: id(`slot-seed-${d}-${h}${m}`),
        window,
        itemIds: served.map(i => i._id),
        startAt,
        endAt,
        minutes: 30,
        capacity: 5,
        seatsLeft: 5,
        status: 'open',
        createdBy: 'system:seed',
        createdAt: now
      })
    }
  }
  return out
}

export async function seedServiceCard(
  db: Db,
  now: Date = new Date()
): Promise<{ seeded: boolean; counts: Record<string, number> }> {
  if ((await countWhere(db, 'service_categories')) > 0) return { seeded: false, counts: {} }
  const { categories, items } = planServiceCard(now, db)
  const slots = planSlots(now, items, db)
  await db.collection('service_items').add(items)
  await db.collection('service_item_versions').add(
    items.map(({ _id, ...snapshot }) => ({
      _id: `${_id}:v1`,
      itemId: _id,
      version: 1,
      change: 'created',
      by: 'system:seed',
      at: now,
      snapshot
    }))
  )
  await db.collection('hall_slots').add(slots)
  await db
    .collection('resident_tags')
    .add([{ _id: seedScope(db).id('demo-elder'), tags: ['elderly'], updatedBy: 'system:seed', updatedAt: now }])
  // Categories last: their presence marks the seed as done, so an interrupted run repeats.
  await db.collection('service_categories').add(categories)
  await db.collection('audit').add({
    actor: 'system:seed',
    action: 'service-card.seed-demo',
    target: 'service_items',
    at: now,
    reason: '首次启动：写入演示服务清单',
    data: { categories: categories.length, items: items.length, slots: slots.length }
  })
  return {
    seeded: true,
    counts: { service_categories: categories.length, service_items: items.length, hall_slots: slots.length }
  }
}
