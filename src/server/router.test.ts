import * as z from 'zod'
import type { Caller } from '../core/community/caller'
import type { Result } from '../core/shared/wire'
import { fail, ok } from '../core/shared/wire'
import { eventAs, fakeInfra, type FakeInfra } from '../../test/factories/router-infra.fake'
import { openIdOf } from './caller'
import { defineContract } from '../core/shared/contract'
import { action, createHandler, implement, messages, type ActionTable, type HandlerOptions } from './router'

interface Deps {
  created: Array<{ title: string }>
}

const createInput = z.object({ title: z.string().min(1).max(20), seats: z.number().int().positive() })

function setup(
  infra: FakeInfra,
  run?: (input: z.infer<typeof createInput>, caller: Caller) => Promise<Result<unknown, string>>
) {
  const deps: Deps = { created: [] }
  const calls = { create: 0 }
  const actions: ActionTable<Deps> = {
    echo: action({
      schema: z.object({ text: z.string() }),
      roles: 'anyone',
      run: async (_d, input, caller) => ok({ text: input.text, by: caller.openId })
    }),
    create: action({
      schema: createInput,
      roles: ['staff'],
      idempotent: true,
      run: run
        ? async (_d, input, caller) => {
            calls.create++
            return await run(input, caller)
          }
        : async (d, input) => {
            calls.create++
            d.created.push({ title: input.title })
            return ok({ id: `item-${d.created.length}`, title: input.title })
          }
    }),
    mine: action({ schema: z.object({}), roles: 'registered', run: async () => ok('mine') }),
    full: action({ schema: z.object({}), roles: 'anyone', run: async () => fail('CLASS_FULL', '名额已满') }),
    boom: action({
      schema: z.object({}),
      roles: 'anyone',
      run: async () => {
        throw new Error('db exploded at secret/path.ts:42')
      }
    })
  }
  const options: HandlerOptions<Deps> = { deps: () => deps, infra }
  return { main: createHandler('community', actions, options), deps, calls }
}

const staff = { 'o-staff-1': ['staff' as const], 'o-resident': ['resident' as const] }

