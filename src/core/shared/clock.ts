/**
 * Time comes through this port so rules can be tested at a frozen instant (design.md, "Data").
 * Instants are UTC `Date`s; display in Asia/Shanghai is the UI's job.
 */
export interface Clock {
  now: () => Date
}

export const systemClock: Clock = { now: () => new Date() }

/** A clock stopped at `at`; `advance` moves it, for tests of deadlines and expiry. */
export function fixedClock(at: Date | string): Clock & { advance: (ms: number) => void } {
  let t = new Date(at).getTime()
  return {
    now: () => new Date(t),
    advance: (ms: number) => {
      t += ms
    }
  }
}
