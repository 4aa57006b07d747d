/**
 * What an erasure must leave behind: every declared collection, every document, searched for a
 * person's OPENID, name and phone (PIPL). Shared by the erasure test and its fault test.
 */
import { getDb } from '../../src/server/db/client'
import { collections } from '../../src/server/db/collections'

/** Where each of `needles` still appears: `collection:_id:field path` per hit, over every declared collection. */
export async function tracesOf(needles: string[]): Promise<string[]> {
  const hits: string[] = []
  const walk = (where: string, v: unknown): void => {
    if (typeof v === 'string') {
      if (needles.some(n => v.includes(n))) hits.push(where)
      return
    }
    if (v instanceof Date || v === null || typeof v !== 'object') return
    for (const [k, x] of Object.entries(v)) walk(`${where}.${k}`, x)
  }
  for (const { name } of collections) {
    for (let skip = 0; ; skip += 1000) {
      const docs = (await getDb().collection(name).skip(skip).limit(1000).get()).data as Array<Record<string, unknown>>
      for (const d of docs) walk(`${name}:${String(d._id)}`, d)
      if (docs.length < 1000) break
    }
  }
  return hits
}

/** Where an erased person's OPENID may remain (never beside a name or phone), and why. */
export const keptAfterErasure = (openId: string): RegExp[] => [
  /^audit:[^.]+\.(actor|target|data\.onBehalfOf)$/, // the audit log is append-only (accountability)
  new RegExp(`^staff_erasures:${openId}\\._id$`), // the request itself: proof that the erasure was done, name cleared
  /^vol_(claims|attendance):[^.]+\.userId$/, // verified volunteer hours (志愿服务时长) must be kept
  /^class_attendance:[^.]+\.(markedBy|pickup\.confirmedBy)$/, // who took a child's attendance or handed them over
  /^grid_reports:[^.]+\.(ownerUserId|steps\.\d+\.byUserId)$/ // who handled a report (首问负责), never a resident's
]

/** The OPENID where it must not be (none expected), then the name and phone anywhere (none expected). */
export async function erasureLeftovers(
  openId: string,
  name: string,
  phone: string | null
): Promise<{ openId: string[]; nameOrPhone: string[] }> {
  const kept = keptAfterErasure(openId)
  return {
    openId: (await tracesOf([openId])).filter(hit => !kept.some(k => k.test(hit))),
    nameOrPhone: await tracesOf([name, ...(phone ? [phone] : [])])
  }
}
