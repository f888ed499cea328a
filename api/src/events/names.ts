/** Every event Parley publishes; payloads carry ids only, so they stay far below NOTIFY's 8000 bytes. */
export const EVENTS = {
  messageCreated: 'message.created',
  messageUpdated: 'message.updated',
  conversationCreated: 'conversation.created',
  conversationUpdated: 'conversation.updated',
  conversationRead: 'conversation.read',
  conversationDelivered: 'conversation.delivered',
  presenceUpdated: 'presence.updated',
  agentUpdated: 'agent.updated',
  typingStarted: 'typing.started',
  typingStopped: 'typing.stopped',
} as const

export type EventName = (typeof EVENTS)[keyof typeof EVENTS]

export interface ParleyEvent {
  name: EventName
  accountId: string
  /** Empty for account-wide events such as presence.updated. */
  conversationId: string
  inboxId: string
  /** The message for message.*; absent otherwise. */
  messageId?: string
  /** Who caused it, so a sender's own typing is not echoed back. */
  actor?: { type: 'visitor' | 'agent' | 'system'; id: string | null }
  /** Per-conversation sequence for message.* and read/delivered positions. */
  seq?: number
  /** For agent.updated: the agent whose availability, role or status changed. */
  agentId?: string
  /** For presence.updated: whose presence changed and what it is now. */
  presence?: { subjectType: 'agent' | 'visitor'; subjectId: string; online: boolean }
}
