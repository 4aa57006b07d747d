/**
 * Elder-care demo data on top of the demo community: the demo elder (张桂芳, living alone) with care
 * level, tags, care notes and her son 张伟 (persona demo-family) as family contact and consented
 * proxy; the service-type catalog; a provider organisation (安康居家养老服务中心) whose contact
 * 周敏 (seed-provider-1) accepts its jobs; a weekly 关爱巡访 plan; the lunch menu for the next 7 days
 * (from today, Shanghai). Who answers an SOS comes from the community's duty roster (值班表).
 *
 * Deterministic ids, every write an insert-if-absent (or a once-only update), so it is idempotent
 * and can run on every start: a demo opened next week still has today's menu.
 */
import type {
  CareProvider,
  ElderProfile,
  ProxyLink,
  ServiceType,
  DailyMenu,
  PatrolPlan
} from '../../src/core/elder-care/elder-care.model'
import { addDays, shanghaiDate } from '../../src/core/shared/shanghai-time'
import type { UserRecord } from '../../src/core/community/community.model'
import type { Db } from '../../src/server/db/client'
import { getById, insertIfAbsent } from '../../src/server/db/client'
import { keyIn } from '../../src/server/db/community-scope'
import { demoPhone, seedScope } from './demo-community'

export const DEMO_ELDER_USER = 'demo-elder'
export const DEMO_FAMILY_USER = 'demo-family'

export const demoServiceTypes: ServiceType[] = [
  {
    _id: 'home-care',
    name: '上门照护',
    description: '生活照料：协助起居、洗漱、喂饭、翻身',
    minutes: 60,
    paid: false,
    active: true,
    order: 1
  },
  {
    _id: 'meal-delivery',
    name: '配餐送餐',
    description: '助餐点午餐送到家（也可在「助餐」里订）',
    minutes: 20,
    paid: false,
    active: true,
    order: 2
  },
  {
    _id: 'bathing',
    name: '助浴',
    description: '专业人员上门协助洗澡',
    minutes: 90,
    paid: true,
    active: true,
    order: 3
  },
  {
    _id: 'rehab',
    name: '康复理疗',
    description: '康复师上门指导训练、理疗',
    minutes: 60,
    paid: true,
    active: true,
    order: 4
  },
  {
    _id: 'escort',
    name: '陪同就医',
    description: '陪同去医院挂号、取药、复诊',
    minutes: 180,
    paid: false,
    active: true,
    order: 5
  },
  {
    _id: 'day-care',
    name: '日间托养',
    description: '白天在社区养老服务站托养，傍晚送回',
    minutes: 480,
    paid: true,
    active: true,
    order: 6
  },
  {
    _id: 'company',
    name: '精神慰藉',
    description: '志愿者上门聊天、读报、陪伴',
    minutes: 60,
    paid: false,
    active: true,
    order: 7
  },
  {
    _id: 'cleaning',
    name: '家政保洁',
    description: '打扫卫生、整理房间',
    minutes: 120,
    paid: true,
    active: true,
    order: 8
  },
  {
    _id: 'legal',
    name: '法律援助',
    description: '赡养、房产、遗嘱等法律咨询',
    minutes: 60,
    paid: false,
    active: true,
    order: 9
  }
]

const lunches = [
  [
    { name: '红烧鸡块', price: 12 },
    { name: '清炒时蔬', price: 6 },
    { name: '冬瓜排骨汤', price: 4 }
  ],
  [
    { name: '清蒸鲈鱼', price: 14 },
    { name: '番茄炒蛋', price: 6 },
    { name: '紫菜蛋花汤', price: 3 }
  ],
  [
    { name: '土豆烧牛肉', price: 14 },
    { name: '蒜蓉西兰花', price: 6 },
    { name: '小米粥', price: 2 }
  ],
  [
    { name: '肉末豆腐', price: 10 },
    { name: '炒青菜', price: 5 },
    { name: '萝卜汤', price: 3 }
  ],
  [
    { name: '香菇蒸鸡', price: 12 },
    { name: '素炒三丝', price: 6 },
    { name: '南瓜粥', price: 2 }
  ],
  [
    { name: '红烧肉（少油）', price: 13 },
    { name: '凉拌黄瓜', price: 5 },
    { name: '玉米排骨汤', price: 4 }
  ],
  [
    { name: '虾仁滑蛋', price: 13 },
    { name: '清炒山药', price: 6 },
    { name: '银耳羹', price: 3 }
  ]
]

