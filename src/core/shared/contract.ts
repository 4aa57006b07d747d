/**
 * A context's contract (core/<ctx>/<ctx>.contract.ts): for each action, the input it takes, the
 * reply it gives and the business failure codes it may answer. The one definition both sides use:
 * the function's router parses the input with it and types each use case's reply and codes against
 * it (src/server/router.ts `implement`); the app calls through it (src/api/use-action.hook.ts,
 * use-query.hook.ts, `call`), which parse the reply. Renaming a field fails to compile on both sides.
 */
import type * as z from 'zod'

export type ContextName =
  'community' | 'service-card' | 'classes' | 'elder-care' | 'volunteers' | 'notifications' | 'staff' | 'grid'

export interface ActionSpec<
  I extends z.ZodType = z.ZodType,
  O extends z.ZodType = z.ZodType,
  C extends string = string
> {
  /** What the app sends (the call's payload), parsed by the router before anything is read. */
  input: I
  /** What the function answers on success; the app parses it before use. */
  reply: O
  /**
   * Business failures the use case may answer (stable codes, e.g. 'FULL'). The router's own codes
   * (INVALID_INPUT, FORBIDDEN, IN_PROGRESS, INTERNAL... core/shared/wire.ts) come on top.
   */
  codes: readonly C[]
  /**
   * Creates: a requestId makes a retry return the first call's answer (router, runOnce). 'stamped':
   * the use case answers its own retry from the record it stamps (see ActionDef in src/server/router.ts).
   */
  idempotent?: boolean | 'stamped'
}

/** One action of one context's function: its spec plus where it is answered. */
export type ActionContract<
  S extends ActionSpec<any, any, any> = ActionSpec<any, any, any>,
  N extends string = string
> = S & { fn: ContextName; name: N }

export type Contract = Record<string, ActionContract>

/**
 * Declares a context's actions; each entry learns its function and name. Each spec is a function,
 * called when the action is first read (then kept): a cold start of a function builds the zod
 * schemas of the action it answers, not those of its forty others (issue 4, `npm run budgets`).
 */
export function defineContract<const S extends Record<string, ActionSpec<any, any, any>>>(
  fn: ContextName,
  specs: { [N in keyof S]: () => S[N] }
): { [N in keyof S & string]: ActionContract<S[N], N> } {
  const out: Record<string, ActionContract> = {}
  for (const [name, spec] of Object.entries<() => ActionSpec>(specs)) {
    let built: ActionContract | undefined
    Object.defineProperty(out, name, { enumerable: true, get: () => (built ??= { ...spec(), fn, name }) })
  }
  return out as { [N in keyof S & string]: ActionContract<S[N], N> }
}

/**
 * A schema built when it is first used (a parse, a method, a property), not at module load: the
 * module-level schemas of core/<ctx> (inputs, views) are each used by a few actions, and building
 * all of them was most of a function's cold require (issue 4). Typed as the schema itself, so
 * every use and `typeof` stays as it was. A Proxy rather than a factory function: zod reaches a
 * schema only through its properties (its methods close over the real instance), so forwarding
 * reads is enough, and no use site changes.
 */
export function lazySchema<T extends object>(build: () => T): T {
  let built: T | undefined
  const real = (): T => (built ??= build())
  return new Proxy({} as T, {
    get: (_, key) => Reflect.get(real(), key),
    set: (_, key, value) => Reflect.set(real(), key, value),
    has: (_, key) => Reflect.has(real(), key),
    getPrototypeOf: () => Reflect.getPrototypeOf(real())
  })
}

/** What the app passes (before parsing: defaults may be left out). */
export type InputOf<A> = A extends ActionSpec<infer I, any, any> ? z.input<I> : never
/** What the use case receives (parsed). */
export type ParsedInputOf<A> = A extends ActionSpec<infer I, any, any> ? z.output<I> : never
/** What the use case answers (before the app's parse). */
export type ServerReplyOf<A> = A extends ActionSpec<any, infer O, any> ? z.input<O> : never
/** What the app holds after parsing the answer. */
export type ReplyOf<A> = A extends ActionSpec<any, infer O, any> ? z.output<O> : never
/** The action's own business failure codes. */
export type CodeOf<A> = A extends ActionSpec<any, any, infer C> ? C : never