describe('createHandler: the wire envelope', () => {
  it('answers ok with the use case value', async () => {
    const { main } = setup(fakeInfra(staff))
    await expect(
      main(eventAs('o-resident', { action: 'echo', payload: { text: '你好' } }), { request_id: 'r1' })
    ).resolves.toEqual({ ok: true, data: { text: '你好', by: 'o-resident' } })
  })

  it('answers INVALID_INPUT with the failing paths, runs nothing and writes nothing', async () => {
    const infra = fakeInfra(staff)
    const { main, calls, deps } = setup(infra)
    const res = await main(
      eventAs('o-staff-1', { action: 'create', payload: { title: '', seats: 'many' }, requestId: 'req-12345678' }),
      {}
    )
    expect(res).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: messages.INVALID_INPUT } })
    const issues = (res as { error: { details: { issues: Array<{ path: string; message: string }> } } }).error.details
      .issues
    expect(issues.map(i => i.path).sort()).toEqual(['payload.seats', 'payload.title'])
    expect(issues.every(i => /[\u4e00-\u9fa5]/.test(i.message))).toBe(true) // zod's zh-CN messages
    expect(calls.create).toBe(0)
    expect(deps.created).toEqual([])
    expect(infra.writes).toBe(0)
  })

  it.each([
    ['no action', { payload: {} }],
    ['a non-object payload', { action: 'echo', payload: [1, 2] }],
    ['a malformed requestId', { action: 'echo', payload: { text: 'x' }, requestId: 'a b' }],
    ['not an object at all', 'hello']
  ])('answers INVALID_INPUT for %s', async (_label, event) => {
    const { main } = setup(fakeInfra(staff))
    const res = await main(
      typeof event === 'string' ? event : eventAs('o-resident', event as Record<string, unknown>),
      {}
    )
    expect(res).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
  })

  it('answers INVALID_INPUT for an oversized event without parsing it further', async () => {
    const { main } = setup(fakeInfra(staff))
    const res = await main(eventAs('o-resident', { action: 'echo', payload: { text: 'x'.repeat(300 * 1024) } }), {})
    expect(res).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: messages.TOO_LARGE } })
  })

  it('answers UNKNOWN_ACTION, also for names of Object.prototype', async () => {
    const { main } = setup(fakeInfra(staff))
    for (const name of ['nope', 'toString', '__proto__', 'constructor']) {
      const res = await main(eventAs('o-resident', { action: name, payload: {} }), {})
      expect(res).toMatchObject({ ok: false, error: { code: 'UNKNOWN_ACTION', message: messages.UNKNOWN_ACTION } })
    }
  })

  it('answers UNAUTHENTICATED without an OPENID from the platform', async () => {
    const { main } = setup(fakeInfra(staff))
    await expect(main(eventAs(null, { action: 'echo', payload: { text: 'x' } }), {})).resolves.toEqual({
      ok: false,
      error: { code: 'UNAUTHENTICATED', message: messages.UNAUTHENTICATED }
    })
  })

  it('answers FORBIDDEN, in Chinese, when the stored roles do not allow the action', async () => {
    const { main, calls } = setup(fakeInfra(staff))
    const res = await main(eventAs('o-resident', { action: 'create', payload: { title: '课', seats: 3 } }), {})
    expect(res).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: '您没有权限进行此操作' } })
    expect(calls.create).toBe(0)
  })

  it('ignores roles a client puts in its payload or event', async () => {
    const { main, calls } = setup(fakeInfra(staff))
    const res = await main(
      { ...eventAs('o-resident', { action: 'create', payload: { title: '课', seats: 3 } }), roles: ['staff'] },
      {}
    )
    expect(res).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(calls.create).toBe(0)
  })

  it('asks an unregistered caller to register for a registered-only action', async () => {
    const { main } = setup(fakeInfra(staff))
    await expect(main(eventAs('o-stranger', { action: 'mine', payload: {} }), {})).resolves.toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: messages.NOT_REGISTERED }
    })
  })

  it('passes a business failure through with its code', async () => {
    const { main } = setup(fakeInfra(staff))
    await expect(main(eventAs('o-resident', { action: 'full', payload: {} }), {})).resolves.toEqual({
      ok: false,
      error: { code: 'CLASS_FULL', message: '名额已满' }
    })
  })

  it('turns a thrown error into INTERNAL with a generic message: the stack goes to the log only', async () => {
    const infra = fakeInfra(staff)
    const { main } = setup(infra)
    const res = await main(eventAs('o-resident', { action: 'boom', payload: {} }), { request_id: 'r-boom' })
    expect(res).toEqual({ ok: false, error: { code: 'INTERNAL', message: messages.INTERNAL } })
    expect(JSON.stringify(res)).not.toMatch(/exploded|secret|\.ts|at /)
    expect(infra.lines).toHaveLength(1)
    expect(String(infra.lines[0].error)).toMatch(/db exploded/)
  })

  it('answers INTERNAL when the infrastructure itself fails (e.g. the users lookup)', async () => {
    const infra = fakeInfra(staff, {
      loadCaller: async () => {
        throw new Error('connect ECONNREFUSED')
      }
    })
    const { main } = setup(infra)
    await expect(main(eventAs('o-resident', { action: 'echo', payload: { text: 'x' } }), {})).resolves.toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: messages.INTERNAL }
    })
  })

  it('writes one structured log line per call', async () => {
    const infra = fakeInfra(staff)
    const { main } = setup(infra)
    await main(eventAs('o-resident-with-a-long-openid', { action: 'echo', payload: { text: 'x' } }), {
      request_id: 'req-A'
    })
    await main(eventAs('o-resident', { action: 'nope', payload: {} }), { request_id: 'req-B' })
    expect(infra.lines).toHaveLength(2)
    expect(infra.lines[0]).toMatchObject({
      fn: 'community',
      action: 'echo',
      requestId: 'req-A',
      caller: 'o-resi…',
      outcome: 'OK'
    })
    expect(typeof infra.lines[0].ms).toBe('number')
    expect(infra.lines[1]).toMatchObject({ requestId: 'req-B', action: 'nope', outcome: 'UNKNOWN_ACTION' })
  })
})

