import { useEffect, useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useAction, usePagedQuery, useQuery } from '@/api'
import { PageShell } from '@/components/theme/page-shell'
import { shanghaiDateTime } from '@/components/format/time'
import Button from '@/components/ui/button'
import { confirm } from '@/components/ui/confirm'
import { FormProblem, SubmitButton, TextField } from '@/components/form/form-field'
import { charCount } from '@/components/form/field-errors'
import { useFormProblems } from '@/components/form/use-form-problems.hook'
import { elderCareCopy as copy, menuMaxDishes, menuMaxName } from './copy'
import { hasAnyRole } from '@/core/community/caller'
import { policies } from '@/core/community/roles'
import { elderCareContract } from '@/core/elder-care/elder-care.contract'
import type { CareRequestItem, HelperItem, ServiceTypeItem, SosItem } from '@/core/elder-care/elder-care.views'
import { addDays, shanghaiDate } from '@/core/shared/shanghai-time'
import { useWhoami } from '@/features/me/use-whoami.hook'
import './elder-care.css'

/** 养老服务台 (staff, grid workers): open SOS calls first, then the triage/dispatch queue, then today's meals. */
export function StaffView() {
  const { me } = useWhoami()
  if (!me)
    return (
      <PageShell className='elder-care'>
        <Text className='status-line'>{copy.loading}</Text>
      </PageShell>
    )
  return <Desk staff={hasAnyRole(me, policies.staff)} gridWorker={me.roles.includes('grid_worker')} />
}

function Desk({ staff, gridWorker }: { staff: boolean; gridWorker: boolean }) {
  const sos = usePagedQuery(elderCareContract.openSos, {})
  // SOS calls must show up without a manual refresh.
  useEffect(() => {
    const t = setInterval(sos.reload, 10_000)
    return () => clearInterval(t)
  }, [sos.reload])
  const meals = useQuery(elderCareContract.dayMeals, {})

  return (
    <PageShell className='elder-care'>
      <Text className='section-title'>{copy.openSos}</Text>
      {sos.error && <Text className='status-line'>{sos.error.message}</Text>}
      {!sos.loading && sos.items.length === 0 && (
        <View className='card'>
          <Text className='text-soft'>{copy.noOpenSos}</Text>
        </View>
      )}
      {sos.items.map(c => (
        <SosCard key={c.id} c={c} done={sos.reload} />
      ))}

      {(staff || gridWorker) && <Dispatch gridOnly={!staff} />}
      <Patrols />
      <View
        className='big-action big-action--plain'
        onClick={() => void Taro.navigateTo({ url: '/pages/elder-care/elders' })}
      >
        {copy.eldersNav}
      </View>

      <Text className='section-title'>{copy.meals}</Text>
      {meals.data && (
        <View className='card' data-testid='day-meals'>
          <Text className='elder-text'>
            {copy.dineInCount(meals.data.dineIn)} · {copy.deliveryCount(meals.data.delivery)}
          </Text>
          <Text className='status-line'>{copy.round}</Text>
          {meals.data.round.map(r => (
            <Text key={r.address + r.elderName} className='meals__stop'>
              {r.address}　{r.elderName}　{r.phone}
            </Text>
          ))}
        </View>
      )}
      {staff && <MenuEditor />}
      {staff && <ServiceTypes />}
    </PageShell>
  )
}

