import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { callAction, usePagedQuery, type ActionResponse } from '@/api'
import { PageShell } from '@/components/theme/page-shell'
import Button from '@/components/ui/button'
import { FormProblem, SubmitButton, TextField } from '@/components/form/form-field'
import { useFormProblems } from '@/components/form/use-form-problems.hook'
import { useRefusal } from '@/components/form/use-refusal.hook'
import { hasAnyRole } from '@/core/community/caller'
import { communityContract } from '@/core/community/community.contract'
import type { DirectoryRowView as Row } from '@/core/community/directory.views'
import { policies } from '@/core/community/roles'
import { elderCareContract } from '@/core/elder-care/elder-care.contract'
import { useWhoami } from '@/features/me/use-whoami.hook'
import { communityCopy as copy } from './copy'
import './community.css'

const levels = ['grids', 'buildings', 'units', 'households', 'members'] as const
type Level = (typeof levels)[number]

/** 社区名册 for staff: grids → buildings → units → households → members, 20 at a time, phones masked. */
export function DirectoryView() {
  const [path, setPath] = useState<Array<{ level: Level; id: string; label: string }>>([])
  const level: Level = levels[path.length] ?? 'members'
  const parentId = path.at(-1)?.id
  // A new level or parent is a new input: the list asks again (and never shows the old level's rows meanwhile).
  const list = usePagedQuery(communityContract.directory, { level, ...(parentId ? { parentId } : {}) })
  const [revealed, setRevealed] = useState<Record<string, string>>({})

  const [codes, setCodes] = useState<Record<string, string>>({})
  // A refused code or phone is said in the row tapped, until the next tap.
  const refusal = useRefusal()
  const issueCode = async (r: Row): Promise<void> => {
    const res = await refusal.tap(r._id, () =>
      callAction(communityContract.issueBindCode, { householdId: r._id, reason: copy.codeReason })
    )
    if (!res.ok) return
    setCodes(prev => ({ ...prev, [r._id]: res.data.code }))
  }

  const { me } = useWhoami()
  const canEdit = !!me && hasAnyRole(me, policies.staff)
  const [editing, setEditing] = useState<string | null>(null)

  const reveal = async (r: Row): Promise<void> => {
    const res = await refusal.tap(r._id, () =>
      callAction(communityContract.revealMemberPhone, { memberId: r._id, reason: copy.revealReason })
    )
    if (!res.ok) return
    setRevealed(prev => ({ ...prev, [r._id]: res.data.phone }))
  }

  return (
    <PageShell className='community'>
      <Text className='community__name'>{copy.directoryTitle}</Text>
      <Text className='status-line'>{[...path.map(p => p.label), copy.levels[level]].join(' › ')}</Text>
      {path.length > 0 && (
        <Button className='community-gap' block onClick={() => setPath(path.slice(0, -1))}>
          {copy.back}
        </Button>
      )}
      {list.error && <Text className='status-line'>{list.error.message}</Text>}
      {list.items.map(r => (
        <View
          key={r._id}
          className='card community-row'
          data-testid='directory-row'
          onClick={() => {
            if (level !== 'members') setPath([...path, { level, id: r._id, label: r.name ?? r.door ?? r._id }])
          }}
        >
          <Text className='community-row__name'>
            {r.name ?? r.door ?? r._id}
            {r.relation ? `（${r.relation}）` : ''}
          </Text>
          {level === 'members' && r.phoneMasked && (
            <Text className='community-row__phone' onClick={() => void reveal(r)}>
              ☎ {revealed[r._id] ?? r.phoneMasked}
            </Text>
          )}
          {level === 'households' && (
            <Text
              className='community-row__phone'
              data-testid='bind-code'
              onClick={e => {
                e.stopPropagation()
                void issueCode(r)
              }}
            >
              {codes[r._id] ? copy.codeIs(codes[r._id]) : copy.issueCode}
            </Text>
          )}
          {level !== 'members' && <Text className='text-soft'>›</Text>}
          <FormProblem problem={refusal.at(r._id)} />
          {level === 'members' && canEdit && editing !== r._id && (
            <Text className='community-row__phone' data-testid='edit-member' onClick={() => setEditing(r._id)}>
              {copy.editMember}
            </Text>
          )}
          {level === 'members' && editing === r._id && (
            <MemberEditor
              member={r}
              buildingId={path[1]?.id}
              unitId={path[2]?.id}
              onDone={() => {
                setEditing(null)
                setRevealed(({ [r._id]: _old, ...rest }) => rest)
                list.reload()
              }}
            />
          )}
        </View>
      ))}
      {list.hasMore && (
        <Button block disabled={list.loading} onClick={list.more}>
          {copy.more}
        </Button>
      )}
    </PageShell>
  )
}

/** Staff correct a member's phone, or make them the building or unit head; each change audited. */
function MemberEditor({
  member,
  buildingId,
  unitId,
  onDone
}: {
  member: Row
  buildingId?: string
  unitId?: string
  onDone: () => void
}) {
  const [phone, setPhone] = useState('')
  // The phone's refusal is said at the phone; the other buttons' answers beside them (not toasts over them).
  const problems = useFormProblems(memberLabels)
  const [answer, setAnswer] = useState<string | null>(null)
  const done = (
    res: ActionResponse<typeof communityContract.editMember | typeof communityContract.setHead>,
    field = false
  ): void => {
    problems.clear()
    setAnswer(null)
    if (res.ok) {
      void Taro.showToast({ title: copy.saved, icon: 'none', duration: 3000 })
      onDone()
      return
    }
    if (field) problems.show(res.error)
    else setAnswer(res.error.message)
  }
  const savePhone = async (): Promise<void> => {
    done(
      await callAction(communityContract.editMember, {
        memberId: member._id,
        changes: { phone: phone.trim() },
        reason: copy.editReason
      }),
      true
    )
  }
  const makeHead = async (level: 'buildings' | 'units', id: string | undefined): Promise<void> => {
    if (id) done(await callAction(communityContract.setHead, { level, id, memberId: member._id }))
  }
  // Elder care keeps its own profile of an elder; staff start it from the register (名册).
  const makeElder = async (): Promise<void> => {
    setAnswer(null)
    const res = await callAction(elderCareContract.createElder, { memberId: member._id })
    if (res.ok) void Taro.showToast({ title: copy.elderMade, icon: 'none', duration: 3000 })
    else setAnswer(res.error.message)
  }
  return (
    <View className='community-editor' onClick={e => e.stopPropagation()}>
      <TextField
        label={copy.newPhone}
        name='member-phone'
        value={phone}
        maxLength={20}
        type='number'
        error={problems.field('changes.phone')}
        onChange={v => {
          setPhone(v)
          problems.clear('changes.phone')
        }}
      />
      <SubmitButton
        disabledReason={phone.trim().length < 5 ? copy.needNewPhone : null}
        problem={problems.form}
        onClick={() => void savePhone()}
      >
        {copy.save}
      </SubmitButton>
      <FormProblem problem={answer} />
      <View className='community-editor__row'>
        <Button onClick={() => void makeHead('buildings', buildingId)}>{copy.makeBuildingHead}</Button>
        <Button onClick={() => void makeHead('units', unitId)}>{copy.makeUnitHead}</Button>
      </View>
      <Button block onClick={() => void makeElder()}>
        {copy.makeElder}
      </Button>
    </View>
  )
}

const memberLabels = { 'changes.phone': copy.newPhone }
