import { sql } from '../../db/index.ts'

export const messageColumns = sql`
  m.id, m.account_id as "accountId", m.conversation_id as "conversationId", m.seq,
  m.client_message_id as "clientMessageId", m.sender_type as "senderType", m.sender_id as "senderId",
  m.kind, m.body, m.metadata, m.delivery_status as "deliveryStatus", m.created_at as "createdAt"`

/** What a visitor may read: the conversation's text, never notes or internal events. */
export const visitorVisibleKinds = sql`m.kind = 'text'`
