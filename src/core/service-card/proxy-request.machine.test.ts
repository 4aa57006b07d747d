import {
  decide,
  eventsFor,
  proxyRequestMachine,
  requestEvents,
  requestStatuses,
  type Actor
} from './proxy-request.machine'

describe('proxy request machine', () => {
  it('walks the happy path submitted → accepted → in_progress → done → rated', () => {
    const path: Array<[Parameters<typeof decide>[1], Actor]> = [
      ['accept', 'staff'],
      ['start', 'handler'],
      ['finish', 'handler'],
      ['rate', 'resident']
    ]
    let status: Parameters<typeof decide>[0] = 'submitted'
    for (const [event, actor] of path) {
      const d = decide(status, event, [actor])
      if (!d.ok) throw new Error(`${event} refused from ${status}`)
      status = d.to
    }
    expect(status).toBe('rated')
  })

  it.each(
    requestStatuses.flatMap(s =>
      requestEvents.flatMap(e => (['resident', 'handler', 'staff'] as const).map(a => [s, e, a] as const))
    )
  )('from %s, %s by %s follows the table', (status, event, actor) => {
    const t = proxyRequestMachine[event]
    const d = decide(status, event, [actor])
    if (!t.by.includes(actor)) expect(d).toEqual({ ok: false, code: 'FORBIDDEN' })
    else if (!t.from.includes(status)) expect(d).toEqual({ ok: false, code: 'INVALID_TRANSITION' })
    else expect(d).toEqual({ ok: true, to: t.to })
  })

  it('lets nobody act on a rated or cancelled request', () => {
    for (const s of ['rated', 'cancelled'] as const) expect(eventsFor(s, ['resident', 'handler', 'staff'])).toEqual([])
  })

  it('offers a resident cancel while waiting and rate when done, never the handler steps', () => {
    expect(eventsFor('submitted', ['resident'])).toEqual(['cancel'])
    expect(eventsFor('needs_materials', ['resident'])).toEqual(['supply_materials', 'cancel'])
    expect(eventsFor('done', ['resident'])).toEqual(['rate'])
    expect(eventsFor('in_progress', ['resident'])).toEqual([])
  })

  it('lets only the handler (首问负责) move an accepted request on; other staff only accept new ones', () => {
    expect(eventsFor('accepted', ['staff'])).toEqual([])
    expect(eventsFor('accepted', ['handler'])).toEqual(['start', 'ask_materials', 'cancel'])
  })
})
