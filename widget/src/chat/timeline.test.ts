import { expect, test } from 'bun:test'
import type { ChatMessage } from './api.ts'
import { buildTimeline, insertMessage } from './timeline.ts'

const msg = (seq: number, senderType: ChatMessage['senderType'] = 'AGENT', clientMessageId: string | null = null): ChatMessage => ({
  id: `m${seq}`,
  seq,
  clientMessageId,
  senderType,
  senderName: null,
  body: `body ${seq}`,
  deliveryStatus: 'STORED',
  createdAt: new Date(seq * 1000).toISOString(),
})

test('messages arriving out of order are kept in sequence order; a repeat returns the same array', () => {
  let list: ChatMessage[] = []
  for (const seq of [2, 5, 1, 4, 3]) list = insertMessage(list, msg(seq))
  expect(list.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5])
  expect(insertMessage(list, msg(3))).toBe(list)
})

test('unsent messages follow stored ones; one stored meanwhile (another tab, a retried send) is shown once', () => {
  const messages = [msg(1), msg(2, 'VISITOR', 'c-1')]
  const pending = [
    { clientMessageId: 'c-1', body: 'first', at: 1 },
    { clientMessageId: 'c-2', body: 'second', at: 2 },
  ]
  const items = buildTimeline(messages, pending, [{ clientMessageId: 'c-3', body: 'too long', at: 3, error: 'body: too long' }], 0)
  expect(items.map((i) => [i.key, i.status])).toEqual([
    ['m1', undefined],
    ['c-1', 'sent'],
    ['c-2', 'sending'],
    ['c-3', 'failed'],
  ])
})

test('the visitor sees "read" once an agent has read up to the message', () => {
  const messages = [msg(1, 'VISITOR', 'a'), msg(2, 'VISITOR', 'b')]
  expect(buildTimeline(messages, [], [], 1).map((i) => i.status)).toEqual(['read', 'sent'])
})

test('delivered and read are positions: every visitor message at or below them; read wins', () => {
  const messages = [msg(1, 'VISITOR', 'a'), msg(2, 'AGENT'), msg(3, 'VISITOR', 'b'), msg(4, 'VISITOR', 'c')]
  expect(buildTimeline(messages, [], [], 0, 3).map((i) => i.status)).toEqual(['delivered', undefined, 'delivered', 'sent'])
  expect(buildTimeline(messages, [], [], 1, 3).map((i) => i.status)).toEqual(['read', undefined, 'delivered', 'sent'])
  expect(buildTimeline(messages, [], [], 4, 3).map((i) => i.status)).toEqual(['read', undefined, 'read', 'read'])
})
