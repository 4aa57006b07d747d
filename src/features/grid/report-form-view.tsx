import { useState } from 'react'
import { Image, Picker, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useAction, useQuery } from '@/api'
import { FormProblem, SubmitButton, TextField } from '@/components/form/form-field'
import { useFormProblems } from '@/components/form/use-form-problems.hook'
import { PhotoPicker } from '@/components/photos/photo-picker'
import { PageShell } from '@/components/theme/page-shell'
import Button from '@/components/ui/button'
import { confirm } from '@/components/ui/confirm'
import Switch from '@/components/ui/switch'
import { gridContract } from '@/core/grid/grid.contract'
import type { PlanPoint, ReportCategory } from '@/core/grid/grid.model'
import { submitReportInput } from '@/core/grid/grid.schemas'
import type { WireError } from '@/core/shared/wire'
import { reportCopy as copy } from './report-copy'
import type { NearbyItem, ReportOptions } from './report-types'
import { LoadState, reportLink } from './report-ui'

/** 我要报事: what (big tiles with their promise), the words, photos, where, 不公开; then a check, then send. */
export function ReportFormView({ patrolId = null }: { patrolId?: string | null }) {
  const options = useQuery(gridContract.reportOptions, {})
  return (
    <PageShell className='report report--large'>
      {options.data ? (
        <ReportForm options={options.data} patrolId={patrolId} />
      ) : (
        <LoadState error={options.error} loading={options.loading} reload={options.reload} />
      )}
    </PageShell>
  )
}

/** The form's fields as the payload names them (problems go to the field their path starts with). */
const labels = {
  category: copy.categoryLabel,
  description: copy.description,
  photos: copy.reviewPhotos,
  'place.buildingId': copy.building,
  'place.unitId': copy.unit,
  place: copy.reviewPlace
}
/** Business refusals about one field: the server's sentence is shown at that field. */
const refusals = { PLACE_UNKNOWN: 'place.buildingId', PHOTO_INVALID: 'photos', CONTENT_REJECTED: 'description' }
/** A refusal about something typed sends the person back to the form to fix it. */
const backToForm = new Set(['INVALID_INPUT', ...Object.keys(refusals)])

/** The plan (平面图) as 3 × 3 big squares: a tap marks the middle of one, on any phone, with no measuring. */
const planCells = [0, 1, 2].flatMap(row => [0, 1, 2].map(col => ({ x: (col + 0.5) / 3, y: (row + 0.5) / 3 })))
const samePoint = (a: PlanPoint | null, b: PlanPoint): boolean =>
  a !== null && Math.abs(a.x - b.x) < 1e-6 && Math.abs(a.y - b.y) < 1e-6

