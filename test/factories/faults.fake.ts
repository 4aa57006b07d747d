/**
 * A failure between two writes, in process: `target` (a repository) with `method` failing ONCE,
 * when `when` says so, as a failed database request does (`DATABASE_REQUEST_FAILED`). `after`:
 * the write lands first and only its answer is lost (the nastier real case).
 */
export function failingOnce<T extends object, K extends keyof T> (
  target: T, method: K, when: (...args: any[]) => boolean = () => true, after = false
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
