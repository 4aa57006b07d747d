import { useState } from 'react'
import { Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useAction, useQuery } from '@/api'
import { FormProblem, TextField } from '@/components/form/form-field'
import { shanghaiDateTime } from '@/components/format/time'
import { callPhone } from '@/components/phone/call-phone'
import { PhotoPicker } from '@/components/photos/photo-picker'
import { PageShell } from '@/components/theme/page-shell'
import Button from '@/components/ui/button'
import { confirm } from '@/components/ui/confirm'
import { gridContract } from '@/core/grid/grid.contract'
import type { ConfirmOutcome } from '@/core/grid/grid.model'
import { reportCopy as copy } from './report-copy'
import type { ReportView } from './report-types'
import { LoadState, StateTag, reportLink } from './report-ui'

/**
 * One report: what, photos, where, who owns it, its deadlines and every step with its time; below, only the buttons
 * the server says work for this reader (`can`): the reporter confirms, rates or withdraws; a neighbour follows; a
 * handler accepts, passes, notes, resolves or merges. Each consequential tap asks first.
 */
export function ReportDetailView({ reportId }: { reportId: string }) {
  const query = useQuery(gridContract.getReport, { reportId }, { enabled: reportId !== '' })
  // A move answers the report as it now is: shown at once, without another read.
  const [moved, setMoved] = useState<ReportView | null>(null)
  const report = moved && moved.id === reportId ? moved : query.data
  return (
    <PageShell className='report report--large'>
      {report ? (
        <Report
          report={report}
          onMoved={setMoved}
          reload={() => {
            setMoved(null)
            query.reload()
          }}
        />
      ) : (
        <LoadState error={query.error} loading={query.loading} reload={query.reload} />
      )}
    </PageShell>
  )
}

interface Props {
  report: ReportView
  onMoved: (r: ReportView) => void
  /** Read it again (after someone else moved it first: REPORT_TAKEN, CONFLICT). */
  reload: () => void
}

function Report({ report, onMoved, reload }: Props) {
  const open = !['closed', 'merged', 'withdrawn'].includes(report.state)
  return (
    <View data-testid='report-detail'>
      <View className='card'>
        <View className='report-row__head'>
          <Text className='report-detail__category'>{report.categoryLabel}</Text>
          <StateTag state={report.state} label={report.stateLabel} overdue={report.overdue} />
        </View>
        <Text className='report-text report-detail__description'>{report.description}</Text>
        <Photos photos={report.photos} />
        <Line label={copy.place} value={report.place.label} />
        {report.gridName && <Line label={copy.grid} value={report.gridName} />}
        {report.ownerLabel && <Line label={copy.owner} value={report.ownerLabel} />}
        {report.passedToLabel && <Line label={copy.passedTo} value={report.passedToLabel} />}
        {report.state === 'submitted' && <Line label={copy.acceptBy} value={shanghaiDateTime(report.acceptBy)} />}
        {open && <Line label={copy.solveBy} value={shanghaiDateTime(report.solveBy)} />}
        {report.hidden && <Text className='report-state report-state--hidden'>{copy.hiddenTag}</Text>}
        {report.reopenCount > 0 && <Text className='status-line'>{copy.reopened(report.reopenCount)}</Text>}
        {report.closedUnconfirmed && <Text className='status-line'>{copy.closedUnconfirmed}</Text>}
        {report.rating && <Text className='report-text report-rated'>{copy.rated(report.rating.stars)}</Text>}
        {report.reporter && (
          <View className='report-line'>
            <Text className='report-line__label'>{copy.reporter}</Text>
            <Text className='report-line__value'>{report.reporter.name}</Text>
            {report.reporter.phone && (
              <Button size='small' onClick={() => void callPhone(report.reporter?.phone ?? '')}>
                {copy.callReporter(report.reporter.phone)}
              </Button>
            )}
          </View>
        )}
      </View>
      {report.afterPhotos.length > 0 && (
        <View className='card'>
          <Text className='report-part__title'>{copy.afterPhotos}</Text>
          <Photos photos={report.afterPhotos} />
        </View>
      )}
      {report.mergedInto && (
        <View className='card'>
          <Text className='report-text'>{copy.mergedInto}</Text>
          <Button block onClick={() => void Taro.redirectTo({ url: reportLink(report.mergedInto ?? '') })}>
            {copy.openMerged}
          </Button>
        </View>
      )}
      {report.relation === 'follower' && <Text className='report-text report-following'>{copy.following}</Text>}

      <ReporterActions report={report} onMoved={onMoved} reload={reload} />
      <HandlerActions report={report} onMoved={onMoved} reload={reload} />

      <Text className='section-title'>{copy.timeline}</Text>
      <View className='report-timeline' data-testid='report-timeline'>
        {[...report.steps].reverse().map((s, i) => (
          <View key={i} className='report-timeline__step'>
            <Text className='report-timeline__what'>{copy.stepLabels[s.kind] ?? s.kind}</Text>
            {s.note && <Text className='report-text'>{s.note}</Text>}
            <Text className='status-line'>{`${s.by} · ${shanghaiDateTime(s.at)}`}</Text>
          </View>
        ))}
      </View>
    </View>
  )
}

