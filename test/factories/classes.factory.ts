/**
 * Families for classes tests, written straight into the test's database: a guardian user with a
 * consented child (and the child's pickup adults). Enough people for the 300-family rush.
 */
import type { ChildRecord, ConsentRecord, PickupAdult } from '../../src/core/classes/class.model'
import type { Db } from '../../src/server/db/client'

export interface Family {
  guardian: string
  childId: string
  childName: string
}

export function family(
  i: number,
  prefix = 'rush'
): { user: Record<string, unknown>; child: ChildRecord; consent: ConsentRecord } {
  const guardian = `${prefix}-guardian-${String(i).padStart(3, '0')}`
  const childId = `${prefix}-child-${String(i).padStart(3, '0')}`
  const adults: PickupAdult[] = [
    { adultId: 'a1', name: `家长${i}`, relation: '父亲', code: String(100000 + i).slice(-6) },
    { adultId: 'a2', name: `奶奶${i}`, relation: '奶奶', code: String(700000 + i).slice(-6) }
  ]
  return {
    user: {
      _id: guardian,
      name: `家长${i}`,
      roles: ['resident', 'guardian'],
      phone: null,
      memberId: null,
      householdId: `${prefix}-household-${i}`,
      gridId: 'grid-1',
      createdAt: new Date()
    },
    consent: {
      _id: `consent-${childId}`,
      kind: 'child-record',
      subjectId: childId,
      guardianMemberId: null,
      guardianUserId: guardian,
      purpose: '测试',
      version: '2025-01',
      grantedAt: new Date()
    },
    child: {
      _id: childId,
      memberId: null,
      householdId: `${prefix}-household-${i}`,
      gridId: 'grid-1',
      name: `孩子${i}`,
      grade: '三年级',
      school: '育才小学',
      guardianMemberId: null,
      guardianUserId: guardian,
      consentId: `consent-${childId}`,
      allergies: i % 7 === 0 ? '花生过敏' : '',
      notes: '',
      emergencyContacts: [],
      pickupAdults: adults
    }
  }
}

/** Writes `count` families (batched inserts) and returns who they are. */
export async function addFamilies(db: Db, count: number, prefix = 'rush'): Promise<Family[]> {
  const all = Array.from({ length: count }, (_, i) => family(i + 1, prefix))
  for (let i = 0; i < all.length; i += 200) {
    const part = all.slice(i, i + 200)
    await db.collection('users').add(part.map(f => f.user))
    await db.collection('consents').add(part.map(f => ({ ...f.consent })))
    await db.collection('children').add(part.map(f => ({ ...f.child })))
  }
  return all.map(f => ({ guardian: f.user._id as string, childId: f.child._id, childName: f.child.name }))
}

/** The pickup code of adult `n` (1 = the parent, 2 = the grandmother) of family `i`. */
export const pickupCode = (i: number, n: 1 | 2 = 1): string => String((n === 1 ? 100000 : 700000) + i).slice(-6)
