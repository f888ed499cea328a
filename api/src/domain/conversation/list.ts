import { joinSql, sql, type SqlQuery } from '../../db/index.ts'
import type { Deps } from '../../deps.ts'
import { AppError } from '../../errors.ts'
import { parse } from '../../validate.ts'
import type { AgentViewer, Viewer } from '../../viewer.ts'
import { requireAgent } from '../access/index.ts'
import { loadVisibleConversation } from './access.ts'
import { conversationColumns } from './queries.ts'
import { listConversationsInput, type Conversation } from './schema.ts'

export interface ConversationPage {
  nodes: Conversation[]
  endCursor: string | null
  hasNextPage: boolean
}

interface Cursor {
  at: string
  id: string
}

const encodeCursor = (c: Conversation): string =>
  Buffer.from(JSON.stringify({ at: new Date(c.lastActivityAt).toISOString(), id: c.id } satisfies Cursor)).toString('base64url')

function decodeCursor(raw: string): Cursor {
  try {
    const c = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Cursor
    if (typeof c.at === 'string' && typeof c.id === 'string' && !Number.isNaN(Date.parse(c.at))) return c
  } catch {}
  throw new AppError('BAD_USER_INPUT', 'after: not a cursor returned by this API', { field: 'after' })
}

type Filter = ReturnType<typeof listConversationsInput.parse>

/** Every filter but the assignee tab, which the counts vary. */
function sharedFilters(agent: AgentViewer, f: Filter): SqlQuery[] {
  const filters = [sql`c.account_id = ${agent.accountId}`]
  if (f.status) filters.push(sql`c.status = ${f.status}`)
  if (f.inboxId) filters.push(sql`c.inbox_id = ${f.inboxId}`)
  if (f.teamId) filters.push(sql`c.team_id = ${f.teamId}`)
  if (f.contactId) filters.push(sql`c.contact_id = ${f.contactId}`)
  if (f.label) {
    filters.push(sql`exists (select 1 from conversation_labels cl join labels l on l.id = cl.label_id
                             where cl.conversation_id = c.id and l.name = ${f.label})`)
  }
  if (f.search) {
    const like = `%${f.search.replace(/[\\%_]/g, '\\$&')}%`
    const number = /^#?(\d{1,9})$/.exec(f.search)?.[1]
    filters.push(sql`(
      ${number ? sql`c.number = ${Number(number)} or` : sql``}
      exists (select 1 from contacts ct where ct.id = c.contact_id
              and (ct.name ilike ${like} or ct.email ilike ${like} or ct.phone ilike ${like}))
      or exists (select 1 from messages m where m.conversation_id = c.id and m.kind <> 'event' and m.body ilike ${like}))`)
  }
  return filters
}

/** The agent's inbox view: newest activity first, filtered, with keyset pagination. */
export async function listConversations(deps: Deps, viewer: Viewer, input: unknown): Promise<ConversationPage> {
  const agent = requireAgent(viewer)
  const f = parse(listConversationsInput, input ?? {})
  const filters = sharedFilters(agent, f)
  if (f.assignee === 'me') filters.push(sql`c.assignee_id = ${agent.agentId}`)
  if (f.assignee === 'unassigned') filters.push(sql`c.assignee_id is null`)
  if (f.after) {
    const cur = decodeCursor(f.after)
    filters.push(sql`(c.last_activity_at, c.id) < (${cur.at}::timestamptz, ${cur.id}::uuid)`)
  }
  const rows = await deps.db.query<Conversation>(sql`
    select ${conversationColumns} from conversations c
    where ${joinSql(filters, ' and ')}
    order by c.last_activity_at desc, c.id desc
    limit ${f.first + 1}`)
  const nodes = rows.slice(0, f.first)
  const last = nodes[nodes.length - 1]
  return { nodes, hasNextPage: rows.length > f.first, endCursor: last ? encodeCursor(last) : null }
}

export interface ConversationCounts {
  mine: number
  unassigned: number
  all: number
}

/** The numbers on the Mine / Unassigned / All tabs, under the same other filters. */
export async function countConversations(deps: Deps, viewer: Viewer, input: unknown): Promise<ConversationCounts> {
  const agent = requireAgent(viewer)
  const f = parse(listConversationsInput, input ?? {})
  const [row] = await deps.db.query<ConversationCounts>(sql`
    select count(*) filter (where c.assignee_id = ${agent.agentId})::int as mine,
           count(*) filter (where c.assignee_id is null)::int as unassigned,
           count(*)::int as "all"
    from conversations c where ${joinSql(sharedFilters(agent, f), ' and ')}`)
  return row ?? { mine: 0, unassigned: 0, all: 0 }
}

export async function getConversation(deps: Deps, viewer: Viewer, id: unknown): Promise<Conversation> {
  const conversationId = parse(listConversationsInput.shape.inboxId.unwrap(), id, ['id'])
  return loadVisibleConversation(deps.db, viewer, conversationId)
}

/** Visitor messages past the agent's read cursor: the unread badge on a conversation row. */
export async function countUnreadFor(deps: Deps, agentId: string, conversationId: string): Promise<number> {
  const [row] = await deps.db.query<{ n: number }>(sql`
    select count(*)::int as n from messages m
    where m.conversation_id = ${conversationId} and m.sender_type = 'visitor'
      and m.seq > coalesce((select last_read_seq from read_cursors
                            where conversation_id = ${conversationId} and reader_type = 'agent' and reader_id = ${agentId}), 0)`)
  return row?.n ?? 0
}
