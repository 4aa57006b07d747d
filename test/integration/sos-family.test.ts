/**
 * An SOS as the family and the phone follow-up list see it, through the BUILT elder-care function
 * and the notifications minute work (run here on a test clock, against the same database):
 * - the family hears at once, in words addressed to them, and their alert opens a view of that
 *   call they may read (never the staff desk);
 * - the follow-up list holds one entry per person for a call, none once it is answered or
 *   cancelled, and an entry leaves the list when the call is dealt with.
 * Needs `npm run build:functions` first.
 */
import { fixedClock } from '../../src/core/shared/clock'
import { runDueWork } from '../../src/server/notifications/due-work'
import { outboxSender } from '../../src/server/notifications/sender'
import { templatesFromEnv } from '../../src/server/notifications/templates.config'
import { expectEveryLinkOpens } from './deep-links.helper'
import { useSeededCloud, communityDb } from './local-cloud.helper'

jest.setTimeout(60_000)

const cloud = useSeededCloud('elder-care')
const { call, data, tick, docs } = cloud
const inboxOf = async (to: string, kind: string, callId: string): Promise<any[]> =>
  (await docs('inbox', { to, kind })).filter(i => i._id.includes(callId))
const followUpsOf = async (callId: string): Promise<any[]> =>
  (await docs('follow_ups')).filter(f => f._id.includes(callId))

/** The notifications function's minute timer, at `at`. */
async function notificationsTimerAt(at: number): Promise<void> {
  const clock = fixedClock(new Date(at).toISOString())
  await runDueWork({
    db: communityDb(),
    clock,
    sender: outboxSender(communityDb(), clock),
    templates: templatesFromEnv()
  })
}

/** Staff answer and close a call so the next test can press again (one open call per elder). */
async function closeCall(id: string): Promise<void> {
  await call('demo-staff', 'sosResolve', { id, note: '测试结束' })
}

describe('the family and an SOS', () => {
  it('tells the son at once, as her son, with a link to a view of the call he can read', async () => {
    const c = await data('demo-elder', 'sosPress', {})
    const told = await inboxOf('demo-family', 'elder-care.sos-family', c.id)
    expect(told).toHaveLength(1)
    expect(told[0]).toMatchObject({
      title: '您的母亲张桂芳发出了紧急呼叫',
      link: `/pages/elder-care/sos?id=${c.id}`,
      urgent: true
    })
    expect(told[0].body).not.toContain('我来处理')
    expect(c.steps.map((s: any) => s.label)).toContain('已通知家属')

    const his = await data('demo-family', 'sosCall', { id: c.id })
    expect(his).toMatchObject({
      audience: 'family',
      title: '您的母亲张桂芳发出了紧急呼叫',
      state: 'open',
      elderPhone: expect.stringMatching(/^1\d{10}$/)
    })
    expect(his.responder).toBeUndefined()
    const staff = await data('demo-grid-worker', 'sosCall', { id: c.id })
    expect(staff).toMatchObject({ audience: 'staff', title: '张桂芳的紧急呼叫' })
    expect(staff.responder.address).toMatch(/\d+栋\d+单元\d{3}/)
    const stranger = await call('demo-resident', 'sosCall', { id: c.id })
    expect(stranger.error).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('社区服务热线') })

    await data('demo-grid-worker', 'sosAck', { id: c.id })
    const [elderHears] = await inboxOf('demo-elder', 'elder-care.sos-progress', c.id)
    expect(elderHears.title).toBe('刘海燕已响应您的紧急呼叫')
    const [sonHears] = await inboxOf('demo-family', 'elder-care.sos-progress', c.id)
    expect(sonHears).toMatchObject({ title: '刘海燕已前往处理', link: `/pages/elder-care/sos?id=${c.id}` })
    expect(sonHears.body).toContain('您的母亲张桂芳')
    const answered = await data('demo-family', 'sosCall', { id: c.id })
    expect(answered).toMatchObject({ state: 'acknowledged', statusLine: '刘海燕已前往处理' })
    // The answer is one line (the call's ackBy and its step record it both), with its time.
    expect(answered.responders).toEqual([{ name: '刘海燕', at: expect.any(String) }])
    expect(answered.steps.map((s: any) => s.label).join('|')).not.toContain('已响应')
    // Answering again (the ack retried, a second tap) adds no second responder.
    await data('demo-grid-worker', 'sosAck', { id: c.id })
    expect((await data('demo-elder', 'mySos', {})).responders).toHaveLength(1)
    await closeCall(c.id)
  })
})

