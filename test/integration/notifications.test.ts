/**
 * Notifications through the local cloud: the notifier and the minute timer's work run here
 * against the local cloud's database on a test clock; the actions through the BUILT
 * `notifications` function with dev login. WeChat itself is out of reach, so where a test needs
 * WeChat's answers a scripted sender gives them; everywhere else the real offline sender (the
 * outbox) is used.
 */
import { fixedClock } from '../../src/core/shared/clock'
import type { SendOutcome } from '../../src/core/notifications/delivery.rule'
import type { SubscribeMessage, SubscribeSender } from '../../src/core/notifications/sender.ports'
import type { Notice } from '../../src/core/notifications/notify.ports'
import { getById, countWhere } from '../../src/server/db/client'
import { notifier } from '../../src/server/notifications/notifier'
import { runDueWork } from '../../src/server/notifications/due-work'
import { outboxSender } from '../../src/server/notifications/sender'
import { templatesFromEnv } from '../../src/server/notifications/templates.config'
import { dbFailingOnce } from '../factories/faults.fake'
import { expectEveryLinkOpens } from './deep-links.helper'
import { useSeededCloud, communityDb } from './local-cloud.helper'

jest.setTimeout(60_000)

const cloud = useSeededCloud('notifications')
const db = () => communityDb()
const templates = templatesFromEnv()
// 10:00 Beijing time on a Tuesday.
const DAY = '2026-11-24T02:00:00Z'
const call = cloud.call

/** A recipient of its own per test, so tests don't see each other's inbox. */
let n = 0
async function newUser(extra: Record<string, unknown> = {}): Promise<string> {
  const id = `o-notify-${++n}`
  await db()
    .collection('users')
    .add({
      _id: id,
      name: `测试用户${n}`,
      roles: ['resident'],
      phone: `1400000${String(9000 + n)}`,
      memberId: null,
      householdId: null,
      gridId: 'grid-1',
      createdAt: new Date(DAY),
      ...extra
    })
  return id
}

const notice = (to: string, over: Partial<Notice> = {}): Notice => ({
  to,
  kind: 'service-card.booking-confirmed',
  key: `service-card.booking-confirmed:b-${n}`,
  title: '大厅预约成功',
  body: '请于11月25日9:30带身份证到3号窗口',
  template: 'booking',
  when: new Date('2026-11-25T01:30:00Z'),
  place: '党群服务中心3号窗口',
  status: '预约成功',
  link: '/pages/service-card/index',
  ...over
})

/** A sender that answers from a script, recording every message it was given. */
function scriptedSender(answers: SendOutcome[]): SubscribeSender & { got: SubscribeMessage[] } {
  const got: SubscribeMessage[] = []
  return {
    got,
    async send(m) {
      got.push(m)
      return answers.shift() ?? { ok: true }
    }
  }
}

const grantOf = async (openId: string, template = 'booking') =>
  (await getById<{ count: number }>(db(), 'grants', `${openId}:${template}`))?.count ?? 0
const deliveryOf = async (id: string) =>
  await getById<{ status: string; attempts: number; notBefore: Date }>(db(), 'deliveries', id)

describe('inbox', () => {
  it('writes one inbox item per key, however often a notice is repeated', async () => {
    const to = await newUser()
    const clock = fixedClock(DAY)
    const port = notifier(db(), clock)
    await Promise.all(Array.from({ length: 10 }, async () => await port.notify(notice(to))))
    const page = await call(to, 'inboxList')
    expect(page.ok).toBe(true)
    expect(page.data.items).toHaveLength(1)
    expect(page.data.items[0]).toMatchObject({ title: '大厅预约成功', read: false, link: '/pages/service-card/index' })
    expect(page.data.unread).toBe(1)
  })

  it("pages newest first by 20 and marks items read, only the caller's own", async () => {
    const to = await newUser()
    const other = await newUser()
    const clock = fixedClock(DAY)
    const port = notifier(db(), clock)
    for (let i = 0; i < 25; i++) {
      clock.advance(1000)
      await port.notify(
        notice(to, { key: `community.notice:${i}`, kind: 'community.notice', title: `通知${i}`, template: undefined })
      )
    }
    const first = await call(to, 'inboxList')
    expect(first.data.items.map((i: { title: string }) => i.title).slice(0, 2)).toEqual(['通知24', '通知23'])
    expect(first.data.items).toHaveLength(20)
    // More than a page: the unread count covers the whole inbox, not the page shown.
    expect(first.data.unread).toBe(25)
    const second = await call(to, 'inboxList', { cursor: first.data.cursor })
    expect(second.data.items).toHaveLength(5)
    expect(second.data.cursor).toBeNull()
    expect(second.data.unread).toBe(25)

    const ids = first.data.items.slice(0, 3).map((i: { id: string }) => i.id)
    expect((await call(other, 'markRead', { ids })).data.marked).toBe(0)
    const marked = await call(to, 'markRead', { ids })
    expect(marked.data).toEqual({ marked: 3, unread: 22 })
    expect((await call(to, 'inboxList')).data.unread).toBe(22)
    expect((await call(to, 'markRead', { all: true })).data).toEqual({ marked: 22, unread: 0 })
    expect((await call(to, 'inboxList')).data.unread).toBe(0)
  })

  it('a short inbox counts its unread items from its one page, read and muted ones not', async () => {
    const to = await newUser()
    const clock = fixedClock(DAY)
    const port = notifier(db(), clock)
    for (let i = 0; i < 3; i++) {
      clock.advance(1000)
      const key = `community.notice:short:${i}`
      await port.notify(notice(to, { key, kind: 'community.notice', title: `通知${i}`, template: undefined }))
    }
    const before = await call(to, 'inboxList')
    expect(before.data).toMatchObject({ cursor: null, unread: 3 })
    await call(to, 'markRead', { ids: [before.data.items[0].id] })
    const after = await call(to, 'inboxList')
    expect(after.data.unread).toBe(2)
    expect(after.data.unread).toBe((await call(to, 'unreadCount')).data.count)
  })
})