/** The catalog residents pick from (上门照护, 助浴…): staff add items and stop or resume them. */
function ServiceTypes() {
  const types = useQuery(elderCareContract.serviceTypes, {})
  // Stopping or resuming an item is said beside it; adding one, at the form's fields.
  const toggle = useAction(elderCareContract.saveServiceType)
  const create = useAction(elderCareContract.saveServiceType)
  const [name, setName] = useState('')
  const [minutes, setMinutes] = useState('60')
  const [paid, setPaid] = useState(false)
  const problems = useFormProblems(serviceTypeLabels)
  const minutesOk = /^\d+$/.test(minutes.trim()) && Number(minutes) >= 10 && Number(minutes) <= 600
  const why = name.trim() === '' ? copy.needServiceTypeName : !minutesOk ? copy.badServiceTypeMinutes : null
  const setActive = async (t: ServiceTypeItem, active: boolean): Promise<void> => {
    const { _id: id, ...rest } = t
    if ((await toggle.run({ ...rest, id, active }, { key: id })).ok) types.reload()
  }
  const add = async (): Promise<void> => {
    problems.clear()
    // Staff name the service in Chinese; the id only has to be unique and stable.
    const res = await create.run(
      {
        id: `st-${Date.now().toString(36)}`,
        name: name.trim(),
        minutes: Number(minutes),
        paid,
        active: true,
        order: (types.data?.length ?? 0) + 1
      },
      { onError: problems.show }
    )
    if (!res.ok) return
    setName('')
    types.reload()
  }
  return (
    <View data-testid='service-types'>
      <Text className='section-title'>{copy.serviceTypesTitle}</Text>
      {types.error && <Text className='status-line'>{types.error.message}</Text>}
      {(types.data ?? []).map(t => (
        <View key={t._id} className='card'>
          <View className='care-request__head'>
            <Text className='elder-text'>
              {t.name}　{t.paid ? copy.serviceTypePaid : copy.serviceTypeFree}
              {t.active ? '' : `　${copy.serviceTypeStopped}`}
            </Text>
            <Button size='small' onClick={() => void setActive(t, !t.active)}>
              {t.active ? copy.serviceTypeStop : copy.serviceTypeResume}
            </Button>
          </View>
          <FormProblem problem={toggle.refused(t._id)} />
        </View>
      ))}
      <View className='card editor'>
        <TextField
          name='service-type-name'
          label={copy.serviceTypeNameLabel}
          placeholder={copy.serviceTypeNameHint}
          value={name}
          maxLength={20}
          error={problems.field('name')}
          onChange={v => {
            setName(v)
            problems.clear('name')
          }}
        />
        <TextField
          name='service-type-minutes'
          type='number'
          label={copy.serviceTypeMinutesLabel}
          hint={copy.serviceTypeMinutesHint}
          value={minutes}
          maxLength={3}
          error={problems.field('minutes')}
          onChange={v => {
            setMinutes(v)
            problems.clear('minutes')
          }}
        />
        <View className='rate__stars'>
          <Button size='small' type={paid ? 'default' : 'primary'} onClick={() => setPaid(false)}>
            {copy.serviceTypeFree}
          </Button>
          <Button size='small' type={paid ? 'primary' : 'default'} onClick={() => setPaid(true)}>
            {copy.serviceTypePaid}
          </Button>
        </View>
        <SubmitButton
          busy={create.busy !== null}
          disabledReason={why}
          problem={problems.form}
          onClick={() => void add()}
        >
          {copy.serviceTypeAdd}
        </SubmitButton>
      </View>
    </View>
  )
}

const serviceTypeLabels = { name: copy.serviceTypeNameLabel, minutes: copy.serviceTypeMinutesLabel }

/** 「陈志强（志愿者）」, 「安康中心·周敏（服务机构）」: who, and in which role. */
const helperLabel = (h: HelperItem): string =>
  `${h.orgName ? `${h.orgName}·${h.name}` : h.name}（${copy.helperKinds[h.kind]}）`

