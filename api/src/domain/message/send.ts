import { sql } from '../../db/index.ts'
import { inTx, type Deps } from '../../deps.ts'
import { AppError } from '../../errors.ts'
import { EVENTS } from '../../events/index.ts'
import { parse } from '../../validate.ts'
import type { Viewer } from '../../viewer.ts'
import { requireSignedIn } from '../access/index.ts'
import { ensureVisible } from '../conversation/access.ts'
import { conversationColumns } from '../conversation/queries.ts'
import type { Conversation } from '../conversation/schema.ts'
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
    // One round trip: lock the conversation and look for an earlier send with this client id.
    const [row] = await q.query<Conversation & { existingId: string | null }>(sql`
      select ${conversationColumns},
             (select m.id from messages m where m.conversation_id = c.id and m.client_message_id = ${data.clientMessageId}) as "existingId"
      from conversations c where c.id = ${data.conversationId} for update`)
    const { existingId, ...c } = ensureVisible(v, row)
    if (existingId) {
      const [existing] = await q.query<Message>(sql`select ${messageColumns} from messages m where m.id = ${existingId}`)
      return { message: existing!, created: false }
    }

    // A visitor writing reopens a resolved or snoozed conversation and starts its wait; an agent's
    // reply ends the wait and may be the first reply.
    const reopens = c.status === 'resolved' || c.status === 'snoozed'
    const changes =
      data.kind !== 'text'
        ? null
        : v.type === 'visitor'
          ? { changed: c.waitingSince === null || reopens, set: sql`waiting_since = coalesce(waiting_since, now())
              ${reopens ? sql`, status = 'open', snoozed_until = null` : sql``}` }
          : { changed: c.waitingSince !== null || c.firstReplyAt === null, set: sql`waiting_since = null, first_reply_at = coalesce(first_reply_at, now())` }

    const message = await appendMessage(q, emit, c, {
      senderType: v.type,
      senderId: v.type === 'agent' ? v.agentId : v.contactId,
      kind: data.kind,
      body: data.body,
      clientMessageId: data.clientMessageId,
      conversationChanges: changes?.set,
    })
    if (changes?.changed) {
      emit({ name: EVENTS.conversationUpdated, accountId: c.accountId, conversationId: c.id, inboxId: c.inboxId })
    }
    return { message, created: true }
  })
}
