import type { ReportState } from './grid.model'
import { firstAllowed, nextReportStep, reportCan, type ReportActor, type ReportEvent } from './report.machine'

describe('report machine: who may make which move', () => {
  it.each<[ReportState, ReportEvent, ReportActor, ReportState]>([
    ['submitted', 'accept', 'handler', 'accepted'],
    ['submitted', 'accept', 'staff', 'accepted'],
    ['accepted', 'pass', 'owner', 'passed'],
    ['passed', 'pass', 'owner', 'passed'],
    ['accepted', 'note', 'staff', 'accepted'],
    ['passed', 'resolve', 'owner', 'resolved'],
    ['submitted', 'merge', 'handler', 'merged'],
    ['accepted', 'merge', 'owner', 'merged'],
    ['resolved', 'confirm', 'reporter', 'closed'],
    ['resolved', 'reopen', 'reporter', 'accepted'],
    ['resolved', 'close_unconfirmed', 'system', 'closed'],
    ['closed', 'rate', 'reporter', 'closed'],
    ['submitted', 'withdraw', 'reporter', 'withdrawn'],
    ['accepted', 'follow', 'resident', 'accepted'],
    ['submitted', 'escalate', 'system', 'submitted']
  ])('%s --%s by %s--> %s', (from, event, actor, to) => {
    expect(nextReportStep(from, event, actor)).toMatchObject({ ok: true, value: { to } })
  })

  it.each<[ReportState, ReportEvent, ReportActor, string]>([
    // 首问负责: once owned, another handler of the grid neither passes, resolves nor folds it away
    ['accepted', 'pass', 'handler', 'FORBIDDEN'],
    ['accepted', 'resolve', 'handler', 'FORBIDDEN'],
    ['accepted', 'merge', 'handler', 'FORBIDDEN'],
    // the reporter can't resolve their own report, nor a follower confirm it
    ['accepted', 'resolve', 'reporter', 'FORBIDDEN'],
    ['resolved', 'confirm', 'follower', 'FORBIDDEN'],
    // a resident can't accept
    ['submitted', 'accept', 'resident', 'FORBIDDEN'],
    // too late to withdraw once someone accepted it; nothing more to do once closed
    ['accepted', 'withdraw', 'reporter', 'INVALID_TRANSITION'],
    ['closed', 'reopen', 'reporter', 'INVALID_TRANSITION'],
    ['accepted', 'accept', 'handler', 'INVALID_TRANSITION'],
    ['withdrawn', 'follow', 'resident', 'INVALID_TRANSITION'],
    ['merged', 'resolve', 'owner', 'INVALID_TRANSITION']
  ])('%s --%s by %s: %s', (from, event, actor, code) => {
    expect(nextReportStep(from, event, actor)).toMatchObject({ ok: false, code })
  })

  it('says why in plain words', () => {
    const res = nextReportStep('accepted', 'withdraw', 'reporter')
    expect(!res.ok && res.message).toContain('处理中')
  })

  it('takes the first standing that allows the move (a 社工 who also reported it resolves as staff)', () => {
    expect(firstAllowed('accepted', 'resolve', ['staff', 'reporter'])).toMatchObject({
      ok: true,
      value: { actor: 'staff' }
    })
    expect(firstAllowed('accepted', 'resolve', ['reporter'])).toMatchObject({ ok: false, code: 'FORBIDDEN' })
  })

  it.each<[ReportState, ReportActor[], boolean, string[]]>([
    ['submitted', ['handler', 'resident'], false, ['accept', 'merge', 'follow']],
    ['submitted', ['reporter'], false, ['withdraw']],
    ['accepted', ['owner', 'handler', 'resident'], false, ['pass', 'note', 'resolve', 'merge', 'follow']],
    ['resolved', ['reporter'], false, ['confirm']],
    ['closed', ['reporter'], false, ['rate']],
    ['closed', ['reporter'], true, []],
    ['accepted', ['follower'], false, []]
  ])('the view of a %s report offers %s the buttons %#', (state, actors, rated, can) => {
    expect(reportCan(state, actors, rated)).toEqual(can)
  })
})
