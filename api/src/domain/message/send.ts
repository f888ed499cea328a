import { sql } from '../../db/index.ts'
import { inTx, type Deps } from '../../deps.ts'
import { AppError } from '../../errors.ts'
import { EVENTS } from '../../events/index.ts'
import { parse } from '../../validate.ts'
import type { Viewer } from '../../viewer.ts'
import { requireSignedIn } from '../access/index.ts'
import { loadVisibleConversation } from '../conversation/access.ts'
import { appendMessage } from './append.ts'
import { messageColumns } from './queries.ts'
import { sendMessageInput, type Message } from './schema.ts'

export interface SendResult {
  message: Message
  /** False when the client message id was seen before and the first message is returned. */
  created: boolean
}

/**
 * Stores a visitor's message, an agent's reply or an agent's private note. Idempotent on
 * (conversation, clientMessageId): a retried send returns the first message and stores nothing.
 */
export async function sendMessage(deps: Deps, viewer: Viewer, input: unknown): Promise<SendResult> {
  const v = requireSignedIn(viewer)
  const data = parse(sendMessageInput(deps.config.MESSAGE_MAX_LENGTH), input)
  if (v.type === 'visitor' && data.kind === 'note') {
    throw new AppError('FORBIDDEN', 'kind: visitors cannot write private notes', { field: 'kind' })
  }
  return inTx(deps, async (q, emit) => {
    const conversation = await loadVisibleConversation(q, v, data.conversationId, { lock: true })
    const [existing] = await q.query<Message>(sql`
      select ${messageColumns} from messages m
      where m.conversation_id = ${conversation.id} and m.client_message_id = ${data.clientMessageId}`)
    if (existing) return { message: existing, created: false }

    const senderId = v.type === 'agent' ? v.agentId : v.contactId
    const message = await appendMessage(q, emit, conversation, {
      senderType: v.type,
      senderId,
      kind: data.kind,
      body: data.body,
      clientMessageId: data.clientMessageId,
    })
    if (data.kind === 'text') {
      const changed = await q.query(
        v.type === 'visitor'
          ? sql`update conversations set waiting_since = coalesce(waiting_since, now()),
                  status = case when status in ('resolved', 'snoozed') then 'open' else status end,
                  snoozed_until = case when status in ('resolved', 'snoozed') then null else snoozed_until end
                where id = ${conversation.id} and (waiting_since is null or status in ('resolved', 'snoozed'))
                returning status`
          : sql`update conversations set waiting_since = null, first_reply_at = coalesce(first_reply_at, now())
                where id = ${conversation.id} and (waiting_since is not null or first_reply_at is null)
                returning status`,
      )
      if (changed.length > 0) {
        emit({ name: EVENTS.conversationUpdated, accountId: conversation.accountId, conversationId: conversation.id, inboxId: conversation.inboxId })
      }
    }
    return { message, created: true }
  })
}
