/** Every event Parley publishes; payloads carry ids only, so they stay far below NOTIFY's 8000 bytes. */
export const EVENTS = {
  messageCreated: 'message.created',
  messageUpdated: 'message.updated',
  conversationCreated: 'conversation.created',
  conversationUpdated: 'conversation.updated',
  conversationRead: 'conversation.read',
  typingStarted: 'typing.started',
  typingStopped: 'typing.stopped',
} as const

export type EventName = (typeof EVENTS)[keyof typeof EVENTS]

export interface ParleyEvent {
  name: EventName
  accountId: string
  conversationId: string
  inboxId: string
  /** The message for message.*; absent otherwise. */
  messageId?: string
  /** Who caused it, so a sender's own typing is not echoed back. */
  actor?: { type: 'visitor' | 'agent' | 'system'; id: string | null }
  /** Per-conversation sequence for message.* and read positions. */
  seq?: number
}
