import { expect, test } from 'bun:test'
import { sql } from '../../db/index.ts'
import { describeEachDb } from '../../testing/db.ts'
import { createAccount } from '../account/index.ts'
import { createAgent } from '../agent/index.ts'
import { createSession, resolveSession } from './session.ts'
import { pruneAuthRecords } from './prune.ts'

describeEachDb('pruning auth records', ({ deps }) => {
  test('removes long-expired and revoked sessions and stale failed sign-ins, keeps the live ones', async () => {
    const d = deps()
    const account = await createAccount(d, { name: 'Prune' })
    const agent = await createAgent(d, { accountId: account.id, email: `p-${account.id.slice(0, 8)}@example.test`, name: 'P', password: 'password1' })
    const live = await createSession(d, agent.id)
    await createSession(d, agent.id)
    await createSession(d, agent.id)
    await d.db.query(sql`
      update agent_sessions set expires_at = now() - interval '2 days'
      where id in (select id from agent_sessions where agent_id = ${agent.id} order by created_at desc limit 1)`)
    await d.db.query(sql`
      update agent_sessions set revoked_at = now() - interval '3 days'
      where id in (select id from agent_sessions where agent_id = ${agent.id} and revoked_at is null and expires_at > now() order by created_at desc limit 1)`)
    await d.db.query(sql`insert into sign_in_failures (bucket, failed_at) values ('ip:1', now() - interval '2 hours'), ('ip:1', now())`)

    const pruned = await pruneAuthRecords(d)
    expect(pruned.sessions).toBe(2)
    expect(pruned.failures).toBeGreaterThanOrEqual(1)
    const left = await d.db.query<{ n: number }>(sql`select count(*)::int as n from agent_sessions where agent_id = ${agent.id}`)
    expect(left[0]!.n).toBe(1)
    const recent = await d.db.query<{ n: number }>(sql`select count(*)::int as n from sign_in_failures where failed_at > now() - interval '1 minute'`)
    expect(recent[0]!.n).toBeGreaterThanOrEqual(1)
    expect((await resolveSession(d, live.token))?.agentId).toBe(agent.id)
  })
})