function ReportForm({ options, patrolId }: { options: ReportOptions; patrolId: string | null }) {
  const [category, setCategory] = useState<ReportCategory | null>(null)
  const [description, setDescription] = useState('')
  const [photos, setPhotos] = useState<string[]>([])
  const [uploading, setUploading] = useState(false)
  const [buildingId, setBuildingId] = useState<string | null>(options.homeBuildingId)
  const [unitId, setUnitId] = useState<string | null>(null)
  const [point, setPoint] = useState<PlanPoint | null>(null)
  const [placeText, setPlaceText] = useState('')
  const [hidden, setHidden] = useState(false)
  const [step, setStep] = useState<'fill' | 'review'>('fill')
  const problems = useFormProblems(labels, refusals)
  // One requestId per filled-in form (useAction): a retry after a lost answer is the same report, not a second.
  const submit = useAction(gridContract.submitReport)
  const follow = useAction(gridContract.followReport)

  const building = options.buildings.find(b => b.id === buildingId) ?? null
  const unit = building?.units.find(u => u.id === unitId) ?? null
  const place = { buildingId, unitId: building ? unitId : null, point, text: placeText.trim() }
  const input = { category: category ?? undefined, description: description.trim(), photos, place, hidden, patrolId }
  const categoryInfo = options.categories.find(c => c.key === category) ?? null
  const placeLabel =
    [building?.name, unit?.name, point ? copy.planPicked : '', placeText.trim()].filter(Boolean).join(' · ') ||
    copy.placeOther

  /** Checks the form with the server's own schema before the check screen, so mistakes show at their fields. */
  const toReview = (): void => {
    problems.clear()
    const parsed = submitReportInput.safeParse(input)
    if (!parsed.success) {
      const issues = parsed.error.issues.map(i => ({ path: i.path.join('.'), message: i.message }))
      problems.show({ code: 'INVALID_INPUT', message: '请检查填写的内容', details: { issues } })
      return
    }
    setStep('review')
  }

  const send = async (): Promise<void> => {
    if (!category) return
    const res = await submit.run(
      { category, description: description.trim(), photos, place, hidden, patrolId },
      {
        onError: (e: WireError) => {
          problems.show(e)
          if (backToForm.has(e.code)) setStep('fill')
        }
      }
    )
    if (!res.ok) return
    void Taro.showToast({ title: copy.sent, icon: 'success' })
    void Taro.redirectTo({ url: reportLink(res.data.id) })
  }

  const followInstead = async (item: NearbyItem): Promise<void> => {
    if (!(await confirm({ title: copy.followAsk, content: copy.followAskBody, confirmText: copy.follow }))) return
    const res = await follow.run({ reportId: item.id }, { key: item.id })
    if (!res.ok) return
    void Taro.showToast({ title: copy.followed, icon: 'success' })
    void Taro.redirectTo({ url: reportLink(item.id) })
  }

  // The form stays mounted behind the check screen: back from it (or from a refusal), everything typed and every
  // uploaded photo is still there (the photo picker holds its thumbnails itself).
  const review = step === 'review' && (
    <View data-testid='report-review'>
      <Nearby category={category} place={place} onFollow={followInstead} busy={follow.busy} refused={follow.refused} />
      <Text className='section-title'>{copy.reviewTitle}</Text>
      <View className='card report-review'>
        <ReviewLine label={copy.reviewCategory} value={categoryInfo ? categoryInfo.label : ''} />
        <ReviewLine label={copy.reviewDescription} value={description.trim()} />
        <ReviewLine label={copy.reviewPlace} value={placeLabel} />
        <ReviewLine
          label={copy.reviewPhotos}
          value={photos.length > 0 ? copy.photoCount(photos.length) : copy.noPhotos}
        />
        <ReviewLine label={copy.reviewHidden} value={hidden ? copy.reviewHiddenYes : copy.reviewHiddenNo} />
        {categoryInfo && <Text className='report-promise'>{categoryInfo.promise}</Text>}
      </View>
      <View className='report-review-actions'>
        <SubmitButton
          onClick={() => void send()}
          busy={submit.busy !== null}
          busyText={copy.sending}
          problem={problems.form}
        >
          {copy.send}
        </SubmitButton>
        <Button block size='large' onClick={() => setStep('fill')}>
          {copy.back}
        </Button>
      </View>
    </View>
  )

  return (
    <>
      {review}
      <View data-testid='report-form' className={step === 'review' ? 'report-form--away' : ''}>
        <Text className='section-title'>{copy.step1}</Text>
        <View className='report-categories' role='radiogroup' aria-label={copy.categoryLabel}>
          {options.categories.map(c => (
            <View
              key={c.key}
              role='radio'
              aria-checked={category === c.key}
              data-testid='report-category'
              className={`report-category${category === c.key ? ' report-category--on' : ''}`}
              onClick={() => {
                setCategory(c.key)
                problems.clear('category')
              }}
            >
              <Text className='report-category__label'>{c.label}</Text>
              <Text className='report-category__promise'>{c.promise}</Text>
            </View>
          ))}
        </View>
        <FormProblem problem={problems.field('category')} />

        <Text className='section-title'>{copy.step2}</Text>
        <TextField
          name='report-description'
          label={copy.description}
          hint={copy.descriptionHint}
          value={description}
          maxLength={500}
          multiline
          error={problems.field('description')}
          onChange={v => {
            setDescription(v)
            problems.clear('description')
          }}
        />

        <Text className='section-title'>{copy.step3}</Text>
        <PhotoPicker
          communityId={options.communityId}
          label={copy.reviewPhotos}
          onChange={(ids, busy) => {
            setPhotos(ids)
            setUploading(busy)
            problems.clear('photos')
          }}
        />
        <FormProblem problem={problems.field('photos')} />

        <Text className='section-title'>{copy.step4}</Text>
        <WherePicker
          options={options}
          buildingId={buildingId}
          unitId={unitId}
          onBuilding={id => {
            setBuildingId(id)
            setUnitId(null)
            problems.clear('place.buildingId')
            problems.clear('place')
          }}
          onUnit={setUnitId}
          error={problems.field('place.buildingId') ?? problems.field('place.unitId')}
        />
        {options.planUrl && (
          <View className='report-plan'>
            <Text className='report-text'>{copy.planTitle}</Text>
            <View className='report-plan__frame'>
              <Image className='report-plan__image' src={options.planUrl} mode='widthFix' />
              <View className='report-plan__cells'>
                {planCells.map((c, i) => (
                  <View
                    key={i}
                    role='button'
                    aria-label={`平面图第 ${Math.floor(i / 3) + 1} 行第 ${(i % 3) + 1} 格`}
                    className={`report-plan__cell${samePoint(point, c) ? ' report-plan__cell--on' : ''}`}
                    onClick={() => {
                      setPoint(c)
                      problems.clear('place')
                    }}
                  />
                ))}
              </View>
            </View>
            {point && (
              <Button size='small' onClick={() => setPoint(null)}>
                {copy.planClear}
              </Button>
            )}
          </View>
        )}
        <TextField
          name='report-place'
          label={copy.placeText}
          hint={copy.placeTextHint}
          value={placeText}
          maxLength={60}
          error={problems.field('place')}
          onChange={v => {
            setPlaceText(v)
            problems.clear('place')
          }}
        />

        {/* A tap anywhere on the card flips it; the switch inside is the control a screen reader hears (one, not
            nested in another: axe nested-interactive). */}
        <View className='card report-hidden' data-testid='report-hidden' onClick={() => setHidden(!hidden)}>
          <View className='report-hidden__head'>
            <Text className='report-hidden__label'>{copy.hiddenLabel}</Text>
            <Switch checked={hidden} label={copy.hiddenLabel} />
          </View>
          <Text className='report-text'>{hidden ? copy.hiddenOn : copy.hiddenOff}</Text>
        </View>

        <SubmitButton
          onClick={toReview}
          disabledReason={category ? (uploading ? copy.waitUpload : null) : copy.needCategory}
          problem={step === 'fill' ? problems.form : null}
        >
          {copy.next}
        </SubmitButton>
      </View>
    </>
  )
}

