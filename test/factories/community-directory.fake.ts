/**
 * An in-memory CommunityDirectory over the seeded demo community (the same generator `npm start`
 * uses), so use-case tests read realistic data without a database.
 */
import type { CountedCollection, DutyRecord, HallSettings } from '../../src/core/community/community.model'
import type { CommunityDirectory, ContactPerson, Residence } from '../../src/core/community/community.ports'
import { planDemoCommunity, type DemoCommunity } from '../../scripts/seed/demo-community'

export function demoCommunity(now = new Date('2025-06-01T00:00:00Z')): DemoCommunity {
  return planDemoCommunity(now)
}

export interface CardData {
  hall?: HallSettings | null
  duty?: DutyRecord[]
}

export function fakeDirectory(
  data: Partial<DemoCommunity> = demoCommunity(),
  card: CardData = {}
): CommunityDirectory & { reads: number } {
  const byId =
    <T extends { _id: string }>(docs: T[] | undefined) =>
    async (id: string): Promise<T | null> => {
      fake.reads++
      return docs?.find(d => d._id === id) ?? null
    }
  const residenceOf = (householdId: string): Residence | null => {
    const h = data.households?.find(x => x._id === householdId)
    if (!h) return null
    const grid = data.grids?.find(x => x._id === h.gridId)
    const building = data.buildings?.find(x => x._id === h.buildingId)
    const unit = data.units?.find(x => x._id === h.unitId)
    const person = (p: { _id: string; name: string; phone: string | null } | undefined): ContactPerson | null =>
      p ? { id: p._id, name: p.name, phone: p.phone } : null
    return {
      grid: grid?.name ?? '',
      building: building?.name ?? '',
      unit: unit?.name ?? '',
      worker: person(data.users?.find(u => u._id === grid?.workerUserId)),
      buildingHead: person(data.members?.find(m => m._id === building?.headMemberId)),
      unitHead: person(data.members?.find(m => m._id === unit?.headMemberId))
    }
  }
  const fake = {
    reads: 0,
    profile: async () => {
      fake.reads++
      return data.settings?.[0] ?? null
    },
    user: byId(data.users),
    member: byId(data.members),
    household: byId(data.households),
    callerHome: async <C extends CountedCollection>(query: {
      userId: string
      householdId: string | null
      counted: readonly C[]
      scope: { gridId?: string }
    }) => {
      fake.reads++
      const counts = {} as Record<C, number>
      for (const c of query.counted) {
        const docs = (data[c] ?? []) as Array<{ gridId: string }>
        counts[c] = docs.filter(d => !query.scope.gridId || d.gridId === query.scope.gridId).length
      }
      return { residence: query.householdId ? residenceOf(query.householdId) : null, counts }
    },
    hall: async () => {
      fake.reads++
      return card.hall ?? null
    },
    homeSettings: async () => {
      fake.reads++
      return { profile: data.settings?.[0] ?? null, hall: card.hall ?? null }
    },
    dutyOn: async (date: string) => {
      fake.reads++
      return (card.duty ?? []).filter(d => d.date === date)
    }
  }
  return fake
}