describe('grant ledger', () => {
  it('counts grants the app reports, once per request id, and ignores rejections', async () => {
    const to = await newUser()
    const report = {
      results: [
        { template: 'booking', result: 'accept' },
        { template: 'reminder', result: 'reject' }
      ]
    }
    expect((await call(to, 'reportGrants', report, 'req-grant-0001')).data.grants).toEqual({ booking: 1, reminder: 0 })
    // The same tap retried: not counted again.
    expect((await call(to, 'reportGrants', report, 'req-grant-0001')).data.grants).toEqual({ booking: 1, reminder: 0 })
    await call(to, 'reportGrants', report, 'req-grant-0002')
    expect(await grantOf(to)).toBe(2)
  })

  it('tells the app the WeChat template id of each key it asks about', async () => {
    const res = await call(await newUser(), 'templateIds', { keys: ['booking', 'alert'] })
    expect(res.data).toEqual({ templateIds: { booking: templates.booking.id, alert: templates.alert.id } })
  })

  it('consumes one grant per message sent and sends nothing without one', async () => {
    const to = await newUser()
    await call(to, 'reportGrants', { results: [{ template: 'booking', result: 'accept' }] }, 'req-grant-0003')
    const clock = fixedClock(DAY)
    const port = notifier(db(), clock)
    await port.notify(notice(to, { key: 'k-consume-1' }))
    await port.notify(notice(to, { key: 'k-consume-2' })) // no grant left when this one is queued? one was there
    const sender = outboxSender(db(), clock)
    const report = await runDueWork({ db: db(), clock, sender, templates })
    // Two were queued while one grant existed; the first takes it, the second finds none.
    expect(report.sent).toBe(1)
    expect(await grantOf(to)).toBe(0)
    expect(await countWhere(db(), 'outbox', { to })).toBe(1)
    expect((await deliveryOf(`k-consume-2>${to}`))?.status).toBe('no_grant')
    // Both are in the inbox regardless.
    expect((await call(to, 'unreadCount')).data.count).toBe(2)
  })

  it('zeroes the ledger when WeChat answers 43101 (not subscribed)', async () => {
    const to = await newUser()
    await call(
      to,
      'reportGrants',
      {
        results: [
          { template: 'booking', result: 'accept' },
          { template: 'booking', result: 'accept' }
        ]
      },
      'req-grant-0004'
    )
    expect(await grantOf(to)).toBe(2)
    const clock = fixedClock(DAY)
    await notifier(db(), clock).notify(notice(to, { key: 'k-43101' }))
    const sender = scriptedSender([{ ok: false, errcode: 43101, errmsg: 'user refuse to accept the msg' }])
    await runDueWork({ db: db(), clock, sender, templates })
    expect(await grantOf(to)).toBe(0)
    expect((await deliveryOf(`k-43101>${to}`))?.status).toBe('no_grant')
  })

  it("fills the template within WeChat's limits", async () => {
    const to = await newUser()
    await call(to, 'reportGrants', { results: [{ template: 'booking', result: 'accept' }] }, 'req-grant-0005')
    const clock = fixedClock(DAY)
    await notifier(db(), clock).notify(
      notice(to, { key: 'k-fields', title: '您预约的老年人优待证办理已经确认，请按时到达服务大厅' })
    )
    const sender = scriptedSender([])
    await runDueWork({ db: db(), clock, sender, templates })
    expect(sender.got).toHaveLength(1)
    const data = sender.got[0].data
    expect(Array.from(data.thing1.value).length).toBeLessThanOrEqual(20)
    expect(data.time2.value).toBe('2026年11月25日 09:30')
    expect(data.phrase4.value).toBe('预约成功')
    expect(sender.got[0].page).toBe('/pages/service-card/index')
  })
})