describe("createHandler: a create that answers its own retry (idempotent: 'stamped')", () => {
  it('passes the requestId on and neither claims nor stores it: the use case answers the retry', async () => {
    const infra = fakeInfra(staff)
    const seen: Array<string | null> = []
    const main = createHandler(
      'classes',
      {
        enrol: action({
          schema: z.object({ childId: z.string() }),
          roles: 'anyone',
          idempotent: 'stamped',
          run: async (_d: unknown, input, _caller, call) => {
            seen.push(call.requestId)
            return ok({ childId: input.childId })
          }
        })
      },
      { deps: () => ({}), infra }
    )
    const call = eventAs('o-resident', { action: 'enrol', payload: { childId: 'c1' }, requestId: 'req-stamped-01' })
    expect(await main(call, {})).toEqual({ ok: true, data: { childId: 'c1' } })
    expect(await main(call, {})).toEqual({ ok: true, data: { childId: 'c1' } })
    expect(seen).toEqual(['req-stamped-01', 'req-stamped-01'])
    expect(infra.writes).toBe(0)
    expect(infra.lines[0]).toMatchObject({ idempotency: 'stamped' })
  })
})

describe('createHandler: reads joined to the caller read (joinToCaller)', () => {
  const joining = (seen: unknown[]): ActionTable<unknown> => ({
    enrol: action({
      schema: z.object({ termId: z.string() }),
      roles: ['staff'],
      joinToCaller: (_db, input) => [{ from: 'class_terms', let: {}, pipeline: [input.termId], as: 'term' }],
      run: async (_d: unknown, _input, _caller, call) => {
        seen.push(call.joined)
        return ok('done')
      }
    })
  })
  const asStaff = eventAs('o-staff-1', { action: 'enrol', payload: { termId: 't1' } })

  it("hands the use case what the caller's read joined for its parsed input, and still checks the roles", async () => {
    const seen: unknown[] = []
    const joins: unknown[] = []
    const base = fakeInfra(staff)
    const infra = fakeInfra(staff, {
      loadCallerJoined: async (openId, build) => {
        joins.push(build(null as never))
        return { caller: await base.loadCaller(openId), joined: { term: [{ _id: 't1' }] } }
      }
    })
    const main = createHandler('classes', joining(seen), { deps: () => ({}), infra })
    expect(await main(asStaff, {})).toEqual({ ok: true, data: 'done' })
    expect(joins).toEqual([[{ from: 'class_terms', let: {}, pipeline: ['t1'], as: 'term' }]])
    expect(seen).toEqual([{ term: [{ _id: 't1' }] }])
    const denied = await main(eventAs('o-resident', { action: 'enrol', payload: { termId: 't1' } }), {})
    expect(denied).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(seen).toHaveLength(1)
  })

  it('without the joined read, loads the caller alone and the use case reads for itself', async () => {
    const seen: unknown[] = []
    const main = createHandler('classes', joining(seen), { deps: () => ({}), infra: fakeInfra(staff) })
    expect(await main(asStaff, {})).toEqual({ ok: true, data: 'done' })
    expect(seen).toEqual([undefined])
  })
})

