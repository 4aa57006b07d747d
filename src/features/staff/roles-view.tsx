import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { PageShell } from '@/components/theme/page-shell'
import { shanghaiDateTime } from '@/components/format/time'
import Button from '@/components/ui/button'
import { confirm } from '@/components/ui/confirm'
import { SubmitButton, TextField } from '@/components/form/form-field'
import { useFormProblems } from '@/components/form/use-form-problems.hook'
import { usePagedQuery, useAction, useQuery } from '@/api'
import type { Role } from '@/core/community/roles'
import { staffContract } from '@/core/staff/staff.contract'
import type { InviteView, UserView } from '@/core/staff/staff.views'
import { hasAnyRole } from '@/core/community/caller'
import { policies } from '@/core/community/roles'
import { useWhoami } from '@/features/me/use-whoami.hook'
import { staffCopy } from './copy'
import { Choice, LoadState, Notice } from './staff-ui'

type InviteRole = 'grid_worker' | 'staff' | 'admin' | 'street_staff' | 'street_admin'
const inviteRoles: Array<{ value: InviteRole; label: string }> = [
  { value: 'grid_worker', label: '网格员' },
  { value: 'staff', label: '社工' },
  { value: 'admin', label: '管理员' }
]
const grantable: Role[] = ['resident', 'guardian', 'volunteer', 'tutor', 'grid_worker', 'staff', 'admin']
/**
 * A street admin (街道管理员) invites the street's own people (street roles are given by invite only: grantRole takes
 * a community's roles); a community's people are its admins' to manage.
 */
const streetInviteRoles: Array<{ value: InviteRole; label: string }> = [
  { value: 'street_staff', label: '街道社工' },
  { value: 'street_admin', label: '街道管理员' }
]

const inviteLabels = { name: staffCopy.inviteName, role: staffCopy.inviteRole, gridId: staffCopy.inviteGrid }

