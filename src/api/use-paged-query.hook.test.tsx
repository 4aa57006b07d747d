import { act, render, screen } from '@testing-library/react'
import * as z from 'zod'
import { defineContract } from '@/core/shared/contract'
import { pageSchema } from '@/core/shared/page'
import { callFunction } from './call-function'
import { usePagedQuery } from './use-paged-query.hook'

jest.mock('./call-function', () => ({ callFunction: jest.fn() }))

const toy = defineContract('community', {
  directory: () => ({
    input: z.object({ parent: z.string(), cursor: z.string().optional() }),
    reply: pageSchema(z.object({ id: z.string() })),
    codes: []
  })
})

/** Answers are released by the test, so it can look at the screen while a load is in flight. */
const pending: Array<{ payload: Record<string, unknown>; answer: (rows: string[], cursor?: string | null) => void }> =
  []
beforeEach(() => {
  pending.length = 0
  ;(callFunction as jest.Mock).mockImplementation(
    async (_fn: string, _action: string, payload: Record<string, unknown>) =>
      await new Promise(resolve => {
        pending.push({
          payload,
          answer: (rows, cursor = null) => resolve({ ok: true, data: { items: rows.map(id => ({ id })), cursor } })
        })
      })
  )
})

function List({ parent }: { parent: string }) {
  // The list asks again by itself when its input changes.
  const list = usePagedQuery(toy.directory, { parent })
  return (
    <div>
      {list.items.map(r => (
        <span key={r.id}>{r.id}</span>
      ))}
      {list.hasMore && <button onClick={list.more}>more</button>}
    </div>
  )
}

test('rows of the previous payload are not shown while the new one loads, and pages append', async () => {
  const view = render(<List parent='grid-1' />)
  await act(async () => {
    pending.at(-1)!.answer(['building-1', 'building-2'], 'c1')
  })
  expect(screen.getByText('building-1')).toBeTruthy()
  await act(async () => {
    screen.getByText('more').click()
  })
  await act(async () => {
    pending.at(-1)!.answer(['building-3'])
  })
  expect(screen.getByText('building-3')).toBeTruthy()

  // One level down: until the answer for the new parent arrives, nothing of grid-1 is on screen.
  view.rerender(<List parent='building-1' />)
  expect(screen.queryByText('building-1')).toBeNull()
  expect(screen.queryByText('more')).toBeNull()
  await act(async () => {
    pending
      .filter(p => p.payload.parent === 'building-1')
      .at(-1)!
      .answer(['unit-1'])
  })
  expect(screen.getByText('unit-1')).toBeTruthy()
})
