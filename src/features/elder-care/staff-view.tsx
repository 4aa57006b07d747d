import { useEffect, useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { callFunction } from '@/api'
import { useCloudQuery } from '@/api/use-cloud-query.hook'
import { usePagedQuery } from '@/api/use-paged-query.hook'
import { PageShell } from '@/components/theme/page-shell'
import { shanghaiDateTime } from '@/components/format/time'
import Button from '@/components/ui/button'
import { confirm } from '@/components/ui/confirm'
import { FormProblem, SubmitButton, TextField } from '@/components/form/form-field'
import { charCount } from '@/components/form/field-errors'
import { useFormProblems } from '@/components/form/use-form-problems.hook'
import { useRefusal } from '@/components/form/use-refusal.hook'
import type { WireError } from '@/core/shared/wire'
import { elderCareCopy as copy, menuMaxDishes, menuMaxName } from './copy'
import { hasAnyRole } from '@/core/community/caller'
import { useWhoami } from '@/features/me/use-whoami.hook'
import { careRequestPage, dayMealsView, helpersView, kpiView, patrolPage, serviceTypesView, sosPage, type CareRequestItem, type HelperItem, type PatrolItem, type ServiceTypeItem, type SosItem } from './elder-care.views'
import './elder-care.css'

/** 养老服务台 (staff, grid workers): open SOS calls first, then the triage/dispatch queue, then today's meals. */
export function StaffView () {
  const { me } = useWhoami()
  if (!me) return <PageShell className='elder-care'><Text className='status-line'>{copy.loading}</Text></PageShell>
  return <Desk staff={hasAnyRole(me, ['staff', 'admin'])} gridWorker={hasAnyRole(me, ['grid_worker'])} />
}

function Desk ({ staff, gridWorker }: { staff: boolean, gridWorker: boolean }) {
  const sos = usePagedQuery<SosItem>({ fn: 'elder-care', action: 'openSos', schema: sosPage, badResponse: copy.badResponse })
  // SOS calls must show up without a manual refresh.
  useEffect(() => {
    const t = setInterval(sos.reload, 10_000)
    return () => clearInterval(t)
  }, [sos.reload])
  const meals = useCloudQuery({ fn: 'elder-care', action: 'dayMeals', schema: dayMealsView, badResponse: copy.badResponse })

  // A form passes its `show` to put the refusal at its fields; a one-tap button passes its key, and
  // its refusal is shown beside it (`refused(key)`) until the next tap: never a modal over the desk.
  const refusal = useRefusal()
  const act: Act = async (action, payload, then, refused) => {
    refusal.clear()
    const res = await callFunction('elder-care', action, payload)
    if (!res.ok) return typeof refused === 'string' ? refusal.refuse(refused, res.error) : refused(res.error)
    then()
  }
  const refused = refusal.at

  return (
    <PageShell className='elder-care'>
      <Text className='section-title'>{copy.openSos}</Text>
      {sos.error && <Text className='status-line'>{sos.error.message}</Text>}
      {!sos.loading && sos.items.length === 0 && <View className='card'><Text className='text-soft'>{copy.noOpenSos}</Text></View>}
      {sos.items.map(c => <SosCard key={c.id} c={c} act={(a, p, onError) => act(a, p, sos.reload, onError)} refused={refused} />)}

      {(staff || gridWorker) && <Dispatch act={act} refused={refused} gridOnly={!staff} />}
      <Patrols act={act} refused={refused} />
      <View className='big-action big-action--plain' onClick={() => void Taro.navigateTo({ url: '/pages/elder-care/elders' })}>{copy.eldersNav}</View>

      <Text className='section-title'>{copy.meals}</Text>
      {meals.data && (
        <View className='card' data-testid='day-meals'>
          <Text className='elder-text'>{copy.dineInCount(meals.data.dineIn)} · {copy.deliveryCount(meals.data.delivery)}</Text>
          <Text className='status-line'>{copy.round}</Text>
          {meals.data.round.map(r => <Text key={r.address + r.elderName} className='meals__stop'>{r.address}　{r.elderName}　{r.phone}</Text>)}
        </View>
      )}
      {staff && <MenuEditor act={act} />}
      {staff && <ServiceTypes act={act} refused={refused} />}
    </PageShell>
  )
}

/** The catalog residents pick from (上门照护, 助浴…): staff add items and stop or resume them. */
function ServiceTypes ({ act, refused }: { act: Act, refused: Refused }) {
  const types = useCloudQuery({ fn: 'elder-care', action: 'serviceTypes', schema: serviceTypesView, badResponse: copy.badResponse })
  const [name, setName] = useState('')
  const [minutes, setMinutes] = useState('60')
  const [paid, setPaid] = useState(false)
  const [busy, setBusy] = useState(false)
  const problems = useFormProblems(serviceTypeLabels)
  const minutesOk = /^\d+$/.test(minutes.trim()) && Number(minutes) >= 10 && Number(minutes) <= 600
  const why = name.trim() === '' ? copy.needServiceTypeName : !minutesOk ? copy.badServiceTypeMinutes : null
  const save = (t: ServiceTypeItem, patch: Partial<ServiceTypeItem>): void => {
    void act('saveServiceType', {
      id: t._id, name: t.name, description: t.description, minutes: t.minutes ?? 60, paid: t.paid, active: t.active ?? true, order: t.order ?? 0, ...patch
    }, types.reload, `type:${t._id}`)
  }
  const add = async (): Promise<void> => {
    problems.clear()
    setBusy(true)
    // Staff name the service in Chinese; the id only has to be unique and stable.
    await act('saveServiceType', { id: `st-${Date.now().toString(36)}`, name: name.trim(), minutes: Number(minutes), paid, active: true, order: (types.data?.length ?? 0) + 1 }, () => {
      setName('')
      types.reload()
    }, problems.show)
    setBusy(false)
  }
  return (
    <View data-testid='service-types'>
      <Text className='section-title'>{copy.serviceTypesTitle}</Text>
      {types.error && <Text className='status-line'>{types.error.message}</Text>}
      {(types.data ?? []).map(t => (
        <View key={t._id} className='card'>
          <View className='care-request__head'>
            <Text className='elder-text'>{t.name}　{t.paid ? copy.serviceTypePaid : copy.serviceTypeFree}{t.active === false ? `　${copy.serviceTypeStopped}` : ''}</Text>
            <Button size='small' onClick={() => save(t, { active: t.active === false })}>{t.active === false ? copy.serviceTypeResume : copy.serviceTypeStop}</Button>
          </View>
          <FormProblem problem={refused(`type:${t._id}`)} />
        </View>
      ))}
      <View className='card editor'>
        <TextField
          name='service-type-name' label={copy.serviceTypeNameLabel} placeholder={copy.serviceTypeNameHint} value={name} maxLength={20}
          error={problems.field('name')} onChange={v => { setName(v); problems.clear('name') }}
        />
        <TextField
          name='service-type-minutes' type='number' label={copy.serviceTypeMinutesLabel} hint={copy.serviceTypeMinutesHint} value={minutes} maxLength={3}
          error={problems.field('minutes')} onChange={v => { setMinutes(v); problems.clear('minutes') }}
        />
        <View className='rate__stars'>
          <Button size='small' type={paid ? 'default' : 'primary'} onClick={() => setPaid(false)}>{copy.serviceTypeFree}</Button>
          <Button size='small' type={paid ? 'primary' : 'default'} onClick={() => setPaid(true)}>{copy.serviceTypePaid}</Button>
        </View>
        <SubmitButton busy={busy} disabledReason={why} problem={problems.form} onClick={() => void add()}>{copy.serviceTypeAdd}</SubmitButton>
      </View>
    </View>
  )
}

const serviceTypeLabels = { name: copy.serviceTypeNameLabel, minutes: copy.serviceTypeMinutesLabel }

/** 「陈志强（志愿者）」, 「安康中心·周敏（服务机构）」: who, and in which role. */
const helperLabel = (h: HelperItem): string => `${h.orgName ? `${h.orgName}·${h.name}` : h.name}（${copy.helperKinds[h.kind]}）`

/** `refused`: a form's `show` (problems at its fields), or the key of the one-tap button pressed. */
type Act = (action: string, payload: Record<string, unknown>, then: () => void, refused: string | ((e: WireError) => void)) => Promise<void>
/** The refusal to show beside the button with this key, if the last tap was refused. */
type Refused = (key: string) => string | null

/** Staff: the triage/dispatch queue and the month's figures. */
function Dispatch ({ act, refused, gridOnly }: { act: Act, refused: Refused, gridOnly: boolean }) {
  const queue = usePagedQuery<CareRequestItem>({ fn: 'elder-care', action: 'careQueue', schema: careRequestPage, badResponse: copy.badResponse })
  const helpers = useCloudQuery({ fn: 'elder-care', action: 'helpers', schema: helpersView, badResponse: copy.badResponse })
  // Dispatching sends someone to an elder's home: asked first, naming who, their role and load.
  const dispatch = async (r: CareRequestItem, h: HelperItem): Promise<void> => {
    const who = helperLabel(h)
    if (!(await confirm({ title: copy.dispatchAsk(who, r.elderName), content: copy.dispatchAskDetail(r.serviceName, shanghaiDateTime(r.window.start), h.load), confirmText: copy.dispatchConfirm }))) return
    await act('assign', { id: r.id, assignee: { kind: h.kind, userId: h.userId } }, () => { queue.reload(); helpers.reload() }, `queue:${r.id}`)
  }
  return (
    <>
      <Text className='section-title'>{gridOnly ? copy.queueGrid : copy.queue}</Text>
      {queue.error && <Text className='status-line'>{queue.error.message}</Text>}
      {!queue.loading && queue.items.length === 0 && <View className='card'><Text className='text-soft'>{copy.queueEmpty}</Text></View>}
      {queue.items.map(r => (
        <View key={r.id} className='card care-request' data-testid='queue-item'>
          <View className='care-request__head'>
            <Text className='care-request__name'>{r.elderName} · {r.serviceName}</Text>
            <Text className={`state state--${r.state}`}>{r.stateLabel}</Text>
          </View>
          <Text className='status-line'>{shanghaiDateTime(r.window.start)} · {r.address}</Text>
          {r.history.some(h => h.proxy) && <Text className='tag-proxy'>{copy.proxyTag}</Text>}
          {r.note && <Text className='status-line'>{r.note}</Text>}
          <FormProblem problem={refused(`queue:${r.id}`)} />
          {r.actions.includes('triage') && <Button type='primary' block onClick={() => void act('triage', { id: r.id }, queue.reload, `queue:${r.id}`)}>{copy.triage}</Button>}
          {r.actions.includes('assign') && (
            <View className='assign'>
              <Text className='status-line'>{copy.assignTo}</Text>
              {(helpers.data ?? []).map(h => (
                <Button key={`${h.kind}:${h.userId}`} size='small' data-testid='helper' onClick={() => void dispatch(r, h)}>{helperLabel(h)} · {copy.load(h.load)}</Button>
              ))}
            </View>
          )}
          {r.assignee && <Text className='status-line'>服务人员：{r.assignee.name}</Text>}
        </View>
      ))}
      {queue.hasMore && <Button block onClick={queue.more}>{copy.more}</Button>}

      {/* The month's figures are the office's (careKpis is staff-only): a grid worker's desk doesn't ask. */}
      {!gridOnly && <Kpis />}
    </>
  )
}

function Kpis () {
  const [range] = useState(() => ({ from: new Date(Date.now() - 30 * 86_400_000).toISOString(), to: new Date(Date.now() + 60_000).toISOString() }))
  const kpi = useCloudQuery({ fn: 'elder-care', action: 'careKpis', payload: range, schema: kpiView, badResponse: copy.badResponse })
  if (!kpi.data) return null
  return (
    <View className='card' data-testid='kpis'>
      <Text className='section-title'>{copy.kpiTitle}</Text>
      <Text className='elder-text'>{copy.kpiLine(kpi.data)}</Text>
    </View>
  )
}

/** 关爱巡访: due and overdue visits to elders living alone; one tap records a visit. */
function Patrols ({ act, refused }: { act: Act, refused: Refused }) {
  const list = usePagedQuery<PatrolItem>({ fn: 'elder-care', action: 'patrolList', schema: patrolPage, badResponse: copy.badResponse })
  return (
    <>
      <Text className='section-title'>{copy.patrols}</Text>
      {list.error && <Text className='status-line'>{list.error.message}</Text>}
      {!list.loading && list.items.length === 0 && <View className='card'><Text className='text-soft'>{copy.empty}</Text></View>}
      {list.items.map(p => (
        <View key={p.elderId} className={`card patrol${p.overdue ? ' patrol--overdue' : ''}`} data-testid='patrol'>
          <Text className='care-request__name'>{p.elderName}</Text>
          <Text className='status-line'>{copy.patrolDue(shanghaiDateTime(p.nextDueAt), p.everyDays)}{p.overdue ? ` · ${copy.overdue}` : ''}</Text>
          <FormProblem problem={refused(`patrol:${p.elderId}`)} />
          <Button size='small' onClick={() => void act('recordPatrol', { elderId: p.elderId }, list.reload, `patrol:${p.elderId}`)}>{copy.visited}</Button>
        </View>
      ))}
      {list.hasMore && <Button block onClick={list.more}>{copy.more}</Button>}
    </>
  )
}

/**
 * Staff: tomorrow's lunch, one dish a line as `菜名 价格`. The limits (10 dishes, 20 characters a
 * name) are counted as she types and named before she taps, not found out from a refusal.
 */
function MenuEditor ({ act }: { act: Act }) {
  const [text, setText] = useState('')
  const [busy, setBusy] = useState(false)
  const problems = useFormProblems(menuLabels)
  const date = new Date(Date.now() + 8 * 3600_000 + 86_400_000).toISOString().slice(0, 10)
  const lunch = text.split('\n').map(l => l.trim()).filter(Boolean).map(l => {
    const m = /^(.+?)\s+(\d+(?:\.\d+)?)元?$/.exec(l)
    return m ? { name: m[1], price: Number(m[2]) } : { name: l, price: 0 }
  })
  const long = lunch.findIndex(d => charCount(d.name) > menuMaxName)
  const why = lunch.length === 0
    ? copy.needMenu
    : lunch.length > menuMaxDishes ? copy.tooManyDishes(lunch.length) : long >= 0 ? copy.dishTooLong(long + 1) : null
  const save = async (): Promise<void> => {
    problems.clear()
    setBusy(true)
    await act('saveMenu', { date, lunch }, () => { setText(''); void Taro.showToast({ title: copy.saved, icon: 'success' }) }, problems.show)
    setBusy(false)
  }
  return (
    <View data-testid='menu-editor'>
      <Text className='section-title'>{copy.menuEditor(date)}</Text>
      <TextField
        name='menu' multiline label={copy.menuLabel} placeholder={copy.menuHint} hint={copy.menuCount(lunch.length)} value={text}
        error={problems.field('lunch')} onChange={v => { setText(v); problems.clear('lunch') }}
      />
      <SubmitButton busy={busy} disabledReason={why} problem={problems.form} onClick={() => void save()}>{copy.saveMenu}</SubmitButton>
    </View>
  )
}

const menuLabels = { lunch: copy.menuLabel, date: copy.menuLabel }

function SosCard ({ c, act, refused }: { c: SosItem, act: (action: string, payload: Record<string, unknown>, refused: string | ((e: WireError) => void)) => Promise<void>, refused: Refused }) {
  const [note, setNote] = useState('')
  const [busy, setBusy] = useState(false)
  const problems = useFormProblems(resolveLabels)
  const resolve = async (): Promise<void> => {
    problems.clear()
    setBusy(true)
    await act('sosResolve', { id: c.id, note: note.trim() }, problems.show)
    setBusy(false)
  }
  return (
    <View className={`card sos-card sos-card--${c.state}`} data-testid='open-sos'>
      <Text className='sos-card__title'>{c.elderName} · {c.stateLabel}</Text>
      <Text className='status-line'>{shanghaiDateTime(c.pressedAt)}</Text>
      {c.responder && (
        <View>
          <Text className='sos-card__line'>{c.responder.address}</Text>
          <Text className='sos-card__line'>{c.responder.phone}</Text>
          {c.responder.careNotes && <Text className='sos-card__line'>{c.responder.careNotes}</Text>}
          {c.responder.familyContacts.map(f => <Text key={f.phone} className='status-line'>{f.relation} {f.name} {f.phone}</Text>)}
        </View>
      )}
      {c.steps.map((s, i) => <Text key={i} className='status-line'>{shanghaiDateTime(s.at)} {s.label}</Text>)}
      <FormProblem problem={refused(`sos:${c.id}`)} />
      {c.state === 'open' && <Button type='primary' block onClick={() => void act('sosAck', { id: c.id }, `sos:${c.id}`)}>{copy.ack}</Button>}
      {c.ackBy && <Text className='status-line'>{copy.acked(c.ackBy.name)}</Text>}
      <TextField
        name='resolve-note' multiline label={copy.resolveNoteLabel} placeholder={copy.resolveNoteHint} value={note} maxLength={200}
        error={problems.field('note')} onChange={v => { setNote(v); problems.clear('note') }}
      />
      <SubmitButton type='default' busy={busy} disabledReason={note.trim() ? null : copy.needResolveNote} problem={problems.form} onClick={() => void resolve()}>
        {copy.resolve}
      </SubmitButton>
    </View>
  )
}

const resolveLabels = { note: copy.resolveNoteLabel }
