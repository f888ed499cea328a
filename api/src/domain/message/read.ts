import { sql } from '../../db/index.ts'
import { inTx, type Deps } from '../../deps.ts'
import { EVENTS } from '../../events/index.ts'
import { parse } from '../../validate.ts'
import type { Viewer } from '../../viewer.ts'
import { requireSignedIn } from '../access/index.ts'
import { loadVisibleConversation } from '../conversation/access.ts'
import { markReadInput } from './schema.ts'

/** Moves the viewer's read cursor forward (never back) and tells the other side. */
export async function markRead(deps: Deps, viewer: Viewer, input: unknown): Promise<number> {
  const v = requireSignedIn(viewer)
  const data = parse(markReadInput, input)
  const readerId = v.type === 'agent' ? v.agentId : v.contactId
  return inTx(deps, async (q, emit) => {
    const c = await loadVisibleConversation(q, v, data.conversationId)
    const seq = Math.min(data.seq, c.lastSeq)
    const [row] = await q.query<{ lastReadSeq: number }>(sql`
      insert into read_cursors as r (conversation_id, reader_type, reader_id, last_read_seq)
      values (${c.id}, ${v.type}, ${readerId}, ${seq})
      on conflict (conversation_id, reader_type, reader_id)
      do update set last_read_seq = greatest(r.last_read_seq, excluded.last_read_seq), updated_at = now()
      returning last_read_seq as "lastReadSeq"`)
    const lastReadSeq = row!.lastReadSeq
    emit({
      name: EVENTS.conversationRead,
      accountId: c.accountId,
      conversationId: c.id,
      inboxId: c.inboxId,
      seq: lastReadSeq,
      actor: { type: v.type, id: readerId },
    })
    return lastReadSeq
  })
}

export async function readCursorOf(deps: Deps, conversationId: string, readerType: 'visitor' | 'agent', readerId: string): Promise<number> {
  const [row] = await deps.db.query<{ seq: number }>(sql`
    select last_read_seq as seq from read_cursors
    where conversation_id = ${conversationId} and reader_type = ${readerType} and reader_id = ${readerId}`)
  return row?.seq ?? 0
}
