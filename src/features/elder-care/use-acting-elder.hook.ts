import { useQuery } from '@/api'
import { elderCareContract } from '@/core/elder-care/elder-care.contract'

export interface ActingElder {
  /** Put in payloads: undefined when the elder acts for themself. */
  elderId: string | undefined
  name: string
  proxy: boolean
}

/** Who the pages act for: the elder themself, or (a family proxy) the first elder they may act for. */
export function useActingElder(): {
  acting: ActingElder | null
  loading: boolean
  none: boolean
  error: string | null
} {
  const q = useQuery(elderCareContract.myElders, {})
  const first = q.data?.elders[0]
  return {
    acting: first ? { elderId: first.self ? undefined : first.id, name: first.name, proxy: !first.self } : null,
    loading: q.loading,
    none: !q.loading && !!q.data && q.data.elders.length === 0,
    error: q.error?.message ?? null
  }
}