describe('sending', () => {
  it('retries "system busy" with backoff and never sends a message twice, even with overlapping runs', async () => {
    const to = await newUser()
    await call(to, 'reportGrants', { results: [{ template: 'booking', result: 'accept' }] }, 'req-grant-0006')
    const clock = fixedClock(DAY)
    await notifier(db(), clock).notify(notice(to, { key: 'k-retry' }))
    const sender = scriptedSender([{ ok: false, errcode: -1, errmsg: 'system error' }])
    await runDueWork({ db: db(), clock, sender, templates })
    const after1 = await deliveryOf(`k-retry>${to}`)
    expect(after1).toMatchObject({ status: 'pending', attempts: 1 })
    expect(await grantOf(to)).toBe(1) // not delivered, so the grant is still there

    // Before the backoff is over nothing goes.
    clock.advance(30_000)
    await runDueWork({ db: db(), clock, sender, templates })
    expect(sender.got).toHaveLength(1)

    // After it, five overlapping timer runs send it exactly once.
    clock.advance(31_000)
    await Promise.all(Array.from({ length: 5 }, async () => await runDueWork({ db: db(), clock, sender, templates })))
    expect(sender.got).toHaveLength(2)
    expect(await deliveryOf(`k-retry>${to}`)).toMatchObject({ status: 'sent', attempts: 2 })
    expect(await grantOf(to)).toBe(0)
  })

  it('does not retry when the outcome is unknown', async () => {
    const to = await newUser()
    await call(to, 'reportGrants', { results: [{ template: 'booking', result: 'accept' }] }, 'req-grant-0007')
    const clock = fixedClock(DAY)
    await notifier(db(), clock).notify(notice(to, { key: 'k-unknown' }))
    const sender = scriptedSender([{ ok: false, unknown: true, errmsg: 'ETIMEDOUT' }])
    await runDueWork({ db: db(), clock, sender, templates })
    clock.advance(3600_000)
    await runDueWork({ db: db(), clock, sender, templates })
    expect(sender.got).toHaveLength(1)
    expect((await deliveryOf(`k-unknown>${to}`))?.status).toBe('unknown')
  })

  it('holds non-urgent messages in quiet hours until 08:00, but not an SOS', async () => {
    const to = await newUser()
    await call(
      to,
      'reportGrants',
      {
        results: [
          { template: 'reminder', result: 'accept' },
          { template: 'alert', result: 'accept' }
        ]
      },
      'req-grant-0008'
    )
    const clock = fixedClock('2026-11-24T22:30:00+08:00')
    const port = notifier(db(), clock)
    await port.notify(notice(to, { key: 'k-quiet', template: 'reminder', kind: 'classes.reminder' }))
    await port.notify(notice(to, { key: 'k-sos', template: 'alert', kind: 'elder-care.sos', urgent: true }))
    const sender = scriptedSender([])
    await runDueWork({ db: db(), clock, sender, templates })
    expect(sender.got.map(m => m.kind)).toEqual(['elder-care.sos'])
    // Both are in the inbox already.
    expect((await call(to, 'unreadCount')).data.count).toBe(2)
    clock.advance(9 * 3600_000) // 07:30
    await runDueWork({ db: db(), clock, sender, templates })
    expect(sender.got).toHaveLength(1)
    clock.advance(30 * 60_000) // 08:00
    await runDueWork({ db: db(), clock, sender, templates })
    expect(sender.got.map(m => m.kind)).toEqual(['elder-care.sos', 'classes.reminder'])
  })

  it("answers a person's own booking at once, even in quiet hours", async () => {
    const to = await newUser()
    await call(to, 'reportGrants', { results: [{ template: 'booking', result: 'accept' }] }, 'req-grant-0010')
    const clock = fixedClock('2026-11-24T23:10:00+08:00')
    await notifier(db(), clock).notify(notice(to, { key: 'k-reply', reply: true }))
    const sender = scriptedSender([])
    await runDueWork({ db: db(), clock, sender, templates })
    expect(sender.got.map(m => m.to)).toEqual([to])
  })
})