export interface ElderCareSeedReport {
  written: number
}

export async function seedElderCare(db: Db, now: Date = new Date()): Promise<ElderCareSeedReport> {
  let written = 0
  const insert = async (collection: string, doc: { _id: string } & Record<string, unknown>): Promise<void> => {
    if (await insertIfAbsent(db, collection, doc)) written++
  }
  const { communityId, id, index } = seedScope(db)
  const elderUser = await getById<UserRecord>(db, 'users', id(DEMO_ELDER_USER))
  const family = await getById<UserRecord>(db, 'users', id(DEMO_FAMILY_USER))
  const staff = await getById<UserRecord>(db, 'users', id('demo-staff'))
  const elder = elderUser?.memberId
    ? (
        (await db.collection('elders').where({ memberId: elderUser.memberId }).limit(1).get()) as {
          data: ElderProfile[]
        }
      ).data[0]
    : undefined

  if (elder && elder.careLevel === undefined) {
    await db
      .collection('elders')
      .doc(elder._id)
      .update({
        careLevel: 'partial',
        tags: ['独居', '高龄', '免费'],
        careNotes: '高血压，每天早上服药；腿脚不便，耳背，请大声说话',
        familyContacts: family
          ? [{ name: family.name, relation: '儿子', phone: family.phone ?? '', userId: family._id }]
          : elder.familyContacts,
        updatedAt: now
      })
    written++
  }
  if (elder && family) {
    const link: ProxyLink = {
      _id: `${elder._id}:${family._id}`,
      elderId: elder._id,
      userId: family._id,
      name: family.name,
      relation: '儿子',
      consent: {
        method: 'in_person',
        statement: `${elder.name}本人在社区服务站口头同意由儿子${family.name}代为办理居家养老服务（社工${staff?.name ?? ''}记录）`,
        recordedBy: id('demo-staff'),
        at: now
      },
      active: true
    }
    await insert('elder_proxies', { ...link })
    const plan: PatrolPlan = {
      _id: elder._id,
      elderId: elder._id,
      elderName: elder.name,
      gridId: elder.gridId,
      everyDays: 7,
      lastVisitAt: null,
      nextDueAt: new Date(now.getTime() + 7 * 24 * 3600_000),
      alertedFor: null
    }
    await insert('patrol_plans', { ...plan })
  }
  for (const t of demoServiceTypes) await insert('care_service_types', { ...t, _id: id(t._id) })
  // A provider organisation (服务商) with its contact person's account, so dispatch can reach one.
  await insert('users', {
    _id: id('seed-provider-1'),
    communityId,
    name: '周敏',
    roles: ['resident'],
    phone: demoPhone(index, 8801),
    memberId: null,
    householdId: null,
    gridId: null,
    createdAt: now
  })
  const provider: CareProvider = {
    _id: id('provider-ankang'),
    orgName: '安康居家养老服务中心',
    contactUserId: id('seed-provider-1'),
    services: ['home-care', 'bathing', 'rehab'].map(id),
    active: true
  }
  await insert('care_providers', { ...provider })

  const today = shanghaiDate(now)
  for (let d = 0; d < 7; d++) {
    const date = addDays(today, d)
    const menu: DailyMenu = {
      _id: date,
      date,
      lunch: lunches[d % lunches.length],
      cutoff: '09:30',
      delivery: true,
      updatedBy: 'system:seed',
      updatedAt: now
    }
    await insert('meal_menus', { ...menu, _id: keyIn(db, date) }) // one menu a day per community
  }
  return { written }
}
