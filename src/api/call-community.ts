/**
 * The community a screen's calls act in when it is not the app's choice (community-choice.ts): a volunteer on another
 * community's task (issue 20: a volunteer may serve in any community of the street). A screen wraps its part in
 * `<CallCommunity.Provider value={communityId}>`; the hooks (useQuery, usePagedQuery, useAction) send it as the
 * call's `communityId` (CallOptions). null: the app's choice. The server checks the caller's standing there anyway.
 */
import { createContext, useContext } from 'react'
import type { CallOptions } from './call-function'

export const CallCommunity = createContext<string | null>(null)

/** The CallOptions naming the screen's community, if it names one. */
export function useCallCommunity(): Pick<CallOptions, 'communityId'> {
  const communityId = useContext(CallCommunity)
  return communityId ? { communityId } : {}
}
