/**
 * The storage service of the local CloudBase (云存储): files under `<dataDir>/storage/`, the SDK's storage
 * actions, COS-style uploads and signed temp URLs, and the phone's dev-login upload. See storage-service.ts.
 */
export {
  StorageService,
  StorageError,
  STORAGE_PATH_PREFIX,
  type StoredMeta,
  type StorageOptions
} from './storage-service'
export { devClientBatch, handleDevUpload, handleStorageObject } from './storage-http'
export * from './storage-rules'