/** The database with every request (a get, add, update, count…) counted, as the local cloud bills them. */
function countingDb(real: ReturnType<typeof db>): { db: ReturnType<typeof db>; requests: () => number } {
  let n = 0
  const counted = (obj: any): any =>
    new Proxy(obj, {
      get(target, prop) {
        const value = Reflect.get(target, prop)
        if (typeof value !== 'function') return value
        return (...args: unknown[]) => {
          const out = value.apply(target, args)
          if (out !== null && typeof out === 'object' && typeof out.then === 'function') {
            n++
            return out
          }
          return out !== null && typeof out === 'object' ? counted(out) : out
        }
      }
    })
  return { db: counted(real), requests: () => n }
}

describe("a notice on the caller's path", () => {
  it('costs one write, the inbox item with its push; the minute job queues and sends it in the same tick', async () => {
    const to = await newUser()
    await call(to, 'reportGrants', { results: [{ template: 'booking', result: 'accept' }] }, 'req-grant-0099')
    const clock = fixedClock(DAY)
    const counting = countingDb(db())
    await notifier(counting.db, clock).notify(notice(to, { key: 'k-one-write', reply: true }))
    // The inbox item alone: no preferences (a reply is never muted), no grant read, no delivery.
    expect(counting.requests()).toBe(1)
    expect(await deliveryOf(`k-one-write>${to}`)).toBeNull()
    const sender = scriptedSender([])
    const report = await runDueWork({ db: db(), clock, sender, templates })
    expect(report.queued).toBeGreaterThanOrEqual(1)
    expect(sender.got.filter(m => m.to === to).map(m => m.id)).toEqual([`k-one-write>${to}`])
    expect(await grantOf(to)).toBe(0)
  })

  it('an unasked notice reads the preferences too: two requests', async () => {
    const to = await newUser()
    const counting = countingDb(db())
    await notifier(counting.db, fixedClock(DAY)).notify(notice(to, { key: 'k-two-requests' }))
    expect(counting.requests()).toBe(2)
  })

  it('a repeated key costs the same and tells nobody twice', async () => {
    const to = await newUser()
    const clock = fixedClock(DAY)
    await notifier(db(), clock).notify(notice(to, { key: 'k-repeated', reply: true }))
    const counting = countingDb(db())
    await notifier(counting.db, clock).notify(notice(to, { key: 'k-repeated', reply: true }))
    // The insert that finds the item, and its look (insertIfAbsent): nothing more.
    expect(counting.requests()).toBeLessThanOrEqual(2)
    expect(await countWhere(db(), 'inbox', { to })).toBe(1)
  })
})

describe('a minute job that stops between handing a push on and marking it handed', () => {
  const grantTwice = async (to: string, requestId: string): Promise<void> => {
    const booking = { template: 'booking', result: 'accept' }
    await call(to, 'reportGrants', { results: [booking, booking] }, requestId)
  }
  const pushStateOf = async (id: string) => (await getById<{ pushState: string }>(db(), 'inbox', id))?.pushState

  it('sends the push once on the next run, and a racing run adds nothing', async () => {
    const to = await newUser()
    await grantTwice(to, 'req-grant-0100')
    const clock = fixedClock(DAY)
    await notifier(db(), clock).notify(notice(to, { key: 'k-stopped-push' }))
    const id = `k-stopped-push>${to}`
    const sender = scriptedSender([])
    // The delivery lands; marking the intent handed fails, and the run stops there.
    await expect(runDueWork({ db: dbFailingOnce(db(), 'inbox', 'update'), clock, sender, templates })).rejects.toThrow(
      'database request failed'
    )
    expect(await deliveryOf(id)).toMatchObject({ status: 'pending' })
    expect(await pushStateOf(id)).toBe('due')
    expect(sender.got).toHaveLength(0)
    clock.advance(60_000)
    await Promise.all([
      runDueWork({ db: db(), clock, sender, templates }),
      runDueWork({ db: db(), clock, sender, templates })
    ])
    clock.advance(60_000)
    await runDueWork({ db: db(), clock, sender, templates })
    expect(sender.got.filter(m => m.to === to).map(m => m.id)).toEqual([id])
    expect(await pushStateOf(id)).toBe('done')
    expect(await countWhere(db(), 'deliveries', { to })).toBe(1)
    expect(await grantOf(to)).toBe(1)
  })

  it('pushes nothing once the person has read the item, after a run that stopped before queuing it', async () => {
    const to = await newUser()
    await grantTwice(to, 'req-grant-0101')
    const clock = fixedClock(DAY)
    await notifier(db(), clock).notify(notice(to, { key: 'k-stopped-read' }))
    const sender = scriptedSender([])
    await expect(runDueWork({ db: dbFailingOnce(db(), 'grants', 'get'), clock, sender, templates })).rejects.toThrow(
      'database request failed'
    )
    await call(to, 'markRead', { all: true })
    await runDueWork({ db: db(), clock, sender, templates })
    expect(await deliveryOf(`k-stopped-read>${to}`)).toBeNull()
    expect(await pushStateOf(`k-stopped-read>${to}`)).toBe('done')
    expect(sender.got.filter(m => m.to === to)).toHaveLength(0)
    expect(await grantOf(to)).toBe(2)
  })

  it('still puts a must-reach notice on the phone list when its push never reached the person', async () => {
    const to = await newUser({ gridId: 'grid-1' })
    await call(to, 'reportGrants', { results: [{ template: 'status', result: 'accept' }] }, 'req-grant-0102')
    const clock = fixedClock(DAY)
    const mustReachBy = new Date(clock.now().getTime() + 30 * 60_000)
    const told = notice(to, {
      key: 'k-stopped-must',
      kind: 'classes.session-cancelled',
      template: 'status',
      mustReachBy
    })
    await notifier(db(), clock).notify(told)
    // The first run stops before queuing; the next, past the deadline, gets no answer from WeChat.
    await expect(
      runDueWork({ db: dbFailingOnce(db(), 'grants', 'get'), clock, sender: scriptedSender([]), templates })
    ).rejects.toThrow('database request failed')
    clock.advance(31 * 60_000)
    const sender = scriptedSender([{ ok: false, unknown: true, errmsg: 'ETIMEDOUT' }])
    await runDueWork({ db: db(), clock, sender, templates })
    expect(sender.got.map(m => m.id)).toEqual([`k-stopped-must>${to}`])
    expect(await countWhere(db(), 'follow_ups', { openId: to, reason: 'unreached', status: 'open' })).toBe(1)
  })
})