/** Photos as thumbnails; a tap opens them full size (wx.previewImage), a swipe the next. */
function Photos({ photos }: { photos: ReportView['photos'] }) {
  const urls = photos.map(p => p.url).filter((u): u is string => u !== null)
  if (urls.length === 0) return null
  return (
    <View className='report-photos'>
      {urls.map((url, i) => (
        <Image
          key={url}
          className='report-photos__one'
          src={url}
          mode='aspectFill'
          aria-label={`照片 ${i + 1}`}
          onClick={() => void Taro.previewImage({ current: url, urls })}
        />
      ))}
    </View>
  )
}

function Line({ label, value }: { label: string; value: string }) {
  return (
    <View className='report-line'>
      <Text className='report-line__label'>{label}</Text>
      <Text className='report-line__value'>{value}</Text>
    </View>
  )
}

/** A refusal that means "someone moved it first": say so, and show the report as it now is. */
const staleCodes = new Set(['REPORT_TAKEN', 'CONFLICT', 'INVALID_TRANSITION'])

/** The reporter's (and a neighbour's) buttons: 已解决 / 部分解决 / 没解决, stars, 撤回, 我也遇到. */
function ReporterActions({ report, onMoved, reload }: Props) {
  const can = (what: ReportView['can'][number]): boolean => report.can.includes(what)
  const confirmAction = useAction(gridContract.confirmReport)
  const rate = useAction(gridContract.rateReport)
  const withdraw = useAction(gridContract.withdrawReport)
  const follow = useAction(gridContract.followReport)
  const [note, setNote] = useState('')
  const [stars, setStars] = useState(0)
  const [rateNote, setRateNote] = useState('')
  const after = (res: { ok: true; data: ReportView } | { ok: false; error: { code: string } }): void => {
    if (res.ok) onMoved(res.data)
    else if (staleCodes.has(res.error.code)) reload()
  }

  const answer = async (outcome: ConfirmOutcome): Promise<void> => {
    const asked = await confirm({
      title: copy.confirmAsk[outcome],
      content: copy.confirmBody[outcome],
      confirmText: copy[outcome]
    })
    if (!asked) return
    after(await confirmAction.run({ reportId: report.id, outcome, note: note.trim() }, { key: outcome }))
  }

  return (
    <>
      {can('confirm') && (
        <View className='card report-actions' data-testid='confirm-actions'>
          <Text className='section-title'>{copy.asReporter}</Text>
          <TextField
            name='confirm-note'
            label={copy.confirmNote}
            value={note}
            maxLength={200}
            multiline
            onChange={setNote}
          />
          <FormProblem
            problem={
              confirmAction.refused('solved') ?? confirmAction.refused('partly') ?? confirmAction.refused('unsolved')
            }
          />
          <View className='report-actions__row'>
            {(['solved', 'partly', 'unsolved'] as const).map(o => (
              <Button
                key={o}
                type={o === 'solved' ? 'primary' : 'default'}
                size='large'
                disabled={confirmAction.busy !== null}
                onClick={() => void answer(o)}
              >
                {copy[o]}
              </Button>
            ))}
          </View>
        </View>
      )}
      {can('rate') && (
        <View className='card report-actions' data-testid='rate-actions'>
          <Text className='section-title'>{copy.rateTitle}</Text>
          <View className='report-stars' role='radiogroup' aria-label={copy.rateTitle}>
            {[1, 2, 3, 4, 5].map(n => (
              <View
                key={n}
                role='radio'
                aria-checked={stars === n}
                aria-label={copy.starLabel(n)}
                className={`report-star${n <= stars ? ' report-star--on' : ''}`}
                onClick={() => setStars(n)}
              >
                {n <= stars ? '★' : '☆'}
              </View>
            ))}
          </View>
          <TextField
            name='rate-note'
            label={copy.rateNote}
            value={rateNote}
            maxLength={200}
            multiline
            onChange={setRateNote}
          />
          <FormProblem problem={rate.refused()} />
          {stars === 0 && <Text className='form-submit__why'>{copy.chooseStars}</Text>}
          <Button
            type='primary'
            size='large'
            block
            disabled={stars === 0 || rate.busy !== null}
            onClick={() => void rate.run({ reportId: report.id, stars, note: rateNote.trim() }).then(after)}
          >
            {copy.rateSend}
          </Button>
        </View>
      )}
      {can('follow') && (
        <View className='report-actions'>
          <FormProblem problem={follow.refused()} />
          <Button
            type='primary'
            size='large'
            block
            disabled={follow.busy !== null}
            onClick={() =>
              void (async () => {
                if (!(await confirm({ title: copy.followAsk, content: copy.followAskBody, confirmText: copy.follow })))
                  return
                after(await follow.run({ reportId: report.id }))
              })()
            }
          >
            {copy.follow}
          </Button>
        </View>
      )}
      {can('withdraw') && (
        <View className='report-actions'>
          <FormProblem problem={withdraw.refused()} />
          <Button
            size='large'
            block
            disabled={withdraw.busy !== null}
            onClick={() =>
              void (async () => {
                if (!(await confirm({ title: copy.withdrawAsk, content: copy.withdrawBody, confirmText: '撤回' })))
                  return
                after(await withdraw.run({ reportId: report.id, reason: '' }))
              })()
            }
          >
            {copy.withdraw}
          </Button>
        </View>
      )}
    </>
  )
}

