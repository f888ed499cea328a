import { sql } from '../../db/index.ts'
import type { Deps } from '../../deps.ts'

export type PresenceState = 'online' | 'away' | 'offline'

/** An agent's presence: connected and not set offline by hand → their chosen availability. */
export async function agentPresence(deps: Deps, agentId: string): Promise<PresenceState> {
  const [row] = await deps.db.query<{ state: PresenceState }>(sql`
    select case when coalesce(p.online, false) then a.availability else 'offline' end as state
    from agents a left join presence_status p on p.subject_type = 'agent' and p.subject_id = a.id
    where a.id = ${agentId}`)
  return row?.state ?? 'offline'
}

export async function visitorOnline(deps: Deps, contactId: string): Promise<boolean> {
  const [row] = await deps.db.query<{ online: boolean }>(sql`
    select online from presence_status where subject_type = 'visitor' and subject_id = ${contactId}`)
  return row?.online ?? false
}

/** Whether any agent of the account is connected and available: the widget's "we're online". */
export async function agentsAvailable(deps: Deps, accountId: string): Promise<boolean> {
  const [row] = await deps.db.query(sql`
    select 1 from presence_status p join agents a on a.id = p.subject_id
    where p.subject_type = 'agent' and p.account_id = ${accountId} and p.online and a.active and a.availability = 'online'
    limit 1`)
  return Boolean(row)
}