function ReviewLine({ label, value }: { label: string; value: string }) {
  return (
    <View className='report-line'>
      <Text className='report-line__label'>{label}</Text>
      <Text className='report-line__value'>{value}</Text>
    </View>
  )
}

/** Building and unit, on the phone's own list picker; the caller's home building is chosen already. */
function WherePicker({
  options,
  buildingId,
  unitId,
  onBuilding,
  onUnit,
  error
}: {
  options: ReportOptions
  buildingId: string | null
  unitId: string | null
  onBuilding: (id: string | null) => void
  onUnit: (id: string | null) => void
  error: string | null
}) {
  const building = options.buildings.find(b => b.id === buildingId) ?? null
  const unitAt = building && unitId ? building.units.findIndex(u => u.id === unitId) : -1
  return (
    <View className='report-where'>
      {/* The first choice is "not in a building": a problem at the gate or in the car park has no building. */}
      <ListPicker
        name='report-building'
        label={copy.building}
        none={copy.noBuilding}
        names={options.buildings.map(b => b.name)}
        at={building ? options.buildings.indexOf(building) : -1}
        onPick={i => onBuilding(i >= 0 ? options.buildings[i].id : null)}
      />
      {building && building.units.length > 0 && (
        <ListPicker
          name='report-unit'
          label={copy.unit}
          none={copy.anyUnit}
          names={building.units.map(u => u.name)}
          at={unitAt}
          onPick={i => onUnit(i >= 0 ? building.units[i].id : null)}
        />
      )}
      {error && (
        <View id='report-building-error' className='form-field__error' role='alert'>
          <Text>{error}</Text>
        </View>
      )}
    </View>
  )
}

/** One of `names` (or `none`, at -1) on the phone's own list picker, shown as 「楼栋：3栋 ›」. */
function ListPicker(props: {
  name: string
  label: string
  none: string
  names: string[]
  at: number
  onPick: (at: number) => void
}) {
  const { name, label, none, names, at, onPick } = props
  return (
    <Picker
      mode='selector'
      name={name}
      range={[none, ...names]}
      value={at + 1}
      onChange={e => onPick(Number(e.detail.value) - 1)}
    >
      <View className='form-field__input form-field__picker report-where__pick' role='button'>
        <Text>{`${label}：${at >= 0 ? names[at] : none}`}</Text>
        <Text className='form-field__picker-go' aria-hidden>
          ›
        </Text>
      </View>
    </Picker>
  )
}

/**
 * 已有人报告: open reports of the same kind near the place, offered before a new one is sent; 我也遇到 follows one
 * instead (its reporter's work is not done twice, and the resident still hears how it goes).
 */
function Nearby({
  category,
  place,
  onFollow,
  busy,
  refused
}: {
  category: ReportCategory | null
  place: { buildingId: string | null; unitId: string | null; point: PlanPoint | null; text: string }
  onFollow: (item: NearbyItem) => Promise<void>
  busy: string | null
  refused: (key?: string) => string | null
}) {
  // useQuery asks again only when the input's content changes, not on each render's new object.
  const nearby = useQuery(
    gridContract.nearbyReports,
    { category: category ?? 'other', place },
    { enabled: category !== null }
  )
  const items = nearby.data?.items ?? []
  if (items.length === 0) return null
  return (
    <View className='report-nearby' data-testid='report-nearby'>
      <Text className='section-title'>{copy.nearbyTitle}</Text>
      <Text className='report-text'>{copy.nearbyHint}</Text>
      {items.map(item => (
        <View key={item.id} className='card report-nearby__item'>
          <Text className='report-row__category'>{item.categoryLabel}</Text>
          <Text className='report-text'>{item.summary}</Text>
          <Text className='status-line'>
            {[item.placeLabel, item.stateLabel, copy.followers(item.followers)].filter(Boolean).join(' · ')}
          </Text>
          <FormProblem problem={refused(item.id)} />
          <Button type='primary' block disabled={busy !== null} onClick={() => void onFollow(item)}>
            {copy.follow}
          </Button>
        </View>
      ))}
    </View>
  )
}