describe('reminders', () => {
  it('sends a scheduled reminder when due, moves it when rescheduled, and drops it when cancelled', async () => {
    const to = await newUser()
    const clock = fixedClock(DAY)
    const port = notifier(db(), clock)
    const at = new Date(clock.now().getTime() + 2 * 3600_000)
    await port.schedule(
      notice(to, { key: 'k-remind', kind: 'service-card.reminder', title: '2小时后大厅预约', template: 'reminder' }),
      at
    )
    await port.schedule(
      notice(to, { key: 'k-remind', kind: 'service-card.reminder', title: '3小时后大厅预约', template: 'reminder' }),
      new Date(at.getTime() + 3600_000)
    )
    await port.schedule(
      notice(to, { key: 'k-cancelled', kind: 'service-card.reminder', title: '已取消', template: 'reminder' }),
      at
    )
    await port.cancel('k-cancelled')
    const sender = outboxSender(db(), clock)
    clock.advance(2 * 3600_000)
    await runDueWork({ db: db(), clock, sender, templates })
    expect((await call(to, 'inboxList')).data.items).toHaveLength(0)
    clock.advance(3600_000)
    await Promise.all([
      runDueWork({ db: db(), clock, sender, templates }),
      runDueWork({ db: db(), clock, sender, templates })
    ])
    const items = (await call(to, 'inboxList')).data.items
    expect(items.map((i: { title: string }) => i.title)).toEqual(['3小时后大厅预约'])
  })
})

