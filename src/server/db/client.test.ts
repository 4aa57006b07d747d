import type { Db } from './client'
import { incrementAndRead, insertIfAbsent } from './client'

/**
 * A database whose updateAndReturn applies the update to one stored document and returns it
 * before or after, the two answers CloudBase's docs leave open (the conformance suite runs the
 * real thing locally).
 */
function counterDb(
  returns: 'before' | 'after',
  start: Record<string, unknown>
): { db: Db; doc: Record<string, unknown> } {
  const doc = { ...start }
  const db = {
    command: { inc: (n: number) => ({ $inc: n }) },
    collection: () => ({
      where: () => ({
        updateAndReturn: async (update: Record<string, unknown>) => {
          const before = { ...doc }
          for (const [k, v] of Object.entries(update)) {
            const inc = (v as { $inc?: number }).$inc
            doc[k] = inc !== undefined ? Number(doc[k] ?? 0) + inc : v
          }
          return { updated: 1, doc: returns === 'before' ? before : { ...doc } }
        }
      })
    })
  }
  return { db: db as unknown as Db, doc }
}

test.each(['before', 'after'] as const)(
  'incrementAndRead returns the new value when updateAndReturn answers the document %s the update',
  async returns => {
    const { db, doc } = counterDb(returns, { _id: 't', waitSeq: 4, waiting: 2 })
    expect(await incrementAndRead(db, 'class_terms', 't', 'waitSeq', { waiting: 3 })).toBe(5)
    expect(await incrementAndRead(db, 'class_terms', 't', 'waitSeq')).toBe(6)
    expect(doc).toMatchObject({ waitSeq: 6, waiting: 3 })
  }
)

test('incrementAndRead fails loudly when no document came back', async () => {
  const db = {
    command: { inc: () => ({}) },
    collection: () => ({ where: () => ({ updateAndReturn: async () => ({ updated: 0, doc: null }) }) })
  }
  await expect(incrementAndRead(db as unknown as Db, 'vol_counters', 'x', 'seq')).rejects.toThrow(
    /vol_counters\/x\.seq was not returned/
  )
})

/**
 * A collection holding one key where the winner of the first insert gives its document back
 * before the loser looks (a booking that lost another lock returns the ones it took).
 */
function vanishingDb(): { db: Db; adds: () => number } {
  let stored = true // the winner's document
  let adds = 0
  let looks = 0
  const db = {
    collection: () => ({
      add: async () => {
        adds++
        if (stored) throw new Error('duplicate key')
        stored = true
        return { id: 'k' }
      },
      doc: () => ({
        get: async () => {
          looks++
          if (looks === 1) stored = false // the winner removed it just before our look
          return { data: stored ? [{ _id: 'k' }] : [] }
        }
      })
    })
  }
  return { db: db as unknown as Db, adds: () => adds }
}

test('insertIfAbsent takes a key whose holder let go between our insert and our look', async () => {
  const { db, adds } = vanishingDb()
  expect(await insertIfAbsent(db, 'booking_locks', { _id: 'k' })).toBe(true)
  expect(adds()).toBe(2)
})

test('insertIfAbsent still fails loudly when inserts fail and nothing is ever stored', async () => {
  const db = {
    collection: () => ({
      add: async () => {
        throw new Error('network down')
      },
      doc: () => ({ get: async () => ({ data: [] }) })
    })
  }
  await expect(insertIfAbsent(db as unknown as Db, 'booking_locks', { _id: 'k' })).rejects.toThrow('network down')
})
