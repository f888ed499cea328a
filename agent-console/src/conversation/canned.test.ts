import { expect, test } from 'bun:test'
import { cannedToken, insertCanned, rankCanned } from './canned.tsx'

test('a /code at the start of a word, before the caret, is a canned token', () => {
  expect(cannedToken('/ref', 4)).toEqual({ start: 0, end: 4, term: 'ref' })
  expect(cannedToken('Hi! /Ref', 8)).toEqual({ start: 4, end: 8, term: 'ref' })
  expect(cannedToken('and/or', 6)).toBeNull()
  expect(cannedToken('/', 1)).toBeNull()
  expect(cannedToken('/ref done', 9)).toBeNull()
  expect(cannedToken('/ref done', 4)).toEqual({ start: 0, end: 4, term: 'ref' })
})

test('inserting replaces the /code and puts the caret after the text', () => {
  const t = cannedToken('Hi /ref and more', 7)!
  expect(insertCanned('Hi /ref and more', t, 'Refunded.')).toEqual({ text: 'Hi Refunded. and more', caret: 12 })
})

test('codes that start with the term come first, then text matches', () => {
  const items = [
    { id: '1', shortCode: 'shipping', content: 'We refund shipping too.' },
    { id: '2', shortCode: 'refund-late', content: 'Late.' },
    { id: '3', shortCode: 'refund', content: 'Refunded.' },
  ]
  expect(rankCanned(items, 'ref').map((c) => c.id)).toEqual(['3', '2', '1'])
})
