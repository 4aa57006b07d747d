/**
 * The deep-link audit on residents' reports (随手拍): a report's life (made, followed by a neighbour (我也遇到),
 * accepted, noted, resolved, reopened as not solved, resolved again, confirmed) tells its reporter, its follower and
 * its grid worker; each one's notices open a page that loads that report for them (src/pages/page-loads.ts), never
 * 没有权限. Needs `npm run build:functions` first.
 */
import { expectEveryLinkOpens, openAs } from './deep-links.helper'
import { useSeededCloud } from './local-cloud.helper'

jest.setTimeout(60_000)

const cloud = useSeededCloud('grid')
const { data } = cloud

describe('every notice about a report opens a page its reader may see', () => {
  it('the reporter, a follower and the grid worker each open theirs', async () => {
    const options = await data('demo-resident', 'reportOptions')
    const report = await data(
      'demo-resident',
      'submitReport',
      {
        category: 'clutter',
        description: '1栋楼道堆满纸箱，老人下楼不方便',
        place: { buildingId: options.homeBuildingId, text: '楼道' }
      },
      'links-report-1'
    )
    await data('demo-guardian', 'followReport', { reportId: report.id }, 'links-follow-1')
    await data('demo-grid-worker', 'acceptReport', { reportId: report.id }, 'links-accept-1')
    await data('demo-grid-worker', 'noteReport', { reportId: report.id, note: '已联系物业' }, 'links-note-1')
    await data('demo-grid-worker', 'resolveReport', { reportId: report.id, note: '纸箱已清走' }, 'links-resolve-1')
    await data('demo-resident', 'confirmReport', { reportId: report.id, outcome: 'unsolved' }, 'links-confirm-1')
    await data('demo-grid-worker', 'resolveReport', { reportId: report.id, note: '又清了一次' }, 'links-resolve-2')
    await data('demo-resident', 'confirmReport', { reportId: report.id, outcome: 'solved' }, 'links-confirm-2')

    const audit = await expectEveryLinkOpens(cloud)
    const about = audit.opened.filter(o => o.kind.startsWith('grid.'))
    const reached = (who: string) => about.filter(o => o.to === who).map(o => o.link)
    // The reporter and the follower are told of the moves, each notice opening the report itself.
    expect(reached('demo-resident')).toContain(`/pages/grid/report-detail?id=${report.id}`)
    expect(reached('demo-guardian')).toContain(`/pages/grid/report-detail?id=${report.id}`)
    // The grid worker is told of the new report and of the reopen.
    expect(reached('demo-grid-worker').length).toBeGreaterThan(0)
  })

  it('fails the audit for a reader the report is not for: a hidden report opened by another resident', async () => {
    const options = await data('demo-resident', 'reportOptions')
    const hidden = await data(
      'demo-resident',
      'submitReport',
      {
        category: 'dispute',
        description: '楼上邻居装修噪音很大',
        place: { buildingId: options.homeBuildingId, text: '' },
        hidden: true
      },
      'links-report-hidden'
    )
    const link = `/pages/grid/report-detail?id=${hidden.id}`
    expect(await openAs(cloud, 'demo-resident', link)).toEqual([])
    expect(await openAs(cloud, 'demo-grid-worker', link)).toEqual([])
    expect((await openAs(cloud, 'demo-volunteer', link)).join()).toMatch(/FORBIDDEN|NOT_FOUND/)
    expect(await openAs(cloud, 'demo-grid-worker', '/pages/grid/report-detail')).toEqual(
      expect.arrayContaining([expect.stringContaining('lacks id')])
    )
  })
})