/** A handler's buttons: 受理 (首问负责), 转办, 记录进展, 办结 (with after-photos), 合并. */
function HandlerActions({ report, onMoved, reload }: Props) {
  const can = (what: ReportView['can'][number]): boolean => report.can.includes(what)
  const accept = useAction(gridContract.acceptReport)
  const pass = useAction(gridContract.passReport)
  const note = useAction(gridContract.noteReport)
  const resolve = useAction(gridContract.resolveReport)
  const [passTo, setPassTo] = useState<'juwei' | 'department'>('juwei')
  const [dept, setDept] = useState('')
  const [passNote, setPassNote] = useState('')
  const [progress, setProgress] = useState('')
  const [how, setHow] = useState('')
  const [afterPhotos, setAfterPhotos] = useState<string[]>([])
  const [uploading, setUploading] = useState(false)
  const after = (res: { ok: true; data: ReportView } | { ok: false; error: { code: string } }): boolean => {
    if (res.ok) onMoved(res.data)
    else if (staleCodes.has(res.error.code)) reload()
    return res.ok
  }
  const handles = ['accept', 'pass', 'note', 'resolve', 'merge'].some(k => report.can.includes(k as never))
  // Taken by someone else first (首问负责): the buttons are gone, the sentence naming the owner stays.
  if (!handles) return <FormProblem problem={accept.refused()} />

  return (
    <View className='card report-actions' data-testid='handler-actions'>
      <Text className='section-title'>{copy.handlerTitle}</Text>
      {can('accept') && (
        <>
          <FormProblem problem={accept.refused()} />
          <Button
            type='primary'
            size='large'
            block
            disabled={accept.busy !== null}
            onClick={() =>
              void (async () => {
                if (!(await confirm({ title: copy.acceptAsk, content: copy.acceptBody, confirmText: '受理' }))) return
                after(await accept.run({ reportId: report.id }))
              })()
            }
          >
            {copy.accept}
          </Button>
        </>
      )}
      {can('note') && (
        <View className='report-actions__part'>
          <TextField
            name='progress-note'
            label={copy.noteLabel}
            value={progress}
            maxLength={200}
            multiline
            onChange={setProgress}
          />
          <FormProblem problem={note.refused()} />
          <Button
            block
            disabled={note.busy !== null || progress.trim() === ''}
            onClick={() =>
              void note.run({ reportId: report.id, note: progress.trim() }).then(res => {
                if (after(res)) setProgress('')
              })
            }
          >
            {copy.noteSend}
          </Button>
        </View>
      )}
      {can('resolve') && (
        <View className='report-actions__part'>
          <Text className='report-part__title'>{copy.resolve}</Text>
          <TextField
            name='resolve-note'
            label={copy.resolveNote}
            hint={copy.resolveNoteHint}
            value={how}
            maxLength={200}
            multiline
            onChange={setHow}
          />
          <AfterPhotos
            onChange={(ids, busy) => {
              setAfterPhotos(ids)
              setUploading(busy)
            }}
          />
          <FormProblem problem={resolve.refused()} />
          <Button
            type='primary'
            size='large'
            block
            disabled={resolve.busy !== null || uploading}
            onClick={() =>
              void (async () => {
                if (!(await confirm({ title: copy.resolveAsk, content: copy.resolveBody, confirmText: '办结' }))) return
                after(await resolve.run({ reportId: report.id, note: how.trim(), photos: afterPhotos }))
              })()
            }
          >
            {copy.resolve}
          </Button>
        </View>
      )}
      {can('pass') && (
        <View className='report-actions__part'>
          <Text className='report-part__title'>{copy.pass}</Text>
          <View className='tabs' role='radiogroup'>
            {(['juwei', 'department'] as const).map(k => (
              <View
                key={k}
                role='radio'
                aria-checked={passTo === k}
                className={`tabs__tab${passTo === k ? ' tabs__tab--on' : ''}`}
                onClick={() => setPassTo(k)}
              >
                {k === 'juwei' ? copy.passJuwei : copy.passDept}
              </View>
            ))}
          </View>
          {passTo === 'department' && (
            <TextField
              name='pass-department'
              label={copy.deptName}
              hint={copy.deptHint}
              value={dept}
              maxLength={30}
              onChange={setDept}
            />
          )}
          <TextField
            name='pass-note'
            label={copy.passNote}
            value={passNote}
            maxLength={200}
            multiline
            onChange={setPassNote}
          />
          <FormProblem problem={pass.refused()} />
          <Button
            block
            size='large'
            disabled={pass.busy !== null}
            onClick={() =>
              void (async () => {
                const to = passTo === 'juwei' ? copy.juwei : dept.trim() || copy.passDept
                if (!(await confirm({ title: copy.passAsk(to), content: copy.passBody, confirmText: '转办' }))) return
                const input =
                  passTo === 'juwei'
                    ? { reportId: report.id, kind: 'juwei' as const, note: passNote.trim() }
                    : { reportId: report.id, kind: 'department' as const, name: dept.trim(), note: passNote.trim() }
                after(await pass.run(input))
              })()
            }
          >
            {copy.pass}
          </Button>
        </View>
      )}
      {can('merge') && <MergePicker report={report} onMoved={onMoved} reload={reload} />}
    </View>
  )
}

