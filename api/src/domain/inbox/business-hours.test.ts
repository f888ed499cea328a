import { expect, test } from 'bun:test'
import { withinBusinessHours } from './business-hours.ts'

const weekdays9to17 = { enabled: true, timezone: 'Europe/Paris', days: [1, 2, 3, 4, 5].map((day) => ({ day, open: '09:00', close: '17:00' })) }

test('opening windows are read in the inbox time zone', () => {
  // Wednesday 2026-12-02 08:30 UTC is 09:30 in Paris (UTC+1 in winter): open.
  expect(withinBusinessHours(weekdays9to17, new Date('2026-12-02T08:30:00Z'))).toBe(true)
  // 07:30 UTC is 08:30 in Paris: not yet open.
  expect(withinBusinessHours(weekdays9to17, new Date('2026-12-02T07:30:00Z'))).toBe(false)
  // 16:00 UTC is 17:00 in Paris: closed (close is exclusive).
  expect(withinBusinessHours(weekdays9to17, new Date('2026-12-02T16:00:00Z'))).toBe(false)
  // Saturday is not listed: closed all day.
  expect(withinBusinessHours(weekdays9to17, new Date('2026-12-05T10:00:00Z'))).toBe(false)
})

test('disabled or absent business hours mean always open', () => {
  expect(withinBusinessHours(undefined)).toBe(true)
  expect(withinBusinessHours({ ...weekdays9to17, enabled: false }, new Date('2026-12-05T10:00:00Z'))).toBe(true)
})

const weekdays = (open: string, close: string) => [1, 2, 3, 4, 5].map((day) => ({ day, open, close }))

test('open is inclusive and close exclusive, to the minute; enabled with no days is always closed', () => {
  const paris = { enabled: true, timezone: 'Europe/Paris', days: weekdays('09:00', '18:00') }
  // Wednesday 2026-12-02: Paris is UTC+1 in winter.
  expect(withinBusinessHours(paris, new Date('2026-12-02T07:59:00Z'))).toBe(false)
  expect(withinBusinessHours(paris, new Date('2026-12-02T08:00:00Z'))).toBe(true)
  expect(withinBusinessHours(paris, new Date('2026-12-02T16:59:00Z'))).toBe(true)
  expect(withinBusinessHours(paris, new Date('2026-12-02T17:00:00Z'))).toBe(false)
  expect(withinBusinessHours(paris, new Date('2026-12-05T10:00:00Z'))).toBe(false)
  expect(withinBusinessHours({ enabled: true, timezone: 'UTC', days: [] })).toBe(false)
})
