/**
 * A call whose writes all landed but whose answer was lost: the router (src/server/router.ts)
 * runs the real use case on the real repositories, then storing its response (`complete` in
 * runOnce) fails once, as a failed database request does. The call answers INTERNAL and its
 * idempotency claim stays pending, so the client's retry with the same requestId, once the first
 * call's time limit has surely passed, takes the claim over and runs the use case again: what
 * that retry answers is what the person sees. (A call cut off at its timeout after its writes
 * leaves the same state.) An action that answers its own retry (`idempotent: 'stamped'`) has no
 * stored response to fail: its answer is lost on the way back instead, the same state for it.
 * Needs the local cloud's database (useSeededCloud).
 */
import type { WireResponse } from '../../src/core/shared/wire'
import { getDb } from '../../src/server/db/client'
import { idempotencyRepository } from '../../src/server/idempotency.repository'
import { serverInfra, type Infra } from '../../src/server/infra'
import { createHandler, messages, type ActionTable, type ContextName } from '../../src/server/router'
import { failingOnce } from './faults.fake'
import { eventAs } from './router-infra.fake'

export interface LostAnswerRouter {
  /** The first call: its writes land, the router fails to store its answer (once per router). */
  first: (
    openId: string,
    action: string,
    payload: Record<string, unknown>,
    requestId: string
  ) => Promise<WireResponse<any>>
  /** The client's retry with the same requestId an hour later, past the first call's time limit + margin. */
  retry: (
    openId: string,
    action: string,
    payload: Record<string, unknown>,
    requestId: string
  ) => Promise<WireResponse<any>>
}

export function lostAnswerRouter<D>(
  fn: ContextName,
  actions: ActionTable<D>,
  deps: (infra: Infra) => D
): LostAnswerRouter {
  let lateMs = 0
  const main = createHandler(fn, actions, {
    // As define-function.ts builds them: over the community of the call.
    deps: scope => deps(serverInfra(scope)),
    infra: {
      idempotency: failingOnce(idempotencyRepository(getDb()), 'complete'),
      clock: { now: () => new Date(Date.now() + lateMs) },
      openIdOf: event => {
        const id = (event.userInfo as { openId?: unknown } | undefined)?.openId
        return typeof id === 'string' ? id : null
      },
      log: () => undefined
    }
  })
  // The platform's context: CloudBase's 3 s default timeout for this call.
  const send = async (
    openId: string,
    action: string,
    payload: Record<string, unknown>,
    requestId: string
  ): Promise<WireResponse<any>> =>
    await main(eventAs(openId, { action, payload, requestId }), { time_limit_in_ms: 3000 })
  const lost: WireResponse<any> = { ok: false, error: { code: 'INTERNAL', message: messages.INTERNAL } }
  return {
    async first(openId, action, payload, requestId) {
      const answer = await send(openId, action, payload, requestId)
      return actions[action]?.idempotent === 'stamped' ? lost : answer
    },
    async retry(...args) {
      lateMs = 3600_000
      return await send(...args)
    }
  }
}