/** 人员与权限 (admins): invite codes, and roles granted or revoked with a reason. */
export function RolesView() {
  const { me } = useWhoami()
  // The street's admin, not this community's: the street's roles and invites (the server refuses the others anyway).
  const street = !!me && hasAnyRole(me, policies.streetAdmins) && !hasAnyRole(me, policies.admins)
  const roleOptions = street ? streetInviteRoles : inviteRoles
  const grids = useQuery(staffContract.grids, {})
  const invites = usePagedQuery(staffContract.listInvites, street ? { street: true } : {})
  const users = usePagedQuery(staffContract.listUsers, {})
  const invite = useAction(staffContract.createInvite)
  const grant = useAction(staffContract.grantRole)
  const revoke = useAction(staffContract.revokeRole)
  const [name, setName] = useState('')
  const [chosenRole, pickRole] = useState<InviteRole | null>(null)
  const role: InviteRole =
    chosenRole && roleOptions.some(o => o.value === chosenRole) ? chosenRole : roleOptions[0].value
  const setRole = (r: InviteRole): void => pickRole(r)
  const [gridId, setGridId] = useState('')
  const [made, setMade] = useState<InviteView | null>(null)
  const problems = useFormProblems(inviteLabels)
  const [picked, setPicked] = useState<string | null>(null)
  const [reason, setReason] = useState<string>(staffCopy.roleReasonDefault)
  const [changeNote, setChangeNote] = useState<string | null>(null)

  const createInvite = async () => {
    problems.clear()
    const res = await invite.run(
      { role, name, ...(role === 'grid_worker' && gridId ? { gridId } : {}) },
      { onError: problems.show }
    )
    if (!res.ok) return
    setMade(res.data)
    setName('')
    invites.reload()
  }

  const toggle = async (user: UserView, r: Role) => {
    const has = user.roles.includes(r)
    const label = staffCopy.roleLabels[r] ?? r
    // A role opens (or closes) doors to other people's data: it is asked for, never one tap.
    const sure = await confirm({
      title: has ? staffCopy.revokeAsk(user.name, label) : staffCopy.grantAsk(user.name, label),
      content: staffCopy.roleAskDetail(r, reason)
    })
    if (!sure) return
    const payload = { userId: user.userId, role: r, reason, ...(r === 'grid_worker' && gridId ? { gridId } : {}) }
    const res = await (has ? revoke : grant).run(payload, { onError: e => setChangeNote(e.message) })
    if (res.ok) setChangeNote(res.data.changed ? staffCopy.changed : staffCopy.unchanged)
    users.reload()
  }

  return (
    <PageShell className='staff'>
      <Text className='section-title'>{staffCopy.inviteTitle}</Text>
      <View className='card'>
        <TextField
          name='invite-name'
          label={staffCopy.inviteName}
          value={name}
          maxLength={20}
          error={problems.field('name')}
          onChange={v => {
            setName(v)
            problems.clear('name')
          }}
        />
        <Text className='staff-field__label'>{staffCopy.inviteRole}</Text>
        <Choice label={staffCopy.inviteRole} options={roleOptions} value={role} onChange={setRole} />
        {role === 'grid_worker' && grids.data && (
          <>
            <Text className='staff-field__label'>{staffCopy.inviteGrid}</Text>
            <Choice
              label={staffCopy.inviteGrid}
              options={grids.data.map(g => ({ value: g.gridId, label: g.name }))}
              value={gridId}
              onChange={setGridId}
            />
          </>
        )}
        {problems.field('gridId') && <Notice tone='danger'>{problems.field('gridId')}</Notice>}
        <SubmitButton
          busy={invite.busy !== null}
          problem={problems.form}
          onClick={() => {
            void createInvite()
          }}
          disabledReason={
            !name.trim()
              ? staffCopy.needInviteName
              : role === 'grid_worker' && !gridId
                ? staffCopy.needInviteGrid
                : null
          }
        >
          {staffCopy.inviteCreate}
        </SubmitButton>
      </View>
      {made && (
        <View className='card' role='status'>
          <Text className='staff-status__text'>{staffCopy.inviteMade(made.name, made.roleLabel)}</Text>
          <Text className='staff-code' data-testid='invite-code'>
            {made.code}
          </Text>
        </View>
      )}

      <Text className='section-title'>{staffCopy.openInvites}</Text>
      <View className='card'>
        {!(invites.items.length === 0 && (invites.loading || invites.error)) ? (
          invites.items.length === 0 ? (
            <Text className='text-soft'>{staffCopy.nothingHere}</Text>
          ) : (
            invites.items.map(i => (
              <View key={i.code} className='staff-row'>
                <View className='staff-row__main'>
                  <Text className='staff-row__title'>
                    {i.name} · {i.roleLabel}
                  </Text>
                  <Text className='staff-row__sub'>
                    {i.code} · {staffCopy.expires(shanghaiDateTime(i.expiresAt))}
                  </Text>
                </View>
              </View>
            ))
          )
        ) : (
          <Text className='text-soft'>{staffCopy.loading}</Text>
        )}
        {invites.hasMore && (
          <Button size='large' block disabled={invites.loading} onClick={invites.more}>
            {staffCopy.more}
          </Button>
        )}
      </View>

      <Text className='section-title'>{staffCopy.usersTitle}</Text>
      {changeNote && <Notice>{changeNote}</Notice>}
      {street ? (
        <Notice>{staffCopy.streetPeopleNote}</Notice>
      ) : users.items.length === 0 && (users.loading || users.error) ? (
        <LoadState error={users.error} loading={users.loading} reload={users.reload} />
      ) : (
        <View className='card'>
          <TextField
            name='role-reason'
            label={staffCopy.roleReason}
            value={reason}
            maxLength={100}
            onChange={setReason}
          />
          {users.items.map(u => (
            <View key={u.userId} className='staff-row' onClick={() => setPicked(picked === u.userId ? null : u.userId)}>
              <View className='staff-row__main'>
                <Text className='staff-row__title'>{u.name}</Text>
                <Text className='staff-row__sub'>{u.roleLabels.join('、')}</Text>
                {picked === u.userId && (
                  <View className='staff-choice'>
                    {grantable.map(r => (
                      <View
                        key={r}
                        role='switch'
                        aria-checked={u.roles.includes(r)}
                        className={`staff-choice__item${u.roles.includes(r) ? ' staff-choice__item--on' : ''}`}
                        onClick={e => {
                          e.stopPropagation()
                          void toggle(u, r)
                        }}
                      >
                        <Text>{staffCopy.roleLabels[r]}</Text>
                      </View>
                    ))}
                  </View>
                )}
              </View>
            </View>
          ))}
          {users.hasMore && (
            <Button size='large' block disabled={users.loading} onClick={users.more}>
              {staffCopy.more}
            </Button>
          )}
        </View>
      )}
    </PageShell>
  )
}
