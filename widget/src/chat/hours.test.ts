import { expect, test } from 'bun:test'
import { withinHours } from './hours.ts'

const weekdays = (open: string, close: string) => [1, 2, 3, 4, 5].map((day) => ({ day, open, close }))

test('business hours: off means always open; open inclusive, close exclusive, in the inbox time zone', () => {
  expect(withinHours(undefined)).toBe(true)
  expect(withinHours({ enabled: false, timezone: 'UTC', days: [] })).toBe(true)
  const paris = { enabled: true, timezone: 'Europe/Paris', days: weekdays('09:00', '18:00') }
  // Wednesday 2026-12-02: Paris is UTC+1 in winter.
  expect(withinHours(paris, new Date('2026-12-02T07:59:00Z'))).toBe(false)
  expect(withinHours(paris, new Date('2026-12-02T08:00:00Z'))).toBe(true)
  expect(withinHours(paris, new Date('2026-12-02T16:59:00Z'))).toBe(true)
  expect(withinHours(paris, new Date('2026-12-02T17:00:00Z'))).toBe(false)
  // Saturday is not listed: closed all day.
  expect(withinHours(paris, new Date('2026-12-05T10:00:00Z'))).toBe(false)
  // Enabled with no days: always closed.
  expect(withinHours({ enabled: true, timezone: 'UTC', days: [] })).toBe(false)
})
