export {
  callFunction,
  networkError,
  unauthenticatedError,
  type CallOptions,
  type ClientErrorCode
} from './call-function'
export { newRequestId } from './request-id'
export { CallCommunity, useCallCommunity } from './call-community'
export { getPersonaOpenId, setPersonaOpenId, clearPersonaOpenId } from './identity'
export { callAction, badResponseMessage, type ActionErrorCode, type ActionResponse } from './call-action'
export { useAction, type Action, type ActionPress } from './use-action.hook'
export { useQuery, type Query, type QueryOptions } from './use-query.hook'
export { usePagedQuery, type PagedQuery } from './use-paged-query.hook'
export {
  getCommunityChoice,
  setCommunityChoice,
  onCommunityChoice,
  useCommunityChoice,
  resetCommunityChoiceForTests
} from './community-choice'
