import { expect, test } from 'bun:test'
import { contactName, initials, preview, shortAge, waitingLabel } from './format.ts'

const now = Date.parse('2026-12-04T12:00:00Z')

test('ages are compact', () => {
  expect(shortAge('2026-12-04T11:59:30Z', now)).toBe('now')
  expect(shortAge('2026-12-04T11:48:00Z', now)).toBe('12m')
  expect(shortAge('2026-12-04T09:00:00Z', now)).toBe('3h')
  expect(shortAge('2026-12-02T12:00:00Z', now)).toBe('2d')
  expect(shortAge(null, now)).toBe('')
  expect(waitingLabel('2026-12-04T11:48:00Z', now)).toBe('waiting 12m')
  expect(waitingLabel(null, now)).toBe('')
})

test('names, initials and previews', () => {
  expect(initials('Ada Lovelace')).toBe('AL')
  expect(initials('  cher ')).toBe('C')
  expect(initials('')).toBe('?')
  expect(initials('Visitor #4')).toBe('V4')
  expect(contactName({ name: null, email: 'a@b.c' })).toBe('a@b.c')
  expect(contactName({ name: null }, 7)).toBe('Visitor #7')
  expect(preview('hello\n\n  world')).toBe('hello world')
  expect(preview('x'.repeat(100), 10)).toBe('xxxxxxxxx…')
})
