/**
 * The community card's demo data: the hall's weekly hours, holiday exceptions and hotlines
 * (`settings/hall`), and a duty roster (值班表) for the 14 days from seeding — weekday day shifts,
 * evening extended hours (延时服务) and weekend rota (周六日轮值). Idempotent: does nothing when
 * `settings/hall` exists. The numbers are fictional (a local number starting with 0 does not exist).
 */
import type { DutyRecord, HallSettings } from '../../src/core/community/community.model'
import { shanghaiParts } from '../../src/core/community/hall-hours.rule'
import type { Db } from '../../src/server/db/client'
import { getById } from '../../src/server/db/client'
import { keyIn } from '../../src/server/db/community-scope'
import { personasOf } from '../../src/core/community/personas'
import { seedScope } from './demo-community'

const weekday = [
  { open: '08:30', close: '12:00' },
  { open: '13:30', close: '17:30' }
]

export const demoHall: HallSettings = {
  _id: 'hall',
  weekly: [[], weekday, weekday, weekday, weekday, weekday, [{ open: '09:00', close: '12:00' }]],
  exceptions: [
    { date: '2026-12-31', ranges: [{ open: '08:30', close: '12:00' }], note: '元旦前夕半天' },
    { date: '2027-01-01', ranges: [], note: '元旦休息，值班电话照常' },
    { date: '2027-02-06', ranges: [], note: '春节休息，值班电话照常' }
  ],
  hotlines: [
    { name: '法律援助热线', number: '021-0000-8011' },
    { name: '居家养老服务站', number: '021-0000-8022' },
    { name: '物业服务中心', number: '021-0000-8033' }
  ]
}

/** The community's three 社工 take turns (demo-community.ts names them). */
function rotaOf(communityId: string, id: (key: string) => string): Array<{ name: string; userId: string }> {
  const staff = personasOf(communityId).find(p => p.openId === id('demo-staff'))
  return [
    { name: staff?.name ?? '社工', userId: id('demo-staff') },
    { name: '钱晓梅', userId: id('seed-staff-2') },
    { name: '孔令辉', userId: id('seed-staff-3') }
  ]
}

/** The duty roster of the 14 days from `now`; `db` names the community (its ids). */
export function planDuty(now: Date, db?: Db): DutyRecord[] {
  const { communityId, id } = seedScope(db)
  const rota = rotaOf(communityId, id)
  const out: DutyRecord[] = []
  const today = shanghaiParts(now).date
  for (let d = 0; d < 14; d++) {
    const date = new Date(Date.parse(`${today}T00:00:00Z`) + d * 86_400_000)
    const ymd = date.toISOString().slice(0, 10)
    const weekend = date.getUTCDay() === 0 || date.getUTCDay() === 6
    const shift = (start: string, end: string, who: number, place: string): void => {
      const p = rota[who % rota.length]
      out.push({
        _id: id(`duty-${ymd}-${start.replace(':', '')}`),
        date: ymd,
        start,
        end,
        personName: p.name,
        userId: p.userId,
        place,
        updatedBy: 'system:seed',
        updatedAt: now
      })
    }
    if (weekend) {
      // Someone answers all day at weekends too: an SOS at 18:00 on a Saturday must reach staff on duty.
      shift('08:30', '17:30', d, '社区值班室（周末轮值）')
      shift('17:30', '20:30', d + 1, '值班电话')
    } else {
      shift('08:30', '17:30', d, '一站式服务大厅')
      shift('17:30', '20:30', d + 1, '社区值班室（延时服务）')
    }
    shift('20:30', '23:59', d + 2, '值班电话')
    shift('00:00', '08:30', d + 2, '值班电话')
  }
  return out
}

export async function seedCommunityCard(
  db: Db,
  now: Date = new Date()
): Promise<{ seeded: boolean; counts: Record<string, number> }> {
  // A fixed id the app reads: unique across the street (keyIn).
  const hallId = keyIn(db, 'hall')
  if (await getById(db, 'settings', hallId)) return { seeded: false, counts: {} }
  const duty = planDuty(now, db)
  await db.collection('duty_roster').add(duty)
  await db.collection('settings').add({ ...demoHall, _id: hallId })
  return { seeded: true, counts: { duty_roster: duty.length } }
}