describe('phone follow-up list', () => {
  it('lists a must-reach notice nobody read or received by its deadline, with the number and what to say', async () => {
    const unreached = await newUser({ gridId: 'grid-1' })
    const readIt = await newUser({ gridId: 'grid-1' })
    const clock = fixedClock(DAY)
    const port = notifier(db(), clock)
    const cancelled = (to: string): Notice =>
      notice(to, {
        key: 'classes.cancelled:s-1',
        kind: 'classes.session-cancelled',
        title: '今天的四点半课堂取消',
        body: '因停电，11月24日课堂取消，请自行接孩子',
        template: 'status',
        mustReachBy: new Date(clock.now().getTime() + 30 * 60_000)
      })
    await port.notify(cancelled(unreached))
    await port.notify(cancelled(readIt))
    await call(readIt, 'markRead', { all: true })
    const sender = outboxSender(db(), clock)
    await runDueWork({ db: db(), clock, sender, templates })
    expect(await countWhere(db(), 'follow_ups', { openId: unreached })).toBe(0) // not yet due

    clock.advance(31 * 60_000)
    await runDueWork({ db: db(), clock, sender, templates })
    const list = await call('demo-grid-worker', 'followUps')
    expect(list.ok).toBe(true)
    const mine = list.data.items.filter((i: { id: string }) => i.id.endsWith(`>${unreached}`))
    expect(mine).toEqual([
      expect.objectContaining({
        name: expect.stringMatching(/^测试用户/),
        phone: expect.stringMatching(/^1400000\d{4}$/),
        say: expect.stringContaining('今天的四点半课堂取消'),
        status: 'open'
      })
    ])
    expect(list.data.items.some((i: { id: string }) => i.id.endsWith(`>${readIt}`))).toBe(false)

    const done = await call('demo-grid-worker', 'followUpDone', { id: mine[0].id, note: '已电话告知家长' })
    expect(done.ok).toBe(true)
    expect(
      (await call('demo-grid-worker', 'followUps')).data.items.some((i: { id: string }) => i.id === mine[0].id)
    ).toBe(false)
  })

  it("puts a phone-only contact (an elder's family) on the list at once", async () => {
    const clock = fixedClock(DAY)
    await notifier(db(), clock).notify({
      to: { name: '张伟（儿子）', phone: '14000001234' },
      kind: 'elder-care.sos-escalated',
      key: 'sos:1:family',
      title: '张桂芳按了紧急呼叫',
      body: '2分钟内无人响应，请尽快联系老人',
      urgent: true
    })
    const list = await call('demo-staff', 'followUps')
    expect(list.data.items.find((i: { id: string }) => i.id === 'sos:1:family>tel:14000001234')).toMatchObject({
      name: '张伟（儿子）',
      phone: '14000001234',
      reason: 'phone-only',
      urgent: true
    })
  })

  it('keeps one entry per person and cause, and a settled cause leaves the list and adds nothing more', async () => {
    const son = await newUser({ gridId: 'grid-1' })
    const phone = (await getById<{ phone: string }>(db(), 'users', son))!.phone
    const clock = fixedClock(DAY)
    const port = notifier(db(), clock)
    const cause = 'elder-care.sos:sos-cause-1'
    const by = new Date(clock.now().getTime() + 60_000)
    // The same person twice for one cause: in the app (unread) and as a phone-only contact.
    await port.notify(
      notice(son, {
        key: 'elder-care.sos:sos-cause-1:L2:a',
        kind: 'elder-care.sos',
        urgent: true,
        mustReachBy: by,
        cause
      })
    )
    await port.notify({
      to: { name: '儿子', phone },
      kind: 'elder-care.sos',
      key: 'elder-care.sos:sos-cause-1:L2:b',
      title: '紧急呼叫',
      body: '请联系老人',
      urgent: true,
      cause
    })
    clock.advance(2 * 60_000)
    await runDueWork({ db: db(), clock, sender: outboxSender(db(), clock), templates })
    expect(await countWhere(db(), 'follow_ups', { cause })).toBe(1)

    await port.settle(cause, '已有人响应，无需回访')
    const entries = (await db().collection('follow_ups').where({ cause }).get()).data as Array<{
      status: string
      note: string
    }>
    expect(entries).toEqual([expect.objectContaining({ status: 'done', note: '已有人响应，无需回访' })])
    expect((await call('demo-staff', 'followUps')).data.items.some((i: { id: string }) => i.id.startsWith(cause))).toBe(
      false
    )
    // Afterwards, nothing for it is added: neither a phone-only contact nor an unread item.
    await port.notify({
      to: { name: '女儿', phone: '14000008888' },
      kind: 'elder-care.sos',
      key: 'elder-care.sos:sos-cause-1:L3:c',
      title: '紧急呼叫',
      body: '请联系老人',
      urgent: true,
      cause
    })
    expect(await countWhere(db(), 'follow_ups', { cause, status: 'open' })).toBe(0)
  })

  it('never leaves an entry open when a cause is settled while entries are being added', async () => {
    const clock = fixedClock(DAY)
    const port = notifier(db(), clock)
    const causes = Array.from({ length: 60 }, (_, i) => `elder-care.sos:race-${i}`)
    await Promise.all(
      causes.flatMap((cause, i) => [
        port.notify({
          to: { name: '家属', phone: `1400007${String(1000 + i)}` },
          kind: 'elder-care.sos',
          key: `${cause}:L2`,
          title: '紧急呼叫',
          body: '请联系老人',
          urgent: true,
          cause
        }),
        port.settle(cause, '已处理')
      ])
    )
    for (const cause of causes) expect(await countWhere(db(), 'follow_ups', { cause, status: 'open' })).toBe(0)
  })

  it("shows a grid worker only their own grid's entries", async () => {
    const elsewhere = await newUser({ gridId: 'grid-8' })
    const clock = fixedClock(DAY)
    await notifier(db(), clock).notify(
      notice(elsewhere, { key: 'k-g8', mustReachBy: new Date(clock.now().getTime() + 60_000) })
    )
    clock.advance(2 * 60_000)
    await runDueWork({ db: db(), clock, sender: outboxSender(db(), clock), templates })
    const id = `k-g8>${elsewhere}`
    expect((await call('demo-staff', 'followUps')).data.items.some((i: { id: string }) => i.id === id)).toBe(true)
    expect((await call('demo-grid-worker', 'followUps')).data.items.some((i: { id: string }) => i.id === id)).toBe(
      false
    )
    expect((await call('demo-grid-worker', 'followUpDone', { id })).error.code).toBe('FORBIDDEN')
  })
})

