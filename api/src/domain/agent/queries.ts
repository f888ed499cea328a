import { sql, type Queryable } from '../../db/index.ts'
import type { Agent, Availability, Role } from './schema.ts'

// The password hash never leaves this module: no column list here selects it.
const agentColumns = sql`id, account_id as "accountId", email, name, role, active, availability, created_at as "createdAt"`

export async function accountExists(q: Queryable, accountId: string): Promise<boolean> {
  const rows = await q.query(sql`select 1 from accounts where id = ${accountId}`)
  return rows.length > 0
}

/** Undefined when the email is taken (case-insensitively). */
export async function insertAgent(
  q: Queryable,
  a: { accountId: string; email: string; name: string; role: Role; passwordHash: string },
): Promise<Agent | undefined> {
  const [row] = await q.query<Agent>(sql`
    insert into agents (account_id, email, name, role, password_hash)
    values (${a.accountId}, ${a.email}, ${a.name}, ${a.role}, ${a.passwordHash})
    on conflict ((lower(email))) do nothing
    returning ${agentColumns}`)
  return row
}

export async function selectAgent(q: Queryable, accountId: string, id: string): Promise<Agent | undefined> {
  const [row] = await q.query<Agent>(sql`select ${agentColumns} from agents where account_id = ${accountId} and id = ${id}`)
  return row
}

export function selectAgents(q: Queryable, accountId: string): Promise<Agent[]> {
  return q.query<Agent>(sql`select ${agentColumns} from agents where account_id = ${accountId} order by lower(name), id`)
}

export async function updateAgentRow(
  q: Queryable,
  accountId: string,
  id: string,
  patch: { name?: string; role?: Role; active?: boolean },
): Promise<Agent | undefined> {
  const [row] = await q.query<Agent>(sql`
    update agents set
      name = coalesce(${patch.name}::text, name),
      role = coalesce(${patch.role}::text, role),
      active = coalesce(${patch.active}::boolean, active)
    where account_id = ${accountId} and id = ${id}
    returning ${agentColumns}`)
  return row
}

export async function updateAvailability(q: Queryable, agentId: string, availability: Availability): Promise<Agent | undefined> {
  const [row] = await q.query<Agent>(sql`
    update agents set availability = ${availability} where id = ${agentId} returning ${agentColumns}`)
  return row
}
