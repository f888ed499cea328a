import { expect, test } from 'bun:test'
import { backoffDelay } from './backoff.ts'

test('the window doubles per attempt up to the cap; jitter stays within the upper half of it', () => {
  expect([0, 1, 2, 3].map((a) => backoffDelay(a, () => 0))).toEqual([250, 500, 1000, 2000])
  expect([0, 1, 2, 3].map((a) => backoffDelay(a, () => 1))).toEqual([500, 1000, 2000, 4000])
  expect(backoffDelay(40, () => 1)).toBe(30_000)
  expect(backoffDelay(40, () => 0)).toBe(15_000)
})

test('jitter spreads clients apart', () => {
  const delays = new Set(Array.from({ length: 50 }, () => backoffDelay(5)))
  expect(delays.size).toBeGreaterThan(20)
})
