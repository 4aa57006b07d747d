/**
 * 添加社区 (街道管理员, issue 20): a new community of the street from one form, asked before it is done; the answer
 * is the code its first admin (管理员) joins with, shown with how to use it.
 */
import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import { useAction } from '@/api'
import { communityContract } from '@/core/community/community.contract'
import type { AddedCommunityView } from '@/core/community/street.schemas'
import { parseGridLines } from '@/core/community/street.rule'
import { PageShell } from '@/components/theme/page-shell'
import { shanghaiDate } from '@/components/format/time'
import { PickerField, SubmitButton, TextField } from '@/components/form/form-field'
import { useFormProblems } from '@/components/form/use-form-problems.hook'
import { confirm } from '@/components/ui/confirm'
import Button from '@/components/ui/button'
import { communityCopy as copy } from './copy'
import { parseHotlineLines } from './hotline-lines'
import './community.css'

const labels = {
  name: copy.addNameLabel,
  hotline: copy.addHotlineLabel,
  grids: copy.addGridsLabel,
  hotlines: copy.addHotlinesLabel,
  'admin.name': copy.addAdminLabel,
  weekly: copy.addWeekdayOpen
}

type Range = { open: string; close: string }

/** The week, Sunday first (HallSettings.weekly): weekdays one range, the weekend another or closed. */
function weekOf(weekday: Range, weekend: Range | null): Range[][] {
  const end = weekend ? [weekend] : []
  return [end, [weekday], [weekday], [weekday], [weekday], [weekday], end]
}

export function AddCommunityView() {
  const [name, setName] = useState('')
  const [hotline, setHotline] = useState('')
  const [grids, setGrids] = useState('')
  const [weekday, setWeekday] = useState<Range>({ open: '08:30', close: '17:00' })
  const [weekend, setWeekend] = useState<Range>({ open: '', close: '' })
  const [hotlines, setHotlines] = useState('')
  const [admin, setAdmin] = useState('')
  const [done, setDone] = useState<AddedCommunityView | null>(null)
  const problems = useFormProblems(labels)
  const adding = useAction(communityContract.addCommunity)

  const gridPlan = parseGridLines(grids)
  const lines = parseHotlineLines(hotlines)
  const weekendOpen = weekend.open !== '' || weekend.close !== ''
  const badHours = weekday.open >= weekday.close || (weekendOpen && !(weekend.open < weekend.close))
  const missing = !name.trim() || !hotline.trim() || !admin.trim() || (gridPlan.ok && gridPlan.grids.length === 0)
  const why = missing
    ? copy.addNeed
    : !gridPlan.ok
      ? gridPlan.message
      : lines.badLine >= 0
        ? copy.badHotline(lines.badLine + 1)
        : badHours
          ? copy.addBadHours
          : null

  const submit = async (): Promise<void> => {
    if (!gridPlan.ok) return
    const buildings = gridPlan.grids.reduce((n, g) => n + g.buildings.length, 0)
    const sure = await confirm({
      title: copy.addConfirm(name.trim()),
      content: copy.addConfirmContent(gridPlan.grids.length, buildings),
      confirmText: '添加'
    })
    if (!sure) return
    problems.clear()
    const res = await adding.run(
      {
        name: name.trim(),
        hotline: hotline.trim(),
        hotlines: lines.hotlines,
        grids: gridPlan.grids,
        weekly: weekOf(weekday, weekendOpen ? weekend : null),
        admin: { name: admin.trim() }
      },
      { onError: problems.show }
    )
    if (res.ok) setDone(res.data)
  }

  if (done) return <Added added={done} onAnother={() => setDone(null)} />
  return (
    <PageShell className='community'>
      <Text className='community__name'>{copy.addTitle}</Text>
      <Text className='text-soft community-street__hint'>{copy.addHint}</Text>
      <View className='card'>
        <TextField
          label={copy.addNameLabel}
          name='community-name'
          value={name}
          maxLength={20}
          error={problems.field('name')}
          onChange={v => {
            setName(v)
            problems.clear('name')
          }}
        />
        <TextField
          label={copy.addHotlineLabel}
          name='community-hotline'
          value={hotline}
          maxLength={20}
          type='text'
          placeholder='021-6000-1234'
          error={problems.field('hotline')}
          onChange={v => {
            setHotline(v)
            problems.clear('hotline')
          }}
        />
        <TextField
          label={copy.addGridsLabel}
          name='community-grids'
          multiline
          value={grids}
          maxLength={2000}
          hint={copy.addGridsHint}
          placeholder={'第一网格 1栋/4 2栋/4\n第二网格 3栋/2 4栋'}
          error={problems.field('grids')}
          onChange={v => {
            setGrids(v)
            problems.clear('grids')
          }}
        />
        <PickerField
          label={copy.addWeekdayOpen}
          name='weekday-open'
          mode='time'
          value={weekday.open}
          onChange={v => setWeekday(w => ({ ...w, open: v }))}
        />
        <PickerField
          label={copy.addWeekdayClose}
          name='weekday-close'
          mode='time'
          value={weekday.close}
          onChange={v => setWeekday(w => ({ ...w, close: v }))}
        />
        <PickerField
          label={copy.addWeekendOpen}
          name='weekend-open'
          mode='time'
          value={weekend.open}
          placeholder={copy.closedDay}
          onChange={v => setWeekend(w => ({ ...w, open: v }))}
        />
        <PickerField
          label={copy.addWeekendClose}
          name='weekend-close'
          mode='time'
          value={weekend.close}
          placeholder={copy.closedDay}
          onChange={v => setWeekend(w => ({ ...w, close: v }))}
        />
        <TextField
          label={copy.addHotlinesLabel}
          name='community-hotlines'
          multiline
          value={hotlines}
          maxLength={400}
          placeholder='养老服务站 021-6000-5678'
          error={problems.field('hotlines')}
          onChange={v => {
            setHotlines(v)
            problems.clear('hotlines')
          }}
        />
        <TextField
          label={copy.addAdminLabel}
          name='community-admin'
          value={admin}
          maxLength={20}
          error={problems.field('admin.name')}
          onChange={v => {
            setAdmin(v)
            problems.clear('admin.name')
          }}
        />
        <SubmitButton
          busy={adding.busy !== null}
          busyText={copy.addBusy}
          disabledReason={why}
          problem={problems.form}
          onClick={() => void submit()}
        >
          {copy.addSubmit}
        </SubmitButton>
      </View>
    </PageShell>
  )
}

/** What was added, and the first admin's code with how to use it: shown once here, kept in the invite list. */
function Added({ added, onAnother }: { added: AddedCommunityView; onAnother: () => void }) {
  return (
    <PageShell className='community'>
      <Text className='community__name'>{copy.added(added.name)}</Text>
      <View className='card' data-testid='community-added'>
        <Text className='text-soft'>{copy.inviteFor(added.adminName)}</Text>
        <Text className='community-street__code'>{added.inviteCode}</Text>
        <Text className='status-line'>{copy.inviteUntil(shanghaiDate(added.inviteExpiresAt))}</Text>
        <Text className='text-soft'>{copy.inviteHowTo(added.name)}</Text>
      </View>
      <Button size='large' block fill='outline' onClick={onAnother}>
        {copy.addAnother}
      </Button>
    </PageShell>
  )
}
