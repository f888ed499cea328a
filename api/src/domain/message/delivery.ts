import { sql, type Queryable } from '../../db/index.ts'
import { inTx, type Deps } from '../../deps.ts'
import { EVENTS } from '../../events/index.ts'
import { parse } from '../../validate.ts'
import type { AgentViewer, Viewer, VisitorViewer } from '../../viewer.ts'
import { requireSignedIn } from '../access/index.ts'
import type { Conversation } from '../conversation/schema.ts'
import { loadVisibleConversation } from '../conversation/access.ts'
import { markReadInput } from './schema.ts'

type Reader = AgentViewer | VisitorViewer

/** The messages a reader receives: a visitor gets agents' and bots' replies, agents get the visitor's. */
function senderTypesFor(reader: Reader) {
  return reader.type === 'visitor' ? sql`m.sender_type in ('agent', 'bot')` : sql`m.sender_type = 'visitor'`
}

const readerIdOf = (reader: Reader) => (reader.type === 'agent' ? reader.agentId : reader.contactId)

/**
 * Moves a reader's cursors forward (never back) and the statuses of the messages it passed:
 * stored → delivered on an acknowledgement, → read on a read mark. Publishes one event with
 * the position, so each sender updates every mark up to it at once.
 */
async function advance(deps: Deps, viewer: Viewer, input: unknown, kind: 'delivered' | 'read'): Promise<number> {
  const reader = requireSignedIn(viewer)
  const data = parse(markReadInput, input)
  return inTx(deps, async (q, emit) => {
    const c = await loadVisibleConversation(q, reader, data.conversationId)
    const seq = Math.min(data.seq, c.lastSeq)
    const position = await moveCursor(q, c, reader, seq, kind)
    const status = kind === 'read' ? sql`'read'` : sql`'delivered'`
    const from = kind === 'read' ? sql`m.delivery_status in ('stored', 'delivered')` : sql`m.delivery_status = 'stored'`
    await q.query(sql`
      update messages m set delivery_status = ${status}
      where m.conversation_id = ${c.id} and m.seq <= ${position} and m.kind = 'text' and ${senderTypesFor(reader)} and ${from}`)
    emit({
      name: kind === 'read' ? EVENTS.conversationRead : EVENTS.conversationDelivered,
      accountId: c.accountId,
      conversationId: c.id,
      inboxId: c.inboxId,
      seq: position,
      actor: { type: reader.type, id: readerIdOf(reader) },
    })
    return position
  })
}

async function moveCursor(q: Queryable, c: Conversation, reader: Reader, seq: number, kind: 'delivered' | 'read'): Promise<number> {
  const read = kind === 'read' ? seq : 0
  const [row] = await q.query<{ delivered: number; read: number }>(sql`
    insert into read_cursors as r (conversation_id, reader_type, reader_id, last_read_seq, last_delivered_seq)
    values (${c.id}, ${reader.type}, ${readerIdOf(reader)}, ${read}, ${seq})
    on conflict (conversation_id, reader_type, reader_id) do update set
      last_read_seq = greatest(r.last_read_seq, excluded.last_read_seq),
      last_delivered_seq = greatest(r.last_delivered_seq, excluded.last_delivered_seq),
      updated_at = now()
    returning last_delivered_seq as delivered, last_read_seq as read`)
  return kind === 'read' ? row!.read : row!.delivered
}

/** The reader's client has the messages up to `seq`: they are delivered. */
export function acknowledgeDelivery(deps: Deps, viewer: Viewer, input: unknown): Promise<number> {
  return advance(deps, viewer, input, 'delivered')
}

/** The reader has seen the messages up to `seq`: they are read (and so delivered). */
export function markRead(deps: Deps, viewer: Viewer, input: unknown): Promise<number> {
  return advance(deps, viewer, input, 'read')
}

/**
 * How far the other side of a conversation has got: for an agent, the visitor; for a visitor,
 * the agents (the furthest of them). One row, read by both position fields of a conversation.
 */
export async function otherSidePositions(deps: Deps, conversationId: string, viewerType: 'agent' | 'visitor'): Promise<{ read: number; delivered: number }> {
  const [row] = await deps.db.query<{ read: number; delivered: number }>(sql`
    select coalesce(max(last_read_seq), 0)::int as read, coalesce(max(last_delivered_seq), 0)::int as delivered
    from read_cursors where conversation_id = ${conversationId} and reader_type = ${viewerType === 'agent' ? 'visitor' : 'agent'}`)
  return row ?? { read: 0, delivered: 0 }
}