describe('createHandler: idempotent creates by requestId', () => {
  const create = (requestId?: string, title = '书法班') =>
    eventAs('o-staff-1', { action: 'create', payload: { title, seats: 10 }, ...(requestId ? { requestId } : {}) })

  it('returns the first result to a retry and runs the use case once', async () => {
    const { main, calls, deps } = setup(fakeInfra(staff))
    const first = await main(create('req-retry-0001'), {})
    const retry = await main(create('req-retry-0001'), {})
    expect(first).toEqual({ ok: true, data: { id: 'item-1', title: '书法班' } })
    expect(retry).toEqual(first)
    expect(calls.create).toBe(1)
    expect(deps.created).toHaveLength(1)
  })

  it('keeps requestIds of different callers apart', async () => {
    const infra = fakeInfra({ ...staff, 'o-staff-2': ['staff'] })
    const { main, calls } = setup(infra)
    await main(create('req-shared-001'), {})
    await main(
      eventAs('o-staff-2', { action: 'create', payload: { title: '书法班', seats: 10 }, requestId: 'req-shared-001' }),
      {}
    )
    expect(calls.create).toBe(2)
  })

  it('runs every call without a requestId', async () => {
    const { main, calls } = setup(fakeInfra(staff))
    await main(create(), {})
    await main(create(), {})
    expect(calls.create).toBe(2)
  })

  it('runs the use case once for many concurrent retries, and all get the first result', async () => {
    let release!: () => void
    const gate = new Promise<void>(resolve => {
      release = resolve
    })
    // The retries wait for the first call however slow the machine is (a long time limit and wait).
    const { main, calls } = setup(fakeInfra(staff, { waitForFirstMs: 60_000 }), async input => {
      await gate // the first call is still running while the retries arrive
      return ok({ id: 'item-1', title: input.title })
    })
    const calls10 = Array.from(
      { length: 10 },
      async () => await main(create('req-concurrent'), { time_limit_in_ms: 600_000 })
    )
    setTimeout(release, 30)
    const results = await Promise.all(calls10)
    expect(calls.create).toBe(1)
    for (const r of results) expect(r).toEqual({ ok: true, data: { id: 'item-1', title: '书法班' } })
  })

  it('answers IN_PROGRESS while a slow first call runs, even past a minute, then the first result', async () => {
    let release!: () => void
    const gate = new Promise<void>(resolve => {
      release = resolve
    })
    const infra = fakeInfra(staff, { waitForFirstMs: 50 })
    const { main, calls } = setup(infra, async input => {
      await gate
      return ok({ title: input.title })
    })
    // A long export: the function may run two minutes (its time limit); a retry comes 90 s later.
    const ctx = { time_limit_in_ms: 120_000 }
    const first = main(create('req-slow-0001'), ctx)
    await Promise.resolve()
    infra.clock.advance(90_000)
    const busy = await main(create('req-slow-0001'), ctx)
    expect(busy).toEqual({
      ok: false,
      error: { code: 'IN_PROGRESS', message: '请求正在处理中，请稍后再试', details: { retryAfterMs: 1000 } }
    })
    expect(calls.create).toBe(1)
    release()
    await expect(first).resolves.toEqual({ ok: true, data: { title: '书法班' } })
    await expect(main(create('req-slow-0001'), ctx)).resolves.toEqual({ ok: true, data: { title: '书法班' } })
    expect(calls.create).toBe(1)
  })

  it('stores a business failure as the first result too', async () => {
    const { main, calls } = setup(fakeInfra(staff), async () => fail('CLASS_FULL', '名额已满'))
    await main(create('req-full-0001'), {})
    await expect(main(create('req-full-0001'), {})).resolves.toEqual({
      ok: false,
      error: { code: 'CLASS_FULL', message: '名额已满' }
    })
    expect(calls.create).toBe(1)
  })

  it('lets a retry run again when the first call threw', async () => {
    let attempt = 0
    const { main, calls } = setup(fakeInfra(staff), async input => {
      attempt++
      if (attempt === 1) throw new Error('transient')
      return ok({ title: input.title })
    })
    await expect(main(create('req-flaky-001'), {})).resolves.toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
    await expect(main(create('req-flaky-001'), {})).resolves.toEqual({ ok: true, data: { title: '书法班' } })
    expect(calls.create).toBe(2)
  })

  it('answers CONFLICT when a requestId is reused with a different payload', async () => {
    const { main, calls } = setup(fakeInfra(staff))
    await main(create('req-reuse-001', '书法班'), {})
    await expect(main(create('req-reuse-001', '围棋班'), {})).resolves.toEqual({
      ok: false,
      error: { code: 'CONFLICT', message: messages.REQUEST_REUSED }
    })
    expect(calls.create).toBe(1)
  })

  describe('a first call that died (cut off at its time limit before answering)', () => {
    const never = async (): Promise<Result<unknown, string>> => await new Promise(() => undefined)
    // The first call hangs like one the platform stopped; each retry runs the default use case.
    const diedThenRuns = (infra: FakeInfra) => {
      let attempt = 0
      return setup(infra, async input =>
        ++attempt === 1 ? await never() : ok({ id: `item-${attempt}`, title: input.title })
      )
    }
    const ctx = { time_limit_in_ms: 3000 } // CloudBase's default timeout; margin 1 s in fakeInfra

    it('is taken over by a retry only after its start + time limit + margin', async () => {
      const infra = fakeInfra(staff, { waitForFirstMs: 10 })
      const { main, calls } = diedThenRuns(infra)
      void main(create('req-died-0001'), ctx)
      await Promise.resolve()
      infra.clock.advance(3999)
      await expect(main(create('req-died-0001'), ctx)).resolves.toMatchObject({
        ok: false,
        error: { code: 'IN_PROGRESS' }
      })
      infra.clock.advance(1)
      await expect(main(create('req-died-0001'), ctx)).resolves.toEqual({
        ok: true,
        data: { id: 'item-2', title: '书法班' }
      })
      await expect(main(create('req-died-0001'), ctx)).resolves.toEqual({
        ok: true,
        data: { id: 'item-2', title: '书法班' }
      })
      expect(calls.create).toBe(2)
    })

    it('is taken over by exactly one of two retries arriving at once', async () => {
      let release!: () => void
      const gate = new Promise<void>(resolve => {
        release = resolve
      })
      const infra = fakeInfra(staff, { waitForFirstMs: 10 })
      let attempt = 0
      const { main, calls } = setup(infra, async input => {
        if (++attempt === 1) return await never()
        await gate // the winning retry is still running when the other one looks
        return ok({ title: input.title })
      })
      void main(create('req-died-0002'), ctx)
      await Promise.resolve()
      infra.clock.advance(10_000)
      const calls2 = [main(create('req-died-0002'), ctx), main(create('req-died-0002'), ctx)]
      // The loser answers while the winner is held; only then does the winner finish.
      const loser = await Promise.race(calls2)
      release()
      const answers = await Promise.all(calls2)
      expect(answers).toContain(loser)
      expect(calls.create).toBe(2) // the dead first call and one retry
      expect(answers.filter(a => a.ok)).toHaveLength(1)
      expect(answers.filter(a => !a.ok && a.error.code === 'IN_PROGRESS')).toHaveLength(1)
    })

    it('keeps the result of the retry that took over when the old owner answers late', async () => {
      const infra = fakeInfra(staff)
      const key = 'community:create:o-staff-1:req-late-0001'
      const old = await infra.idempotency.claim({
        key,
        fingerprint: 'fp',
        openId: 'o-staff-1',
        now: infra.clock.now(),
        holdMs: 4000
      })
      infra.clock.advance(5000)
      const taken = await infra.idempotency.claim({
        key,
        fingerprint: 'fp',
        openId: 'o-staff-1',
        now: infra.clock.now(),
        holdMs: 4000
      })
      expect(old.kind).toBe('claimed')
      expect(taken.kind).toBe('claimed')
      if (old.kind !== 'claimed' || taken.kind !== 'claimed') return
      await infra.idempotency.complete(key, taken.startedAt, { ok: true, data: 'retry' }, infra.clock.now())
      await infra.idempotency.complete(key, old.startedAt, { ok: true, data: 'late owner' }, infra.clock.now())
      await infra.idempotency.release(key, old.startedAt)
      await expect(infra.idempotency.peek(key, 'fp')).resolves.toEqual({
        kind: 'done',
        response: { ok: true, data: 'retry' }
      })
    })

    it('uses the default time limit when the context has none', async () => {
      const infra = fakeInfra(staff, { waitForFirstMs: 10, defaultTimeLimitMs: 60_000 })
      const { main, calls } = diedThenRuns(infra)
      void main(create('req-died-0003'), {})
      await Promise.resolve()
      infra.clock.advance(60_999)
      await expect(main(create('req-died-0003'), {})).resolves.toMatchObject({
        ok: false,
        error: { code: 'IN_PROGRESS' }
      })
      infra.clock.advance(1)
      await expect(main(create('req-died-0003'), {})).resolves.toMatchObject({ ok: true })
      expect(calls.create).toBe(2)
    })
  })

  it('hands the use case the requestId it guards, and null where it guards none', async () => {
    const seen: Array<string | null> = []
    const actions: ActionTable<null> = {
      create: action({
        schema: z.object({}),
        roles: 'anyone',
        idempotent: true,
        run: async (_d, _i, _c, call) => {
          seen.push(call.requestId)
          return ok(1)
        }
      }),
      read: action({
        schema: z.object({}),
        roles: 'anyone',
        run: async (_d, _i, _c, call) => {
          seen.push(call.requestId)
          return ok(2)
        }
      })
    }
    const main = createHandler('community', actions, { deps: () => null, infra: fakeInfra() })
    await main(eventAs('o-resident', { action: 'create', payload: {}, requestId: 'req-handed-001' }), {})
    await main(eventAs('o-resident', { action: 'create', payload: {} }), {})
    await main(eventAs('o-resident', { action: 'read', payload: {}, requestId: 'req-handed-002' }), {})
    expect(seen).toEqual(['req-handed-001', null, null])
  })

  it('stores whose call it was, so an erasure finds it', async () => {
    const infra = fakeInfra(staff)
    const { main } = setup(infra)
    await main(create('req-owner-0001'), {})
    expect([...infra.records.values()]).toEqual([expect.objectContaining({ openId: 'o-staff-1', state: 'done' })])
  })
})

