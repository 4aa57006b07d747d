import { useState } from 'react'
import { Text } from '@tarojs/components'
import { useQuery } from '@/api'
import { setCommunityChoice } from '@/api/community-choice'
import { PageShell } from '@/components/theme/page-shell'
import { staffContract } from '@/core/staff/staff.contract'
import { ExportsView } from './exports-view'
import { Choice, LoadState } from './staff-ui'
import { streetCopy as copy } from './street-copy'

/** The whole street in the picker: not a community id (those name `communities` documents). */
const STREET = ''

/**
 * 街道台账导出 (street roles, issue 20): pick the whole street or one community, then a ledger; the export runs with
 * its progress as a community's does (ExportsView). A community picked here is the one the app acts in next.
 */
export function StreetExportsView() {
  const communities = useQuery(staffContract.streetCommunities, {})
  const [which, setWhich] = useState<string>(STREET)
  if (!communities.data)
    return (
      <PageShell className='staff'>
        <LoadState error={communities.error} loading={communities.loading} reload={communities.reload} />
      </PageShell>
    )
  const pick = (id: string): void => {
    // A community's ledger is asked in that community (the envelope's communityId, api/community-choice.ts).
    if (id !== STREET) setCommunityChoice(id)
    setWhich(id)
  }
  const name = communities.data.find(c => c.communityId === which)?.name ?? ''
  return (
    <PageShell className='staff'>
      <Text className='section-title'>{copy.exportsWhich}</Text>
      <Choice
        label={copy.exportsWhich}
        options={[
          { value: STREET, label: copy.wholeStreet },
          ...communities.data.map(c => ({ value: c.communityId, label: c.name }))
        ]}
        value={which}
        onChange={pick}
      />
      <Text className='status-line'>{which === STREET ? copy.wholeStreetHint : copy.communityHint(name)}</Text>
      {/* Keyed by the choice: a new community's ledgers are asked again; a running export's progress is its own. */}
      <ExportsView key={which || 'street'} street={which === STREET} embedded />
    </PageShell>
  )
}
