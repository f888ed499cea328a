import { expect, test } from 'bun:test'
import type { ConversationRow, Message } from '../client/shapes.ts'
import { previewOf } from './conversation-row.tsx'

const msg = (p: Partial<Message>): Message => ({
  id: 'm', conversationId: 'c', seq: 1, clientMessageId: null, senderType: 'AGENT', senderId: 'agent-1', senderName: 'Sam',
  kind: 'TEXT', body: 'Hello', metadata: {}, deliveryStatus: 'STORED', createdAt: '2026-12-04T10:00:00Z', ...p,
})
const row = (m: Message | null) => ({ lastMessage: m }) as unknown as ConversationRow

test('"You:" is decided by the sender id, not the name', () => {
  expect(previewOf(row(msg({ senderId: 'me', senderName: 'Sam' })), 'me').who).toBe('You: ')
  // Another agent with the same name as mine is still someone else.
  expect(previewOf(row(msg({ senderId: 'agent-2', senderName: 'Sam' })), 'me').who).toBe('Sam: ')
  expect(previewOf(row(msg({ senderType: 'VISITOR', senderId: 'contact-1' })), 'me').who).toBe('')
  expect(previewOf(row(null), 'me').kind).toBe('empty')
})
