import { sql } from '../../db/index.ts'
import { inTx, type Deps } from '../../deps.ts'
import { EVENTS } from '../../events/index.ts'
import type { Viewer } from '../../viewer.ts'
import { requireVisitor } from '../access/index.ts'
import { conversationColumns } from './queries.ts'
import type { Conversation } from './schema.ts'

/**
 * The visitor's current conversation in this inbox: the latest one that is not resolved,
 * or a new one. The widget calls this before its first send, and again after a reload.
 */
export async function startConversation(deps: Deps, viewer: Viewer): Promise<Conversation> {
  const v = requireVisitor(viewer)
  return inTx(deps, async (q, emit) => {
    // One visitor starting from two tabs at once must still end up with one conversation.
    await q.query(sql`select 1 from contacts where id = ${v.contactId} for update`)
    const [open] = await q.query<Conversation>(sql`
      select ${conversationColumns} from conversations c
      where c.contact_id = ${v.contactId} and c.inbox_id = ${v.inboxId} and c.status <> 'resolved'
      order by c.last_activity_at desc limit 1`)
    if (open) return open
    const [{ number } = { number: 0 }] = await q.query<{ number: number }>(sql`
      update accounts set last_conversation_number = last_conversation_number + 1
      where id = ${v.accountId} returning last_conversation_number as number`)
    const [created] = await q.query<Conversation>(sql`
      insert into conversations as c (account_id, inbox_id, contact_id, number)
      values (${v.accountId}, ${v.inboxId}, ${v.contactId}, ${number})
      returning ${conversationColumns}`)
    emit({ name: EVENTS.conversationCreated, accountId: v.accountId, conversationId: created!.id, inboxId: v.inboxId })
    return created!
  })
}

/** The visitor's conversations in this inbox, newest first. */
export async function listVisitorConversations(deps: Deps, viewer: Viewer): Promise<Conversation[]> {
  const v = requireVisitor(viewer)
  return deps.db.query<Conversation>(sql`
    select ${conversationColumns} from conversations c
    where c.contact_id = ${v.contactId} and c.inbox_id = ${v.inboxId}
    order by c.last_activity_at desc, c.id desc limit 50`)
}
