import { joinSql, sql, type Queryable } from '../../db/index.ts'
import type { AgentViewer } from '../../viewer.ts'

export interface Credentials {
  agentId: string
  accountId: string
  active: boolean
  passwordHash: string
}

export async function selectCredentials(q: Queryable, email: string): Promise<Credentials | undefined> {
  const [row] = await q.query<Credentials>(sql`
    select id as "agentId", account_id as "accountId", active, password_hash as "passwordHash"
    from agents where lower(email) = ${email}`)
  return row
}

export async function insertSession(
  q: Queryable,
  agentId: string,
  tokenHash: string,
  ttlHours: number,
): Promise<{ id: string; expiresAt: Date }> {
  const [row] = await q.query<{ id: string; expiresAt: Date }>(sql`
    insert into agent_sessions (agent_id, token_hash, expires_at)
    values (${agentId}, ${tokenHash}, now() + make_interval(hours => ${ttlHours}::int))
    returning id, expires_at as "expiresAt"`)
  if (!row) throw new Error('insert into agent_sessions returned no row')
  return row
}

export async function selectSessionViewer(q: Queryable, tokenHash: string): Promise<AgentViewer | undefined> {
  const [row] = await q.query<AgentViewer>(sql`
    select 'agent' as type, a.id as "agentId", a.account_id as "accountId", a.role, s.id as "sessionId"
    from agent_sessions s join agents a on a.id = s.agent_id
    where s.token_hash = ${tokenHash} and s.revoked_at is null and s.expires_at > now() and a.active`)
  return row
}

export async function markSessionRevoked(q: Queryable, tokenHash: string): Promise<void> {
  await q.query(sql`update agent_sessions set revoked_at = now() where token_hash = ${tokenHash} and revoked_at is null`)
}

export async function insertFailures(q: Queryable, buckets: [string, string]): Promise<string[]> {
  const rows = await q.query<{ id: string }>(sql`
    insert into sign_in_failures (bucket) values (${buckets[0]}), (${buckets[1]}) returning id::text as id`)
  return rows.map((r) => r.id)
}

export async function deleteFailures(q: Queryable, ids: string[]): Promise<void> {
  if (ids.length === 0) return
  const list = joinSql(ids.map((id) => sql`${id}::bigint`), ', ')
  await q.query(sql`delete from sign_in_failures where id in (${list})`)
}

export async function countFailures(q: Queryable, bucket: string, windowMinutes: number): Promise<number> {
  const [row] = await q.query<{ n: number }>(sql`
    select count(*)::int as n from sign_in_failures
    where bucket = ${bucket} and failed_at > now() - make_interval(mins => ${windowMinutes}::int)`)
  return row?.n ?? 0
}

/**
 * Seconds until `bucket` holds fewer than `max` failures in the window: when its max-th
 * newest failure ages out, only max - 1 newer ones remain.
 */
export async function secondsUntilBelow(q: Queryable, bucket: string, max: number, windowMinutes: number): Promise<number> {
  const [row] = await q.query<{ s: number }>(sql`
    select extract(epoch from failed_at + make_interval(mins => ${windowMinutes}::int) - now())::float8 as s
    from sign_in_failures
    where bucket = ${bucket} and failed_at > now() - make_interval(mins => ${windowMinutes}::int)
    order by failed_at desc offset ${max - 1}::int limit 1`)
  return Math.max(0, row?.s ?? 0)
}

export async function selectSetting(q: Queryable, key: string): Promise<string | undefined> {
  const [row] = await q.query<{ value: string }>(sql`select value from server_settings where key = ${key}`)
  return row?.value
}

export async function insertSettingIfAbsent(q: Queryable, key: string, value: string): Promise<void> {
  await q.query(sql`insert into server_settings (key, value) values (${key}, ${value}) on conflict (key) do nothing`)
}