/** Staff: the triage/dispatch queue and the month's figures. */
function Dispatch({ gridOnly }: { gridOnly: boolean }) {
  const queue = usePagedQuery(elderCareContract.careQueue, {})
  const helpers = useQuery(elderCareContract.helpers, {})
  // A refusal is said on the request tapped, for the last button tapped there, until the next tap.
  const moves = { triage: useAction(elderCareContract.triage), assign: useAction(elderCareContract.assign) }
  const [last, setLast] = useState<keyof typeof moves>('triage')
  const triage = async (r: CareRequestItem): Promise<void> => {
    setLast('triage')
    if ((await moves.triage.run({ id: r.id }, { key: r.id })).ok) queue.reload()
  }
  // Dispatching sends someone to an elder's home: asked first, naming who, their role and load.
  const dispatch = async (r: CareRequestItem, h: HelperItem): Promise<void> => {
    const who = helperLabel(h)
    if (
      !(await confirm({
        title: copy.dispatchAsk(who, r.elderName),
        content: copy.dispatchAskDetail(r.serviceName, shanghaiDateTime(r.window.start), h.load),
        confirmText: copy.dispatchConfirm
      }))
    )
      return
    setLast('assign')
    if (!(await moves.assign.run({ id: r.id, assignee: { kind: h.kind, userId: h.userId } }, { key: r.id })).ok) return
    queue.reload()
    helpers.reload()
  }
  return (
    <>
      <Text className='section-title'>{gridOnly ? copy.queueGrid : copy.queue}</Text>
      {queue.error && <Text className='status-line'>{queue.error.message}</Text>}
      {!queue.loading && queue.items.length === 0 && (
        <View className='card'>
          <Text className='text-soft'>{copy.queueEmpty}</Text>
        </View>
      )}
      {queue.items.map(r => (
        <View key={r.id} className='card care-request' data-testid='queue-item'>
          <View className='care-request__head'>
            <Text className='care-request__name'>
              {r.elderName} · {r.serviceName}
            </Text>
            <Text className={`state state--${r.state}`}>{r.stateLabel}</Text>
          </View>
          <Text className='status-line'>
            {shanghaiDateTime(r.window.start)} · {r.address}
          </Text>
          {r.history.some(h => h.proxy) && <Text className='tag-proxy'>{copy.proxyTag}</Text>}
          {r.note && <Text className='status-line'>{r.note}</Text>}
          <FormProblem problem={moves[last].refused(r.id)} />
          {r.actions.includes('triage') && (
            <Button type='primary' block onClick={() => void triage(r)}>
              {copy.triage}
            </Button>
          )}
          {r.actions.includes('assign') && (
            <View className='assign'>
              <Text className='status-line'>{copy.assignTo}</Text>
              {(helpers.data ?? []).map(h => (
                <Button
                  key={`${h.kind}:${h.userId}`}
                  size='small'
                  data-testid='helper'
                  onClick={() => void dispatch(r, h)}
                >
                  {helperLabel(h)} · {copy.load(h.load)}
                </Button>
              ))}
            </View>
          )}
          {r.assignee && <Text className='status-line'>服务人员：{r.assignee.name}</Text>}
        </View>
      ))}
      {queue.hasMore && (
        <Button block onClick={queue.more}>
          {copy.more}
        </Button>
      )}

      {/* The month's figures are the office's (careKpis is staff-only): a grid worker's desk doesn't ask. */}
      {!gridOnly && <Kpis />}
    </>
  )
}

function Kpis() {
  const [range] = useState(() => ({
    from: new Date(Date.now() - 30 * 86_400_000).toISOString(),
    to: new Date(Date.now() + 60_000).toISOString()
  }))
  const kpi = useQuery(elderCareContract.careKpis, range)
  if (!kpi.data) return null
  return (
    <View className='card' data-testid='kpis'>
      <Text className='section-title'>{copy.kpiTitle}</Text>
      <Text className='elder-text'>{copy.kpiLine(kpi.data)}</Text>
    </View>
  )
}

/** 关爱巡访: due and overdue visits to elders living alone; one tap records a visit. */
function Patrols() {
  const list = usePagedQuery(elderCareContract.patrolList, {})
  const record = useAction(elderCareContract.recordPatrol)
  const visited = async (elderId: string): Promise<void> => {
    if ((await record.run({ elderId }, { key: elderId })).ok) list.reload()
  }
  return (
    <>
      <Text className='section-title'>{copy.patrols}</Text>
      {list.error && <Text className='status-line'>{list.error.message}</Text>}
      {!list.loading && list.items.length === 0 && (
        <View className='card'>
          <Text className='text-soft'>{copy.empty}</Text>
        </View>
      )}
      {list.items.map(p => (
        <View key={p.elderId} className={`card patrol${p.overdue ? ' patrol--overdue' : ''}`} data-testid='patrol'>
          <Text className='care-request__name'>{p.elderName}</Text>
          <Text className='status-line'>
            {copy.patrolDue(shanghaiDateTime(p.nextDueAt), p.everyDays)}
            {p.overdue ? ` · ${copy.overdue}` : ''}
          </Text>
          <FormProblem problem={record.refused(p.elderId)} />
          <Button size='small' onClick={() => void visited(p.elderId)}>
            {copy.visited}
          </Button>
        </View>
      ))}
      {list.hasMore && (
        <Button block onClick={list.more}>
          {copy.more}
        </Button>
      )}
    </>
  )
}

/**
 * Staff: tomorrow's lunch, one dish a line as `菜名 价格`. The limits (10 dishes, 20 characters a
 * name) are counted as she types and named before she taps, not found out from a refusal.
 */
