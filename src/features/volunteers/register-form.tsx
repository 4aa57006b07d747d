import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useAction } from '@/api'
import { volunteersContract as volunteers } from '@/core/volunteers/volunteers.contract'
import { partyTypes, type PartyType } from '@/core/volunteers/volunteers.model'
import { SubmitButton, TextField } from '@/components/form/form-field'
import { useFormProblems } from '@/components/form/use-form-problems.hook'
import { volunteersCopy as copy } from './copy'

const words = (s: string): string[] =>
  s
    .split(/[\s,，、]+/)
    .map(w => w.trim())
    .filter(Boolean)

const registerLabels = {
  name: copy.name,
  phone: copy.phone,
  skills: copy.skills,
  availability: copy.availability,
  teamIds: copy.teams,
  'party.employerOrg': copy.employerOrg,
  party: copy.partyType
}

/** The real-name registration: name, phone, skills, free time, teams; party members add 双报到 facts. */
export function RegisterForm({ teams, onDone }: { teams: Array<{ id: string; name: string }>; onDone: () => void }) {
  const [name, setName] = useState('')
  const [phone, setPhone] = useState('')
  const [skills, setSkills] = useState('')
  const [availability, setAvailability] = useState('')
  const [teamIds, setTeamIds] = useState<string[]>([])
  const [party, setParty] = useState(false)
  const [partyType, setPartyType] = useState<PartyType>('在职')
  const [employerOrg, setEmployerOrg] = useState('')
  // A second tap after a lost answer is the same registration (useAction keeps its requestId).
  const register = useAction(volunteers.register)

  const toggle = (id: string): void => setTeamIds(ids => (ids.includes(id) ? ids.filter(x => x !== id) : [...ids, id]))

  const problems = useFormProblems(registerLabels)
  const why = !name.trim() ? copy.needName : !/^1\d{10}$/.test(phone.trim()) ? copy.needPhone : null
  const submit = async (): Promise<void> => {
    problems.clear()
    const res = await register.run(
      {
        name,
        phone,
        skills: words(skills),
        availability: words(availability),
        teamIds,
        party: party ? { type: partyType, employerOrg: employerOrg.trim() || null } : null
      },
      { onError: problems.show }
    )
    if (!res.ok) return
    void Taro.showToast({ title: copy.submitted, icon: 'none', duration: 3000 })
    onDone()
  }

  return (
    <View className='card' data-testid='register-form'>
      <Text className='vol-title'>{copy.joinTitle}</Text>
      <Text className='status-line'>{copy.joinIntro}</Text>
      <TextField
        label={copy.name}
        name='vol-name'
        value={name}
        maxLength={20}
        error={problems.field('name')}
        onChange={v => {
          setName(v)
          problems.clear('name')
        }}
      />
      <TextField
        label={copy.phone}
        name='vol-phone'
        value={phone}
        maxLength={11}
        type='number'
        error={problems.field('phone')}
        onChange={v => {
          setPhone(v)
          problems.clear('phone')
        }}
      />
      <TextField
        label={copy.skills}
        name='vol-skills'
        value={skills}
        maxLength={100}
        error={problems.field('skills')}
        onChange={v => {
          setSkills(v)
          problems.clear('skills')
        }}
      />
      <TextField
        label={copy.availability}
        name='vol-availability'
        value={availability}
        maxLength={100}
        error={problems.field('availability')}
        onChange={v => {
          setAvailability(v)
          problems.clear('availability')
        }}
      />
      <Text className='field-label'>{copy.teams}</Text>
      <View>
        {teams.map(t => (
          <Text
            key={t.id}
            className={`vol-chip${teamIds.includes(t.id) ? ' vol-chip--on' : ''}`}
            data-testid='team-chip'
            onClick={() => toggle(t.id)}
          >
            {t.name}
          </Text>
        ))}
      </View>
      <View className='vol-check' onClick={() => setParty(p => !p)} data-testid='party-toggle'>
        <Text className={`vol-chip${party ? ' vol-chip--on' : ''}`}>{party ? '✓' : '　'}</Text>
        <Text>{copy.partyMember}</Text>
      </View>
      {party && (
        <View>
          <Text className='field-label'>{copy.partyType}</Text>
          <View>
            {partyTypes.map(t => (
              <Text
                key={t}
                className={`vol-chip${partyType === t ? ' vol-chip--on' : ''}`}
                onClick={() => setPartyType(t)}
              >
                {t}
              </Text>
            ))}
          </View>
          <TextField
            label={copy.employerOrg}
            name='vol-employer'
            value={employerOrg}
            maxLength={60}
            error={problems.field('party.employerOrg')}
            onChange={v => {
              setEmployerOrg(v)
              problems.clear('party.employerOrg')
            }}
          />
        </View>
      )}
      <SubmitButton
        busy={register.busy !== null}
        disabledReason={why}
        problem={problems.form}
        onClick={() => void submit()}
      >
        {copy.submit}
      </SubmitButton>
    </View>
  )
}
