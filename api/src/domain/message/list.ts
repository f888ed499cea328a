import { sql, when } from '../../db/index.ts'
import type { Deps } from '../../deps.ts'
import { parse } from '../../validate.ts'
import type { Viewer } from '../../viewer.ts'
import { loadVisibleConversation } from '../conversation/access.ts'
import { messageColumns, visitorVisibleKinds } from './queries.ts'
import { listMessagesInput, type Message } from './schema.ts'

export interface MessagePage {
  messages: Message[]
  hasMore: boolean
}

/**
 * Messages by sequence. `afterSeq` pages forward (resume after a reconnect: exactly the
 * missed ones, in order); `beforeSeq` pages back (older history); neither gives the latest.
 */
export async function listMessages(deps: Deps, viewer: Viewer, input: unknown): Promise<MessagePage> {
  const data = parse(listMessagesInput, input)
  const conversation = await loadVisibleConversation(deps.db, viewer, data.conversationId)
  const visibility = when(viewer.type === 'visitor', sql`and ${visitorVisibleKinds}`)
  const limit = data.first + 1
  let rows: Message[]
  if (data.afterSeq !== undefined) {
    rows = await deps.db.query<Message>(sql`
      select ${messageColumns} from messages m
      where m.conversation_id = ${conversation.id} and m.seq > ${data.afterSeq} ${visibility}
      order by m.seq asc limit ${limit}`)
    const hasMore = rows.length > data.first
    return { messages: rows.slice(0, data.first), hasMore }
  }
  const before = when(data.beforeSeq !== undefined, sql`and m.seq < ${data.beforeSeq}`)
  rows = await deps.db.query<Message>(sql`
    select ${messageColumns} from messages m
    where m.conversation_id = ${conversation.id} ${before} ${visibility}
    order by m.seq desc limit ${limit}`)
  const hasMore = rows.length > data.first
  return { messages: rows.slice(0, data.first).reverse(), hasMore }
}

export async function getMessage(deps: Deps, id: string): Promise<Message | undefined> {
  const [row] = await deps.db.query<Message>(sql`select ${messageColumns} from messages m where m.id = ${id}`)
  return row
}
