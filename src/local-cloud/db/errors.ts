/**
 * CloudBase database error codes, as the SDKs read them from `{ code, message, requestId }`.
 *
 * Sources: the CloudBase error-code page (docs.cloudbase.net/error-code/basic: INVALID_PARAM,
 * INVALID_ACTION, SYS_ERR, DATABASE_REQUEST_FAILED, DATABASE_INVALID_OPERRATOR — CloudBase's own
 * spelling —, DATABASE_COLLECTION_NOT_EXIST, DATABASE_TRANSACTION_CONFLICT,
 * DATABASE_TRANSACTION_FAIL), wx-server-sdk's TCB_ERR_CODE table, and @cloudbase/database's
 * runTransaction, which retries only on DATABASE_TRANSACTION_CONFLICT.
 * - DATABASE_DUPLICATE_WRITE: CloudBase has a page for it (error-code/DATABASE_DUPLICATE_WRITE,
 *   "index key duplicate"), and projects running against real environments match on it.
 * - DATABASE_COLLECTION_ALREADY_EXIST: the code real environments put in createCollection's
 *   failure ("[ResourceUnavailable.ResourceExist] Table exist. DATABASE_COLLECTION_ALREADY_EXIST").
 */
export type DbErrorCode =
  | 'INVALID_PARAM'
  | 'INVALID_ACTION'
  | 'SYS_ERR'
  | 'DATABASE_REQUEST_FAILED'
  | 'DATABASE_INVALID_OPERRATOR'
  | 'DATABASE_COLLECTION_NOT_EXIST'
  | 'DATABASE_COLLECTION_ALREADY_EXIST'
  | 'DATABASE_DUPLICATE_WRITE'
  | 'DATABASE_TRANSACTION_CONFLICT'
  | 'DATABASE_TRANSACTION_FAIL'

export class DbError extends Error {
  readonly code: DbErrorCode
  constructor(code: DbErrorCode, message: string) {
    super(message)
    this.code = code
  }
}

export const invalidParam = (message: string): DbError => new DbError('INVALID_PARAM', message)
export const invalidOperator = (message: string): DbError => new DbError('DATABASE_INVALID_OPERRATOR', message)
export const collectionNotExist = (name: string): DbError =>
  new DbError('DATABASE_COLLECTION_NOT_EXIST', `collection ${name} does not exist`)
export const conflict = (message = 'database transaction conflict'): DbError =>
  new DbError('DATABASE_TRANSACTION_CONFLICT', message)

/** An insert whose `_id` is taken (CloudBase's duplicate-key error, as for a unique index). */
export const duplicateId = (coll: string, id: string | number): DbError =>
  new DbError('DATABASE_DUPLICATE_WRITE', `duplicate key: _id ${JSON.stringify(id)} already exists in ${coll}`)

/**
 * mingo throws MingoError for operators it does not know (or that we switched off: $where,
 * $jsonSchema, geo, $text); those are CloudBase's "invalid operator". Other mingo failures
 * (e.g. $inc on a string) are a failed database request.
 */
export function fromEngineError(err: unknown): DbError {
  if (err instanceof DbError) return err
  const e = err as Error
  const message = String(e?.message ?? err)
  if (e?.name === 'MingoError' || e?.constructor?.name === 'MingoError') {
    if (
      /unknown|not supported|unregistered|unsupported|scriptEnabled|jsonSchemaValidator|Invalid (query|update) operator/i.test(
        message
      )
    ) {
      return invalidOperator(message)
    }
    return new DbError('DATABASE_REQUEST_FAILED', message)
  }
  if (err instanceof SyntaxError) return invalidParam(message) // e.g. a bad regular expression
  if (err instanceof RangeError && /call stack/i.test(message)) return invalidParam('input is nested too deeply')
  // Unexpected failures are bugs: LINLI_DB_DEBUG=1 prints them (the reply never carries a stack).
  if (process.env.LINLI_DB_DEBUG) console.error(err)
  return new DbError('SYS_ERR', 'internal database error')
}
