export { callFunction, networkError, unauthenticatedError, type CallOptions, type ClientErrorCode } from './call-function'
export { newRequestId } from './request-id'
export { getPersonaOpenId, setPersonaOpenId, clearPersonaOpenId } from './identity'
