/** The bounded pool: never more than the limit in flight, results in input order, failures surface. */
import { setTimeout as sleep } from 'node:timers/promises'
import { describe, expect, it } from 'vitest'
import { mapBounded } from '../../src/discover/pool.ts'

describe('mapBounded', () => {
  it.each([1, 3, 8, 100])('keeps at most %i tasks in flight and the results in input order', async (limit) => {
    let inFlight = 0
    let peak = 0
    const items = Array.from({ length: 40 }, (_, i) => i)
    const results = await mapBounded(items, limit, async (item) => {
      inFlight++
      peak = Math.max(peak, inFlight)
      // Finish out of order, so order-keeping is actually exercised.
      await sleep((item * 7) % 5)
      inFlight--
      return item * 2
    })
    expect(results).toEqual(items.map((i) => i * 2))
    expect(peak).toBe(Math.min(limit, items.length))
  })

  it('reports progress once per item', async () => {
    const seen: number[] = []
    await mapBounded(
      [1, 2, 3, 4, 5],
      2,
      async (x) => x,
      (done) => seen.push(done),
    )
    expect(seen).toEqual([1, 2, 3, 4, 5])
  })

  it('handles an empty input', async () => {
    expect(await mapBounded([], 4, async () => 1)).toEqual([])
  })

  it('rejects with the first failure', async () => {
    await expect(
      mapBounded([1, 2, 3], 2, async (x) => {
        if (x === 2) throw new Error('boom')
        return x
      }),
    ).rejects.toThrow('boom')
  })
})
