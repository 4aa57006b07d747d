/**
 * The deep-link audit on the SOS, where it failed in the first release (the son's alert opened the
 * staff desk: 您没有权限进行此操作): a call that climbs the whole ladder and is answered tells the
 * elder, her son, the grid worker, the duty staff and the admin, and each one's notices open a page
 * that loads that call for them. The other integration files end with the same audit over the
 * notices their flows send (expectEveryLinkOpens). Needs `npm run build:functions` first.
 */
import { auditInboxLinks, openAs } from './deep-links.helper'
import { useSeededCloud, communityDb } from './local-cloud.helper'

jest.setTimeout(60_000)

const cloud = useSeededCloud('elder-care')
const { data, tick, docs } = cloud

describe('every SOS notice opens a page its reader may see', () => {
  it('the elder, her son, the grid worker, the duty staff and the admin each open theirs', async () => {
    const c = await data('demo-elder', 'sosPress', {})
    const pressed = Date.parse(c.pressedAt)
    expect((await tick('sosLadder', new Date(pressed + 121_000))).escalated).toBe(1)
    expect((await tick('sosLadder', new Date(pressed + 241_000))).escalated).toBe(1)
    await data('demo-grid-worker', 'sosAck', { id: c.id })

    const audit = await auditInboxLinks(cloud)
    expect(audit.problems).toEqual([])
    const reached = new Set(
      audit.opened.filter(o => o.link.includes(c.id) || o.link === '/pages/elder-care/staff').map(o => o.to)
    )
    for (const who of ['demo-elder', 'demo-family', 'demo-grid-worker', 'demo-admin'])
      expect([...reached]).toContain(who)
    // The duty staff of the moment (the roster decides who): at least one staff member was alerted.
    expect(
      audit.opened.some(
        o =>
          o.kind === 'elder-care.sos' && o.to !== 'demo-grid-worker' && o.to !== 'demo-admin' && o.to !== 'demo-family'
      )
    ).toBe(true)
    // The son's notices open the call itself, in his words, never the desk.
    const his = audit.opened.filter(o => o.to === 'demo-family')
    expect(his.map(o => o.kind).sort()).toEqual(['elder-care.sos', 'elder-care.sos-family', 'elder-care.sos-progress'])
    expect(his.every(o => o.link === `/pages/elder-care/sos?id=${c.id}`)).toBe(true)
    await data('demo-grid-worker', 'sosResolve', { id: c.id, note: '测试结束' })
  })

  it("fails the audit when the son's alert opens the staff desk (the first release's bug)", async () => {
    expect(await openAs(cloud, 'demo-family', '/pages/elder-care/staff')).toEqual(
      expect.arrayContaining([expect.stringContaining('elder-care.openSos answered FORBIDDEN')])
    )
    // As an inbox item, the audit reports it.
    const [alert] = await docs('inbox', { to: 'demo-family', kind: 'elder-care.sos-family' })
    await communityDb()
      .collection('inbox')
      .add({ ...alert, _id: `${alert._id as string}:wrong`, link: '/pages/elder-care/staff' })
    try {
      const audit = await auditInboxLinks(cloud)
      expect(audit.problems).toContain(
        'elder-care.sos-family: /pages/elder-care/staff as demo-family: elder-care.openSos answered FORBIDDEN 您没有权限进行此操作'
      )
      expect(
        audit.problems.every(p => p.startsWith('elder-care.sos-family: /pages/elder-care/staff as demo-family:'))
      ).toBe(true)
    } finally {
      await communityDb()
        .collection('inbox')
        .doc(`${alert._id as string}:wrong`)
        .remove()
    }
    // A link without the call's id, or to another call, fails too.
    expect(await openAs(cloud, 'demo-family', '/pages/elder-care/sos')).toEqual(
      expect.arrayContaining([expect.stringContaining('lacks id')])
    )
    expect((await openAs(cloud, 'demo-resident', alert.link as string)).join()).toContain('FORBIDDEN')
  })
})
