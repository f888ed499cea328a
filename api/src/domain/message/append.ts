import { jsonb, sql, type Queryable, type SqlQuery } from '../../db/index.ts'
import type { Emit } from '../../deps.ts'
import { EVENTS } from '../../events/index.ts'
import type { Conversation } from '../conversation/schema.ts'
import { messageColumns } from './queries.ts'
import type { Message, MessageKind, SenderType } from './schema.ts'

export interface AppendInput {
  senderType: SenderType
  senderId: string | null
  kind: MessageKind
  body: string
  clientMessageId?: string | null
  metadata?: Record<string, unknown>
  /** More `column = value` assignments for the conversation, made in the same statement as the sequence. */
  conversationChanges?: SqlQuery
}

/**
 * Stores a message with the conversation's next sequence number. Call inside a transaction
 * holding the conversation's row lock (loadVisibleConversation with lock), so numbers are
 * gap-free and ordered.
 */
export async function appendMessage(q: Queryable, emit: Emit, conversation: Conversation, input: AppendInput): Promise<Message> {
  const changes = input.conversationChanges ? sql`, ${input.conversationChanges}` : sql``
  // One statement: the next sequence number (and any conversation changes), then the row with it.
  const [message] = await q.query<Message>(sql`
    with c as (
      update conversations set last_seq = last_seq + 1, last_activity_at = now() ${changes}
      where id = ${conversation.id} returning last_seq
    )
    insert into messages as m (account_id, conversation_id, seq, client_message_id, sender_type, sender_id, kind, body, metadata)
    select ${conversation.accountId}, ${conversation.id}, c.last_seq, ${input.clientMessageId ?? null}, ${input.senderType},
           ${input.senderId}, ${input.kind}, ${input.body}, ${jsonb(input.metadata ?? {})}
    from c
    returning ${messageColumns}`)
  const seq = message!.seq
  emit({
    name: EVENTS.messageCreated,
    accountId: conversation.accountId,
    conversationId: conversation.id,
    inboxId: conversation.inboxId,
    messageId: message!.id,
    seq,
    actor: { type: input.senderType === 'agent' ? 'agent' : input.senderType === 'visitor' ? 'visitor' : 'system', id: input.senderId },
  })
  return message!
}

/** A system line in the timeline ("Ada assigned this to Bob"); agents see it, visitors do not. */
export function appendEvent(q: Queryable, emit: Emit, conversation: Conversation, body: string, metadata: Record<string, unknown>) {
  return appendMessage(q, emit, conversation, { senderType: 'system', senderId: null, kind: 'event', body, metadata })
}