describe('implement: an action read from its contract when first called', () => {
  it("builds the called action's spec only, once", async () => {
    const specs: string[] = []
    const contract = defineContract('community', {
      hello: () => {
        specs.push('hello')
        return { input: z.object({ name: z.string() }), reply: z.string(), codes: [] }
      },
      other: () => {
        specs.push('other')
        return { input: z.object({}), reply: z.number(), codes: [] }
      }
    })
    const actions = implement<null, typeof contract>(contract, {
      hello: { roles: 'anyone', run: async (_d, input) => ok(`你好 ${input.name}`) },
      other: { roles: 'anyone', run: async () => ok(1) }
    })
    const main = createHandler('community', actions, { deps: () => null, infra: fakeInfra() })
    expect(specs).toEqual([])
    const call = eventAs('o-resident', { action: 'hello', payload: { name: '王' } })
    expect(await main(call, {})).toEqual({ ok: true, data: '你好 王' })
    expect(await main(eventAs('o-resident', { action: 'hello', payload: {} }), {})).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' }
    })
    expect(specs).toEqual(['hello'])
  })
})

describe('openIdOf: the caller comes from the platform', () => {
  it('reads WX_OPENID from context.environ (what node-sdk getCloudbaseContext parses)', () => {
    const context = {
      request_id: 'r',
      environ: 'WX_OPENID=o-from-context;WX_APPID=wx-app;WX_CONTEXT_KEYS=WX_OPENID,WX_APPID'
    }
    expect(openIdOf({ userInfo: { openId: 'o-from-event' } }, context)).toBe('o-from-context')
  })

  it('falls back to event.userInfo.openId, injected by the platform', () => {
    expect(openIdOf({ userInfo: { openId: 'o-from-event', appId: 'wx' } }, { request_id: 'r' })).toBe('o-from-event')
  })

  it('never takes an OPENID from the payload', () => {
    expect(
      openIdOf({ action: 'home', payload: { openId: 'o-forged' }, openId: 'o-forged', OPENID: 'o-forged' } as never, {
        request_id: 'r'
      })
    ).toBeNull()
  })

  it('copes with a missing or malformed context', () => {
    expect(openIdOf({}, undefined)).toBeNull()
    expect(openIdOf({ userInfo: { openId: 42 } }, { environ: '' })).toBeNull()
  })
})
