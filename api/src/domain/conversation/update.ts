import { sql, textArray, type Queryable } from '../../db/index.ts'
import { inTx, type Deps, type Emit } from '../../deps.ts'
import { notFound } from '../../errors.ts'
import { EVENTS } from '../../events/index.ts'
import { parse } from '../../validate.ts'
import type { AgentViewer, Viewer } from '../../viewer.ts'
import { requireAgent } from '../access/index.ts'
import { appendEvent } from '../message/append.ts'
import { loadVisibleConversation } from './access.ts'
import { selectConversation } from './queries.ts'
import { assignInput, labelsInput, setPriorityInput, setStatusInput, type Conversation } from './schema.ts'

type Change = (q: Queryable, c: Conversation, emit: Emit) => Promise<string | null>

/**
 * The shape every agent change shares: lock the conversation, apply, write a timeline event
 * when something changed, publish conversation.updated after commit.
 */
async function changeConversation(deps: Deps, viewer: Viewer, conversationId: string, change: Change): Promise<Conversation> {
  const agent = requireAgent(viewer)
  return inTx(deps, async (q, emit) => {
    const c = await loadVisibleConversation(q, agent, conversationId, { lock: true })
    const event = await change(q, c, emit)
    if (event === null) return c
    const updated = (await selectConversation(q, c.id))!
    await appendEvent(q, emit, updated, event, { by: agent.agentId })
    emit({ name: EVENTS.conversationUpdated, accountId: c.accountId, conversationId: c.id, inboxId: c.inboxId, actor: { type: 'agent', id: agent.agentId } })
    return (await selectConversation(q, c.id))!
  })
}

async function agentName(q: Queryable, agent: AgentViewer, id: string): Promise<string> {
  const [row] = await q.query<{ name: string }>(sql`select name from agents where id = ${id} and account_id = ${agent.accountId} and active`)
  if (!row) throw notFound('agent')
  return row.name
}

/** Assigns to an agent and/or a team of the same account; null unassigns. */
export async function assignConversation(deps: Deps, viewer: Viewer, input: unknown): Promise<Conversation> {
  const agent = requireAgent(viewer)
  const data = parse(assignInput, input)
  return changeConversation(deps, agent, data.conversationId, async (q, c) => {
    const lines: string[] = []
    const by = await agentName(q, agent, agent.agentId)
    if (data.agentId !== undefined && data.agentId !== c.assigneeId) {
      const name = data.agentId ? await agentName(q, agent, data.agentId) : null
      await q.query(sql`update conversations set assignee_id = ${data.agentId} where id = ${c.id}`)
      lines.push(name ? `${by} assigned this to ${name}` : `${by} unassigned this`)
    }
    if (data.teamId !== undefined && data.teamId !== c.teamId) {
      let team: string | null = null
      if (data.teamId) {
        const [row] = await q.query<{ name: string }>(sql`select name from teams where id = ${data.teamId} and account_id = ${agent.accountId}`)
        if (!row) throw notFound('team')
        team = row.name
      }
      await q.query(sql`update conversations set team_id = ${data.teamId} where id = ${c.id}`)
      lines.push(team ? `${by} assigned this to team ${team}` : `${by} removed the team`)
    }
    return lines.length ? lines.join('; ') : null
  })
}

export async function setConversationStatus(deps: Deps, viewer: Viewer, input: unknown): Promise<Conversation> {
  const agent = requireAgent(viewer)
  const data = parse(setStatusInput, input)
  return changeConversation(deps, agent, data.conversationId, async (q, c) => {
    const until = data.snoozedUntil ?? null
    if (c.status === data.status && (c.snoozedUntil?.getTime() ?? null) === (until?.getTime() ?? null)) return null
    await q.query(sql`update conversations set status = ${data.status}, snoozed_until = ${until} where id = ${c.id}`)
    const by = await agentName(q, agent, agent.agentId)
    return data.status === 'snoozed' ? `${by} snoozed this until ${until!.toISOString()}` : `${by} set the status to ${data.status}`
  })
}

export async function setConversationPriority(deps: Deps, viewer: Viewer, input: unknown): Promise<Conversation> {
  const agent = requireAgent(viewer)
  const data = parse(setPriorityInput, input)
  return changeConversation(deps, agent, data.conversationId, async (q, c) => {
    if (c.priority === data.priority) return null
    await q.query(sql`update conversations set priority = ${data.priority} where id = ${c.id}`)
    return `${await agentName(q, agent, agent.agentId)} set the priority to ${data.priority}`
  })
}

/** Replaces the conversation's labels; names must be labels of the account. */
export async function setConversationLabels(deps: Deps, viewer: Viewer, input: unknown): Promise<Conversation> {
  const agent = requireAgent(viewer)
  const data = parse(labelsInput, input)
  return changeConversation(deps, agent, data.conversationId, async (q, c) => {
    const wanted = [...new Set(data.labels)]
    const found = wanted.length
      ? await q.query<{ id: string; name: string }>(sql`
          select id, name from labels where account_id = ${agent.accountId}
          and name = any(${textArray(wanted)})`)
      : []
    const missing = wanted.filter((n) => !found.some((l) => l.name === n))
    if (missing.length) throw notFound(`label "${missing[0]}"`)
    const before = await q.query<{ name: string }>(sql`
      select l.name from conversation_labels cl join labels l on l.id = cl.label_id where cl.conversation_id = ${c.id}`)
    const beforeNames = before.map((r) => r.name).sort()
    if (beforeNames.join(',') === wanted.slice().sort().join(',')) return null
    await q.query(sql`delete from conversation_labels where conversation_id = ${c.id}`)
    for (const l of found) await q.query(sql`insert into conversation_labels (conversation_id, label_id) values (${c.id}, ${l.id})`)
    const by = await agentName(q, agent, agent.agentId)
    return wanted.length ? `${by} set the labels to ${wanted.sort().join(', ')}` : `${by} removed all labels`
  })
}

/**
 * Reopens snoozed conversations whose time has come; run by the snooze worker.
 * Returns how many woke.
 */
export async function wakeSnoozedConversations(deps: Deps, now = new Date()): Promise<number> {
  const due = await deps.db.query<{ id: string }>(sql`
    select id from conversations where status = 'snoozed' and snoozed_until <= ${now} order by snoozed_until limit 500`)
  let woken = 0
  for (const { id } of due) {
    const done = await inTx(deps, async (q, emit) => {
      const c = await selectConversation(q, id, { lock: true })
      if (!c || c.status !== 'snoozed' || !c.snoozedUntil || c.snoozedUntil > now) return false
      await q.query(sql`update conversations set status = 'open', snoozed_until = null where id = ${id}`)
      const updated = (await selectConversation(q, id))!
      await appendEvent(q, emit, updated, 'Snooze ended; the conversation is open again', { snoozeEnded: true })
      emit({ name: EVENTS.conversationUpdated, accountId: c.accountId, conversationId: id, inboxId: c.inboxId, actor: { type: 'system', id: null } })
      return true
    })
    if (done) woken++
  }
  return woken
}