describe('the phone follow-up list and SOS calls', () => {
  it('adds nothing for a call cancelled as a mistaken press', async () => {
    const c = await data('demo-elder', 'sosPress', {})
    await data('demo-elder', 'sosCancel', { id: c.id })
    await notificationsTimerAt(Date.parse(c.pressedAt) + 10 * 60_000)
    expect((await followUpsOf(c.id)).filter(f => f.status === 'open')).toEqual([])
  })

  it('adds nothing for a call answered before the deadline, though the alerts stay unread', async () => {
    const c = await data('demo-elder', 'sosPress', {})
    await data('demo-staff', 'sosAck', { id: c.id })
    await notificationsTimerAt(Date.parse(c.pressedAt) + 10 * 60_000)
    expect((await followUpsOf(c.id)).filter(f => f.status === 'open')).toEqual([])
    await closeCall(c.id)
  })

  it('lists each person once for a call nobody answers, and takes them off once it is answered', async () => {
    const c = await data('demo-elder', 'sosPress', {})
    const pressed = Date.parse(c.pressedAt)
    expect((await tick('sosLadder', new Date(pressed + 121_000))).escalated).toBe(1) // the family: inbox and, as a contact, phone
    // What the elder's page says is what happened: the son was told at the press, at 2 minutes again and by phone.
    const lines = (await data('demo-elder', 'mySos', {})).steps.map((s: any) => ({
      label: s.label,
      told: s.told,
      at: Date.parse(s.at) - pressed
    }))
    expect(lines).toEqual(
      expect.arrayContaining([
        { label: '已通知家属', told: ['儿子张伟'], at: expect.any(Number) },
        { label: '2分钟无人响应，再次通知家属，并请工作人员打电话给家属', told: ['儿子张伟'], at: expect.any(Number) }
      ])
    )
    expect(lines.find((l: any) => l.label === '已通知家属').at).toBeLessThan(10_000)
    expect(lines.find((l: any) => l.label.startsWith('2分钟')).at).toBeGreaterThanOrEqual(120_000)
    expect((await tick('sosLadder', new Date(pressed + 241_000))).escalated).toBe(1) // the admin
    await notificationsTimerAt(pressed + 10 * 60_000)
    const open = await followUpsOf(c.id)
    expect(open.length).toBeGreaterThan(0)
    const byPerson = new Map<string, number>()
    for (const f of open) byPerson.set(f.phone ?? f.openId, (byPerson.get(f.phone ?? f.openId) ?? 0) + 1)
    expect([...byPerson.values()].every(n => n === 1)).toBe(true)
    expect(open.filter(f => f.name === '张伟')).toHaveLength(1) // in the app and as a phone contact: one call

    await data('demo-grid-worker', 'sosAck', { id: c.id })
    expect((await followUpsOf(c.id)).every(f => f.status === 'done')).toBe(true)
    // Another minute of the timer adds nothing back.
    await notificationsTimerAt(pressed + 20 * 60_000)
    expect((await followUpsOf(c.id)).every(f => f.status === 'done')).toBe(true)
    await closeCall(c.id)
  })
})

// Last: every notice these flows sent opens a page its reader may see (issue 18).
test('every notice sent above opens, for its recipient, a page that loads what it is about', async () => {
  await expectEveryLinkOpens(cloud)
})
