import {
  careActors,
  careRequestEvents,
  careRequestStates,
  eventsFor,
  expectedBy,
  nextStep,
  type CareActor,
  type CareRequestEvent,
  type CareRequestState
} from './care-request.machine'

/**
 * The expected machine, written out independently of the table under test: for each state, the
 * events that apply, where they lead, and who may fire them (E elder, P proxy, S staff,
 * H assigned helper, T system timer). Every (state, event, actor) not listed must be refused.
 */
const spec: Record<CareRequestState, Partial<Record<CareRequestEvent, [CareRequestState, string]>>> = {
  submitted: { triage: ['triaged', 'S'], cancel: ['cancelled', 'EPS'] },
  triaged: { assign: ['assigned', 'S'], cancel: ['cancelled', 'EPS'] },
  assigned: {
    accept: ['accepted', 'H'],
    decline: ['triaged', 'H'],
    timeout: ['triaged', 'T'],
    cancel: ['cancelled', 'EPS']
  },
  accepted: { check_in: ['in_service', 'H'], cancel: ['cancelled', 'EPS'] },
  in_service: { check_out: ['completed', 'H'] },
  completed: { rate: ['rated', 'EP'], follow_up: ['completed', 'EPS'], reopen: ['triaged', 'EPS'] },
  rated: { follow_up: ['rated', 'EPS'], reopen: ['triaged', 'EPS'] },
  cancelled: {}
}
const letter: Record<CareActor, string> = { elder: 'E', proxy: 'P', staff: 'S', helper: 'H', system: 'T', other: '-' }

const cases = careRequestStates.flatMap(state =>
  careRequestEvents.flatMap(event => careActors.map(actor => [state, event, actor] as const))
)

describe('care-request machine: every (state, event, actor)', () => {
  it('covers all combinations', () => {
    expect(cases).toHaveLength(careRequestStates.length * careRequestEvents.length * careActors.length)
  })

  test.each(cases)('%s + %s by %s', (state, event, actor) => {
    const expected = spec[state][event]
    const result = nextStep(state, event, actor)
    if (!expected) {
      expect(result).toMatchObject({ ok: false, code: 'INVALID_TRANSITION' })
    } else if (!expected[1].includes(letter[actor])) {
      expect(result).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    } else {
      expect(result.ok).toBe(true)
      if (result.ok) {
        expect(result.value.to).toBe(expected[0])
        expect(result.value.label).not.toBe('')
      }
    }
  })
})

describe('expected time in the history', () => {
  const window = { start: new Date('2026-11-24T01:00:00Z'), end: new Date('2026-11-24T03:00:00Z') }
  const at = new Date('2026-11-23T02:00:00Z')
  const row = (s: CareRequestState, e: CareRequestEvent, a: CareActor) => {
    const r = nextStep(s, e, a)
    if (!r.ok) throw new Error(r.message)
    return r.value
  }

  it('tells the elder when the helper should confirm, arrive and finish', () => {
    expect(expectedBy(row('triaged', 'assign', 'staff'), at, window)).toEqual(new Date('2026-11-23T02:30:00Z'))
    expect(expectedBy(row('assigned', 'accept', 'helper'), at, window)).toEqual(window.start)
    expect(expectedBy(row('accepted', 'check_in', 'helper'), at, window)).toEqual(window.end)
    expect(expectedBy(row('completed', 'rate', 'elder'), at, window)).toBeNull()
  })

  it('offers each actor only the buttons it may press', () => {
    expect(eventsFor('assigned', 'helper').sort()).toEqual(['accept', 'decline'])
    expect(eventsFor('assigned', 'elder')).toEqual(['cancel'])
    expect(eventsFor('in_service', 'elder')).toEqual([])
    expect(eventsFor('cancelled', 'staff')).toEqual([])
  })
})
