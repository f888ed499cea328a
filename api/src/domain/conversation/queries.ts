import { sql, type Queryable } from '../../db/index.ts'
import type { Conversation } from './schema.ts'

export const conversationColumns = sql`
  c.id, c.account_id as "accountId", c.inbox_id as "inboxId", c.contact_id as "contactId", c.number,
  c.status, c.priority, c.assignee_id as "assigneeId", c.team_id as "teamId",
  c.snoozed_until as "snoozedUntil", c.waiting_since as "waitingSince", c.first_reply_at as "firstReplyAt",
  c.last_seq as "lastSeq", c.last_activity_at as "lastActivityAt", c.created_at as "createdAt"`

export async function selectConversation(q: Queryable, id: string, opts: { lock?: boolean } = {}): Promise<Conversation | undefined> {
  const lock = opts.lock ? sql`for update` : sql``
  const [row] = await q.query<Conversation>(sql`select ${conversationColumns} from conversations c where c.id = ${id} ${lock}`)
  return row
}