describe('preferences', () => {
  it('mutes a topic: kept in the inbox, not unread, not pushed; a must-reach notice still comes through', async () => {
    const to = await newUser()
    await call(
      to,
      'reportGrants',
      {
        results: [
          { template: 'booking', result: 'accept' },
          { template: 'status', result: 'accept' }
        ]
      },
      'req-grant-0009'
    )
    expect((await call(to, 'setPrefs', { mutedTopics: ['classes'] })).data.mutedTopics).toEqual(['classes'])
    const clock = fixedClock(DAY)
    const port = notifier(db(), clock)
    await port.notify(notice(to, { key: 'k-muted', kind: 'classes.term-open' }))
    await port.notify(
      notice(to, {
        key: 'k-must',
        kind: 'classes.session-cancelled',
        template: 'status',
        mustReachBy: new Date(clock.now().getTime() + 3600_000)
      })
    )
    expect((await call(to, 'inboxList')).data.items).toHaveLength(2)
    expect((await call(to, 'unreadCount')).data.count).toBe(1)
    const sender = scriptedSender([])
    await runDueWork({ db: db(), clock, sender, templates })
    expect(sender.got.map(m => m.kind)).toEqual(['classes.session-cancelled'])
  })

  it('tells the person the answer to their own tap of a muted topic, unread and pushed', async () => {
    const to = await newUser()
    await call(to, 'reportGrants', { results: [{ template: 'booking', result: 'accept' }] }, 'req-grant-0011')
    await call(to, 'setPrefs', { mutedTopics: ['classes'] })
    const clock = fixedClock(DAY)
    const port = notifier(db(), clock)
    await port.notify(notice(to, { key: 'k-muted-reply', kind: 'classes.enrolled', reply: true }))
    await port.notify(notice(to, { key: 'k-muted-unasked', kind: 'classes.term-open' }))
    expect((await call(to, 'inboxList')).data.items).toHaveLength(2)
    expect((await call(to, 'unreadCount')).data.count).toBe(1)
    const sender = scriptedSender([])
    await runDueWork({ db: db(), clock, sender, templates })
    expect(sender.got.filter(m => m.to === to).map(m => m.kind)).toEqual(['classes.enrolled'])
  })

  it('reads back what was muted, with every topic a switch is shown for', async () => {
    const to = await newUser()
    expect((await call(to, 'getPrefs')).data.mutedTopics).toEqual([])
    await call(to, 'setPrefs', { mutedTopics: ['volunteers', 'volunteers'] })
    const prefs = (await call(to, 'getPrefs')).data
    expect(prefs.mutedTopics).toEqual(['volunteers'])
    expect(prefs.topics.map((t: { label: string }) => t.label)).toEqual([
      '社区通知',
      '办事预约',
      '四点半课堂',
      '居家养老',
      '志愿服务',
      '随手拍报事'
    ])
  })
})

