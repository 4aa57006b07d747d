/** A day's menu is one per community (issue 20): two communities' menus for the same date are two documents. */
import { inMemoryDb } from '../../../test/support/in-memory-db'
import { scopeDb } from '../db/community-scope'
import { mealStore } from './elder-care.repository'

it("each community keeps its own menu for a day, and neither overwrites the other's", async () => {
  const mem = inMemoryDb()
  try {
    const first = mealStore(scopeDb(mem.db, { communityId: 'community' }))
    const other = mealStore(scopeDb(mem.db, { communityId: 'dongsheng' }))
    const menu = (dish: string): never =>
      ({
        _id: '2026-12-07',
        date: '2026-12-07',
        lunch: [{ name: dish }],
        cutoff: '09:30',
        delivery: true,
        updatedBy: 'o-staff',
        updatedAt: new Date(0)
      }) as never
    await first.saveMenu(menu('红烧肉'))
    await other.saveMenu(menu('清蒸鱼'))
    expect((await first.menu('2026-12-07'))?.lunch).toEqual([{ name: '红烧肉' }])
    expect(await other.menu('2026-12-07')).toMatchObject({ _id: '2026-12-07', lunch: [{ name: '清蒸鱼' }] })
  } finally {
    mem.close()
  }
})