/** 办结's after-photos (处理后): the same picker as the report's, filed under the report form's community. */
function AfterPhotos({ onChange }: { onChange: (ids: string[], uploading: boolean) => void }) {
  const options = useQuery(gridContract.reportOptions, {})
  if (!options.data) return null
  return <PhotoPicker communityId={options.data.communityId} label={copy.resolvePhotos} onChange={onChange} />
}

/** 合并: the nearby open reports of the same kind, each with its own button; the one chosen asks first. */
function MergePicker({ report, onMoved, reload }: Props) {
  const merge = useAction(gridContract.mergeReport)
  const place = {
    buildingId: report.place.buildingId,
    unitId: report.place.unitId,
    point: report.place.point,
    text: report.place.buildingId || report.place.point ? '' : report.place.label.slice(0, 60)
  }
  const nearby = useQuery(gridContract.nearbyReports, { category: report.category, place })
  const others = (nearby.data?.items ?? []).filter(i => i.id !== report.id)
  return (
    <View className='report-actions__part' data-testid='merge-picker'>
      <Text className='report-part__title'>{copy.merge}</Text>
      <Text className='status-line'>{others.length > 0 ? copy.mergeHint : copy.mergeNone}</Text>
      {others.map(o => (
        <View key={o.id} className='report-nearby__item'>
          <Text className='report-text'>{`${o.summary}（${o.placeLabel} · ${o.stateLabel}）`}</Text>
          <FormProblem problem={merge.refused(o.id)} />
          <Button
            size='small'
            disabled={merge.busy !== null}
            onClick={() =>
              void (async () => {
                if (!(await confirm({ title: copy.mergeAsk, content: copy.mergeBody(o.summary), confirmText: '合并' })))
                  return
                const res = await merge.run({ reportId: report.id, intoId: o.id }, { key: o.id })
                if (res.ok) onMoved(res.data)
                else if (staleCodes.has(res.error.code)) reload()
              })()
            }
          >
            {copy.merge}
          </Button>
        </View>
      ))}
    </View>
  )
}
