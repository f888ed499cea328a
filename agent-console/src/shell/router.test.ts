import { expect, test } from 'bun:test'
import { hrefOf, parseRoute } from './router.ts'

test('console paths round-trip', () => {
  expect(parseRoute('/console/')).toEqual({ name: 'inbox' })
  expect(parseRoute('/console/conversations/abc')).toEqual({ name: 'inbox', conversationId: 'abc' })
  expect(parseRoute('/console/settings')).toEqual({ name: 'settings', section: 'inboxes' })
  expect(parseRoute('/console/settings/labels')).toEqual({ name: 'settings', section: 'labels' })
  expect(parseRoute('/console/settings/nope')).toEqual({ name: 'settings', section: 'inboxes' })
  for (const r of [{ name: 'inbox' } as const, { name: 'inbox', conversationId: 'x' } as const, { name: 'settings', section: 'teams' } as const]) {
    expect(parseRoute(hrefOf(r))).toEqual(r)
  }
})
