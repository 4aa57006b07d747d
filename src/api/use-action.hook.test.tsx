import { act, renderHook } from '@testing-library/react'
import * as z from 'zod'
import { callFunction, useAction, useQuery } from '@/api'
import { defineContract } from '@/core/shared/contract'

// The transport is mocked; every hook above it is the real one.
jest.mock('@/api/call-function', () => ({ ...jest.requireActual('@/api/call-function'), callFunction: jest.fn() }))

const called = callFunction as jest.MockedFunction<typeof callFunction>

const toy = defineContract('classes', {
  enrol: () => ({
    input: z.object({ termId: z.string() }),
    reply: z.object({ status: z.enum(['enrolled', 'waitlisted']) }),
    codes: ['FULL'],
    idempotent: true
  }),
  listTerms: () => ({ input: z.object({}), reply: z.object({ names: z.array(z.string()) }), codes: [] })
})

afterEach(() => called.mockReset())

describe('useAction', () => {
  test('a retry after a lost answer is the same request; an answered press draws a new id', async () => {
    called.mockResolvedValueOnce({ ok: false, error: { code: 'NETWORK', message: '网络不给力，请稍后再试' } })
    called.mockResolvedValueOnce({ ok: true, data: { status: 'enrolled' } })
    called.mockResolvedValueOnce({ ok: true, data: { status: 'waitlisted' } })
    const { result } = renderHook(() => useAction(toy.enrol))
    await act(async () => {
      await result.current.run({ termId: 't1' })
    })
    expect(result.current.refused()).toBe('网络不给力，请稍后再试')
    await act(async () => {
      await result.current.run({ termId: 't1' })
    })
    expect(result.current.refused()).toBeNull()
    await act(async () => {
      await result.current.run({ termId: 't1' })
    })
    const ids = called.mock.calls.map(c => c[3]?.requestId)
    expect(called.mock.calls[0].slice(0, 3)).toEqual(['classes', 'enrol', { termId: 't1' }])
    expect(ids[0]).toBe(ids[1])
    expect(ids[2]).not.toBe(ids[1])
  })

  test('a reply the contract does not describe is refused, with a plain message', async () => {
    called.mockResolvedValueOnce({ ok: true, data: { status: 'maybe' } })
    const { result } = renderHook(() => useAction(toy.enrol))
    let res: Awaited<ReturnType<typeof result.current.run>> | undefined
    await act(async () => {
      res = await result.current.run({ termId: 't1' }, { key: 'row-1' })
    })
    expect(res?.ok).toBe(false)
    expect(result.current.refused('row-1')).toMatch(/重新打开/)
    expect(result.current.refused('row-2')).toBeNull()
  })
})

describe('useQuery', () => {
  test('loads on mount and parses the reply', async () => {
    called.mockResolvedValue({ ok: true, data: { names: ['秋季班'] } })
    const { result } = renderHook(() => useQuery(toy.listTerms, {}))
    await act(async () => {
      await Promise.resolve()
    })
    expect(result.current.data).toEqual({ names: ['秋季班'] })
    expect(called).toHaveBeenCalledWith('classes', 'listTerms', {}, {})
  })
})