describe('community notice', () => {
  it('previews who a notice would reach: the people bound to a household, and their households counted once', async () => {
    const _ = db().command
    const before = (await call('demo-staff', 'broadcastAudience')).data
    // A second person of 王秀兰's household: one more person, no more households.
    await newUser({
      householdId: (await getById<{ householdId: string }>(db(), 'users', 'demo-resident'))!.householdId
    })
    const bound = (
      await db()
        .collection('users')
        .where({ householdId: _.neq(null) })
        .field({ householdId: true })
        .limit(1000)
        .get()
    ).data as Array<{ householdId: string }>
    const res = await call('demo-staff', 'broadcastAudience')
    expect(res.data).toEqual({ people: bound.length, households: new Set(bound.map(u => u.householdId)).size })
    expect(res.data).toEqual({ people: before.people + 1, households: before.households })
    expect((await call('demo-resident', 'broadcastAudience')).error.code).toBe('FORBIDDEN')
  })

  it('reaches every user bound to a household, once, with progress', async () => {
    const households = await countWhere(db(), 'users', { householdId: db().command.neq(null) })
    const res = await call('demo-staff', 'broadcast', {
      id: 'bcast-test-0001',
      title: '停水通知',
      body: '11月26日9:00-12:00 1-3栋停水，请提前储水'
    })
    expect(res.data).toEqual({ id: 'bcast-test-0001', total: households, done: households, finished: true })
    const again = await call('demo-staff', 'broadcast', {
      id: 'bcast-test-0001',
      title: '停水通知',
      body: '11月26日9:00-12:00 1-3栋停水，请提前储水'
    })
    expect(again.data.done).toBe(households)
    expect(await countWhere(db(), 'inbox', { kind: 'community.notice', title: '停水通知' })).toBe(households)
    expect((await call('demo-resident', 'inboxList')).data.items[0]).toMatchObject({ title: '停水通知', read: false })
  })

  it('a notice whose function died half-way is finished by the minute timer, and nobody gets it twice', async () => {
    const _ = db().command
    const users = (
      await db()
        .collection('users')
        .where({ householdId: _.neq(null) })
        .orderBy('_id', 'asc')
        .field({ _id: true })
        .limit(1000)
        .get()
    ).data as Array<{ _id: string }>
    expect(users.length).toBeGreaterThan(3)
    const id = 'bcast-died-0001'
    const startedAt = new Date('2026-11-24T01:50:00Z')
    // The dead run counted the first household, and wrote the 2nd and 3rd without counting them.
    await db().collection('broadcasts').add({
      _id: id,
      title: '停电通知',
      body: '明天 9:00-11:00 停电',
      by: 'demo-staff',
      total: users.length,
      done: 1,
      finished: false,
      cursor: users[0]._id,
      createdAt: startedAt,
      updatedAt: startedAt
    })
    for (const u of users.slice(0, 3)) {
      await db()
        .collection('inbox')
        .add({
          _id: `community.notice:${id}>${u._id}`,
          to: u._id,
          kind: 'community.notice',
          topic: 'community',
          title: '停电通知',
          body: '明天 9:00-11:00 停电',
          link: null,
          urgent: false,
          createdAt: startedAt,
          readAt: null,
          muted: false,
          expireAt: new Date('2027-05-23T00:00:00Z'),
          mustReachBy: null,
          followUp: null
        })
    }
    // A minute after it died: not stale yet, left alone (it may still be running).
    expect(
      (await runDueWork({ db: db(), clock: fixedClock('2026-11-24T01:51:00Z'), sender: scriptedSender([]), templates }))
        .broadcastsResumed
    ).toBe(0)
    // Two overlapping timer runs later on: one takes it over and finishes it.
    const late = fixedClock(DAY)
    const runs = await Promise.all(
      [1, 2].map(async () => await runDueWork({ db: db(), clock: late, sender: scriptedSender([]), templates }))
    )
    expect(runs.map(r => r.broadcastsResumed).sort()).toEqual([0, 1])
    expect(await countWhere(db(), 'inbox', { kind: 'community.notice', title: '停电通知' })).toBe(users.length)
    expect((await call('demo-staff', 'broadcastProgress', { id })).data).toEqual({
      id,
      total: users.length,
      done: users.length,
      finished: true
    })
    expect(
      await countWhere(db(), 'audit', {
        action: 'notifications.broadcast',
        target: `broadcasts/${id}`,
        actor: 'system:notifications'
      })
    ).toBe(1)
  })
})

describe('refusals', () => {
  it.each([
    ['demo-resident', 'outboxList', {}],
    ['demo-resident', 'followUps', {}],
    ['demo-volunteer', 'broadcast', { id: 'bcast-forbidden', title: '测试', body: '测试内容' }],
    ['demo-grid-worker', 'broadcast', { id: 'bcast-forbidden', title: '测试', body: '测试内容' }]
  ])('%s may not %s', async (who, action, payload) => {
    const res = await call(who, action, payload)
    expect(res.error.code).toBe('FORBIDDEN')
    expect(await getById(db(), 'broadcasts', 'bcast-forbidden')).toBeNull()
  })

  it.each([
    ['markRead', { ids: [] }],
    ['markRead', { all: false }],
    ['reportGrants', { results: [{ template: 'nope', result: 'accept' }] }],
    ['reportGrants', { results: Array.from({ length: 4 }, () => ({ template: 'booking', result: 'accept' })) }],
    ['setPrefs', { mutedTopics: ['sos'] }],
    ['broadcast', { id: 'bcast-bad-0001', title: '', body: 'x' }]
  ])('%s rejects %j with INVALID_INPUT and writes nothing', async (action, payload) => {
    const before = await countWhere(db(), 'grants')
    const res = await call('demo-admin', action, payload)
    expect(res.error.code).toBe('INVALID_INPUT')
    expect(await countWhere(db(), 'grants')).toBe(before)
    expect(await getById(db(), 'broadcasts', 'bcast-bad-0001')).toBeNull()
  })
})

// Last: every notice these flows sent opens a page its reader may see (issue 18).
test('every notice sent above opens, for its recipient, a page that loads what it is about', async () => {
  await expectEveryLinkOpens(cloud)
})
