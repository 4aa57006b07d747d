/**
 * A function's cold start builds no zod schema of its contract, and a call builds only its own
 * action's (issue 4: building every schema of a context was most of a cold require). zod's
 * builders are counted; the contracts are the real ones.
 */
const mockBuilt = { count: 0 }
jest.mock('zod', () => {
  const actual = jest.requireActual('zod')
  const counted: Record<string, unknown> = { ...actual }
  // The builders (z.object, z.string...), not the classes: instanceof must keep working.
  for (const [key, value] of Object.entries(actual)) {
    if (typeof value === 'function' && /^[a-z]/.test(key)) {
      counted[key] = (...args: unknown[]) => {
        mockBuilt.count++
        return (value as (...a: unknown[]) => unknown)(...args)
      }
    }
  }
  return counted
})

interface Parses {
  safeParse: (x: unknown) => unknown
}
type Loaded = Record<string, { input: Parses; reply: Parses; fn: string; name: string }>

const contexts: Array<[string, string]> = [
  ['community', 'communityContract'],
  ['service-card', 'serviceCardContract'],
  ['classes', 'classesContract'],
  ['elder-care', 'elderCareContract'],
  ['volunteers', 'volunteersContract'],
  ['notifications', 'notificationsContract'],
  ['staff', 'staffContract'],
  ['grid', 'gridContract']
]

function load(ctx: string, exported: string): Loaded {
  let contract: Loaded = {}
  jest.isolateModules(() => {
    // The router's envelope schema (wire.ts) is built at load: every call parses with it.
    require('./wire')
    mockBuilt.count = 0
    contract = (require(`../${ctx}/${ctx}.contract`) as Record<string, Loaded>)[exported]
  })
  return contract
}

beforeEach(() => {
  mockBuilt.count = 0
})

describe.each(contexts)('the %s contract', (ctx, exported) => {
  test('loading it builds no schema', () => {
    const contract = load(ctx, exported)
    expect(Object.keys(contract).length).toBeGreaterThan(3)
    expect(mockBuilt.count).toBe(0)
  })

  test("reading one action builds that action's schemas, a fraction of all of them", () => {
    const contract = load(ctx, exported)
    const names = Object.keys(contract)
    const first = contract[names[0]]
    // What a call does: parse the input, then (on the local cloud) the reply.
    const call = (name: string): void => {
      contract[name].input.safeParse({})
      contract[name].reply.safeParse({})
    }
    call(names[0])
    expect(first).toMatchObject({ fn: ctx, name: names[0] })
    const one = mockBuilt.count
    expect(one).toBeGreaterThan(0)
    // Kept: the same action read again builds nothing more and is the same object.
    expect(contract[names[0]]).toBe(first)
    expect(mockBuilt.count).toBe(one)
    for (const name of names) call(name)
    expect(one * 4).toBeLessThan(mockBuilt.count)
  })
})