function MenuEditor() {
  const [text, setText] = useState('')
  const saveMenu = useAction(elderCareContract.saveMenu)
  const problems = useFormProblems(menuLabels)
  const date = addDays(shanghaiDate(new Date()), 1)
  const lunch = text
    .split('\n')
    .map(l => l.trim())
    .filter(Boolean)
    .map(l => {
      const m = /^(.+?)\s+(\d+(?:\.\d+)?)元?$/.exec(l)
      return m ? { name: m[1], price: Number(m[2]) } : { name: l, price: 0 }
    })
  const long = lunch.findIndex(d => charCount(d.name) > menuMaxName)
  const why =
    lunch.length === 0
      ? copy.needMenu
      : lunch.length > menuMaxDishes
        ? copy.tooManyDishes(lunch.length)
        : long >= 0
          ? copy.dishTooLong(long + 1)
          : null
  const save = async (): Promise<void> => {
    problems.clear()
    if (!(await saveMenu.run({ date, lunch }, { onError: problems.show })).ok) return
    setText('')
    void Taro.showToast({ title: copy.saved, icon: 'success' })
  }
  return (
    <View data-testid='menu-editor'>
      <Text className='section-title'>{copy.menuEditor(date)}</Text>
      <TextField
        name='menu'
        multiline
        label={copy.menuLabel}
        placeholder={copy.menuHint}
        hint={copy.menuCount(lunch.length)}
        value={text}
        error={problems.field('lunch')}
        onChange={v => {
          setText(v)
          problems.clear('lunch')
        }}
      />
      <SubmitButton
        busy={saveMenu.busy !== null}
        disabledReason={why}
        problem={problems.form}
        onClick={() => void save()}
      >
        {copy.saveMenu}
      </SubmitButton>
    </View>
  )
}

const menuLabels = { lunch: copy.menuLabel, date: copy.menuLabel }

/** One open call: who and where, what happened; 我来处理 (acknowledge), then close it with a note. */
function SosCard({ c, done }: { c: SosItem; done: () => void }) {
  const [note, setNote] = useState('')
  const ack = useAction(elderCareContract.sosAck)
  const close = useAction(elderCareContract.sosResolve)
  const problems = useFormProblems(resolveLabels)
  const acknowledge = async (): Promise<void> => {
    if ((await ack.run({ id: c.id })).ok) done()
  }
  const resolve = async (): Promise<void> => {
    problems.clear()
    if ((await close.run({ id: c.id, note: note.trim() }, { onError: problems.show })).ok) done()
  }
  return (
    <View className={`card sos-card sos-card--${c.state}`} data-testid='open-sos'>
      <Text className='sos-card__title'>
        {c.elderName} · {c.stateLabel}
      </Text>
      <Text className='status-line'>{shanghaiDateTime(c.pressedAt)}</Text>
      {c.responder && (
        <View>
          <Text className='sos-card__line'>{c.responder.address}</Text>
          <Text className='sos-card__line'>{c.responder.phone}</Text>
          {c.responder.careNotes && <Text className='sos-card__line'>{c.responder.careNotes}</Text>}
          {c.responder.familyContacts.map(f => (
            <Text key={f.phone} className='status-line'>
              {f.relation} {f.name} {f.phone}
            </Text>
          ))}
        </View>
      )}
      {c.steps.map((s, i) => (
        <Text key={i} className='status-line'>
          {shanghaiDateTime(s.at)} {s.label}
        </Text>
      ))}
      <FormProblem problem={ack.refused()} />
      {c.state === 'open' && (
        <Button type='primary' block onClick={() => void acknowledge()}>
          {copy.ack}
        </Button>
      )}
      {c.ackBy && <Text className='status-line'>{copy.acked(c.ackBy.name)}</Text>}
      <TextField
        name='resolve-note'
        multiline
        label={copy.resolveNoteLabel}
        placeholder={copy.resolveNoteHint}
        value={note}
        maxLength={200}
        error={problems.field('note')}
        onChange={v => {
          setNote(v)
          problems.clear('note')
        }}
      />
      <SubmitButton
        type='default'
        busy={close.busy !== null}
        disabledReason={note.trim() ? null : copy.needResolveNote}
        problem={problems.form}
        onClick={() => void resolve()}
      >
        {copy.resolve}
      </SubmitButton>
    </View>
  )
}

const resolveLabels = { note: copy.resolveNoteLabel }
