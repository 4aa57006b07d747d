import { act, render, screen } from '@testing-library/react'
import { useEffect } from 'react'
import * as z from 'zod'
import { callFunction } from './index'
import { usePagedQuery } from './use-paged-query.hook'

jest.mock('./index', () => ({ callFunction: jest.fn() }))

const page = z.object({ items: z.array(z.object({ id: z.string() })), cursor: z.string().nullable() })

/** Answers are released by the test, so it can look at the screen while a load is in flight. */
const pending: Array<{ payload: Record<string, unknown>, answer: (rows: string[], cursor?: string | null) => void }> = []
beforeEach(() => {
  pending.length = 0
  ;(callFunction as jest.Mock).mockImplementation(async (_fn: string, _action: string, payload: Record<string, unknown>) => await new Promise(resolve => {
    pending.push({ payload, answer: (rows, cursor = null) => resolve({ ok: true, data: { items: rows.map(id => ({ id })), cursor } }) })
  }))
})

function List ({ parent }: { parent: string }) {
  const list = usePagedQuery<{ id: string }>({ fn: 'community', action: 'directory', payload: { parent }, schema: page, badResponse: '?' })
  const { reload } = list
  useEffect(() => { reload() }, [parent, reload])
  return <div>{list.items.map(r => <span key={r.id}>{r.id}</span>)}{list.hasMore && <button onClick={list.more}>more</button>}</div>
}

test('rows of the previous payload are not shown while the new one loads, and pages append', async () => {
  const view = render(<List parent='grid-1' />)
  await act(async () => { pending.at(-1)!.answer(['building-1', 'building-2'], 'c1') })
  expect(screen.getByText('building-1')).toBeTruthy()
  await act(async () => { screen.getByText('more').click() })
  await act(async () => { pending.at(-1)!.answer(['building-3']) })
  expect(screen.getByText('building-3')).toBeTruthy()

  // One level down: until the answer for the new parent arrives, nothing of grid-1 is on screen.
  view.rerender(<List parent='building-1' />)
  expect(screen.queryByText('building-1')).toBeNull()
  expect(screen.queryByText('more')).toBeNull()
  await act(async () => { pending.filter(p => p.payload.parent === 'building-1').at(-1)!.answer(['unit-1']) })
  expect(screen.getByText('unit-1')).toBeTruthy()
})
