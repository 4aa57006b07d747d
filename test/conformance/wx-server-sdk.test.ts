/**
 * wx-server-sdk@4.0.2 (which wraps node-sdk 3.17 and reshapes results: `{ _id }`, `{ stats }`,
 * doc.get → object, numeric errCodes) against the same target.
 */
import { openTarget, type Target } from './target'

jest.setTimeout(30_000)

let t: Target
let db: any
let c: string

beforeAll(async () => {
  t = await openTarget()
  c = await t.collection('wx')
  db = t.wxDb()
})
afterAll(async () => {
  await t?.close()
})

describe('wx-server-sdk', () => {
  it('add / doc.get / update / set / where / count / remove with its own result shapes', async () => {
    const _ = db.command
    const added = await db.collection(c).add({ data: { name: 'a', n: 1, at: db.serverDate() } })
    expect(added._id).toMatch(/^[0-9a-f]{32}$/)
    expect(added.errMsg).toBe('collection.add:ok')

    const got = await db.collection(c).doc(added._id).get()
    expect(got.data).toMatchObject({ _id: added._id, name: 'a', n: 1 })
    expect(got.data.at).toBeInstanceOf(Date)

    const updated = await db
      .collection(c)
      .doc(added._id)
      .update({ data: { n: _.inc(2) } })
    expect(updated.stats).toEqual({ updated: 1 })
    const set = await db
      .collection(c)
      .doc('fixed')
      .set({ data: { name: 'b', n: 10 } })
    expect(set.stats).toEqual({ updated: 0, created: 1 })

    const listed = await db
      .collection(c)
      .where({ n: _.gte(3) })
      .orderBy('n', 'asc')
      .get()
    expect(listed.data.map((d: { n: number }) => d.n)).toEqual([3, 10])
    expect(
      (
        await db
          .collection(c)
          .where({ n: _.gt(0) })
          .count()
      ).total
    ).toBe(2)

    const many = await db
      .collection(c)
      .where({ n: _.gt(0) })
      .update({ data: { seen: true } })
    expect(many.stats.updated).toBe(2)
    const removed = await db.collection(c).doc('fixed').remove()
    expect(removed.stats).toEqual({ removed: 1 })
    expect((await db.collection(c).count()).total).toBe(1)
  })

  it('reports a missing document and an unknown collection as errors with errCode', async () => {
    await expect(db.collection(c).doc('missing').get()).rejects.toMatchObject({
      errMsg: expect.stringContaining('does not exist')
    })
    await expect(db.collection('conf_never_created_wx').get()).rejects.toMatchObject({ errCode: -502005 })
  })

  it('runs transactions: commit, and rollback when the body throws', async () => {
    await db
      .collection(c)
      .doc('acct')
      .set({ data: { balance: 10 } })
    const result = await db.runTransaction(async (tx: any) => {
      const { data } = await tx.collection(c).doc('acct').get()
      await tx
        .collection(c)
        .doc('acct')
        .update({ data: { balance: data.balance - 3 } })
      return data.balance
    })
    expect(result).toBe(10)
    await expect(
      db.runTransaction(async (tx: any) => {
        await tx
          .collection(c)
          .doc('acct')
          .update({ data: { balance: 0 } })
        throw new Error('boom')
      })
    ).rejects.toThrow('boom')
    expect((await db.collection(c).doc('acct').get()).data.balance).toBe(7)
  })
})
