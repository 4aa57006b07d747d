/**
 * A failure between two writes, in process: `target` (a repository) with `method` failing ONCE,
 * when `when` says so, as a failed database request does (`DATABASE_REQUEST_FAILED`). `after`:
 * the write lands first and only its answer is lost (the nastier real case).
 */
export function failingOnce<T extends object, K extends keyof T>(
  target: T,
  method: K,
  when: (...args: any[]) => boolean = () => true,
  after = false
): T {
  const real = target[method] as unknown as (...args: unknown[]) => Promise<unknown>
  let done = false
  return {
    ...target,
    [method]: async (...args: unknown[]) => {
      if (done || !when(...args)) return await real(...args)
      done = true
      if (after) await real(...args)
      throw Object.assign(new Error('database request failed'), { code: 'DATABASE_REQUEST_FAILED' })
    }
  }
}

/**
 * The database with the first `op` (e.g. `add`, `remove`) on `collection` failing ONCE, as a
 * failed request does, for code that takes the Db itself (the notifier, the erasure) rather than a
 * repository. The op is caught on the collection and on the queries built from it (`where`…).
 */
export function dbFailingOnce<D extends { collection: (name: string) => any }>(
  db: D,
  collection: string,
  op: string
): D {
  let done = false
  const failing = (obj: any): any =>
    new Proxy(obj, {
      get(target, prop) {
        const value = Reflect.get(target, prop)
        if (prop === op && !done) {
          return async () => {
            done = true
            throw Object.assign(new Error('database request failed'), { code: 'DATABASE_REQUEST_FAILED' })
          }
        }
        if (typeof value !== 'function') return value
        // A query built on: watched too. Promises (the requests themselves) pass through.
        return (...args: unknown[]) => {
          const out = value.apply(target, args)
          return out !== null && typeof out === 'object' && typeof out.then !== 'function' ? failing(out) : out
        }
      }
    })
  return new Proxy(db, {
    get(target, prop) {
      if (prop === 'collection')
        return (name: string) => (name === collection ? failing(target.collection(name)) : target.collection(name))
      const value = Reflect.get(target, prop)
      return typeof value === 'function' ? value.bind(target) : value
    }
  })
}
