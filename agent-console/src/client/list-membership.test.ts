import { describe, expect, test } from 'bun:test'
import { matchesFilter, placeInList, type RowFacts } from './list-membership.ts'

const row: RowFacts = { status: 'OPEN', assigneeId: null, inboxId: 'i1', teamId: null, labels: ['billing'], lastActivityAt: '2026-01-01T10:00:00Z' }

describe('matchesFilter', () => {
  test('applies status, assignee, inbox, team and label like the API', () => {
    expect(matchesFilter(undefined, row, 'me')).toBe(true)
    expect(matchesFilter({ status: 'OPEN', assignee: 'UNASSIGNED' }, row, 'me')).toBe(true)
    expect(matchesFilter({ assignee: 'ME' }, row, 'me')).toBe(false)
    expect(matchesFilter({ assignee: 'ME' }, { ...row, assigneeId: 'me' }, 'me')).toBe(true)
    expect(matchesFilter({ assignee: 'UNASSIGNED' }, { ...row, assigneeId: 'bob' }, 'me')).toBe(false)
    expect(matchesFilter({ status: 'RESOLVED' }, row, 'me')).toBe(false)
    expect(matchesFilter({ inboxId: 'i2' }, row, 'me')).toBe(false)
    expect(matchesFilter({ teamId: 't1' }, row, 'me')).toBe(false)
    expect(matchesFilter({ label: 'billing' }, row, 'me')).toBe(true)
    expect(matchesFilter({ label: 'bug' }, row, 'me')).toBe(false)
  })
})

describe('placeInList', () => {
  const at: Record<string, string> = { a: '2026-01-01T12:00:00Z', b: '2026-01-01T11:00:00Z', c: '2026-01-01T09:00:00Z', n: '2026-01-01T13:00:00Z' }
  const activity = (k: string) => at[k]
  test('a row with new activity moves to the top of the first page', () => {
    expect(placeInList(['a', 'b', 'c'], 'n', activity, true, true)).toEqual(['n', 'a', 'b', 'c'])
    at.c = '2026-01-01T14:00:00Z'
    expect(placeInList(['a', 'b', 'c'], 'c', activity, true, true)).toEqual(['c', 'a', 'b'])
    at.c = '2026-01-01T09:00:00Z'
  })
  test('a row that no longer matches leaves; later pages only lose rows', () => {
    expect(placeInList(['a', 'b', 'c'], 'b', activity, false, true)).toEqual(['a', 'c'])
    expect(placeInList(['a', 'b', 'c'], 'b', activity, true, false)).toEqual(['a', 'c'])
    expect(placeInList(['a', 'c'], 'n', activity, true, false)).toBeNull()
  })
  test('unchanged lists report null, and an older row is not pulled onto the first page', () => {
    expect(placeInList(['a', 'b', 'c'], 'a', activity, true, true)).toBeNull()
    at.old = '2025-01-01T00:00:00Z'
    expect(placeInList(['a', 'b'], 'old', activity, true, true)).toBeNull()
    expect(placeInList([], 'old', activity, true, true)).toEqual(['old'])
  })
})
