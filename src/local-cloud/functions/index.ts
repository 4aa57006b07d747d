export { loadFunctionHost, type FunctionHostOptions } from './function-host'
export { DEFAULT_TIMEOUT_MS } from './function-config'
export { startFunctionThread, type FunctionThread } from './function-thread'
