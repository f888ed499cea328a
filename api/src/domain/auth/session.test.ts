import { beforeAll, expect, test } from 'bun:test'
import { createHash, randomUUID } from 'node:crypto'
import { sql } from '../../db/index.ts'
import type { Deps } from '../../deps.ts'
import { describeEachDb } from '../../testing/db.ts'
import { createAgent, updateAgent, type Agent } from '../agent/index.ts'
import { createSession, resolveSession, revokeSession } from './index.ts'

async function newAgent(deps: Deps): Promise<Agent> {
  const [account] = await deps.db.query<{ id: string }>(sql`insert into accounts (name) values ('Acme') returning id`)
  const email = `a${randomUUID().slice(0, 8)}@example.com`
  return createAgent(deps, { accountId: account!.id, email, name: 'Ada', password: 'password1', role: 'admin' })
}

describeEachDb('agent sessions', ({ deps }) => {
  let agent: Agent
  beforeAll(async () => {
    agent = await newAgent(deps())
  })

  test('a new session resolves to its agent and only the token digest is stored', async () => {
    const before = Date.now()
    const { token, expiresAt } = await createSession(deps(), agent.id)
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(Math.abs(expiresAt.getTime() - (before + deps().config.SESSION_TTL_HOURS * 3600_000))).toBeLessThan(60_000)

    const viewer = await resolveSession(deps(), token)
    expect(viewer).toEqual({ type: 'agent', agentId: agent.id, accountId: agent.accountId, role: 'admin', sessionId: expect.any(String) })
    const rows = await deps().db.query<{ id: string; token_hash: string }>(sql`select id, token_hash from agent_sessions where agent_id = ${agent.id}`)
    expect(rows).toEqual([{ id: viewer!.sessionId, token_hash: createHash('sha256').update(token).digest('hex') }])
  })

  test('unknown and malformed tokens resolve to null', async () => {
    for (const token of ['', 'x', 'A'.repeat(43), 'A'.repeat(5000)]) expect(await resolveSession(deps(), token)).toBeNull()
  })

  test('an expired session resolves to null', async () => {
    const { token } = await createSession(deps(), agent.id)
    await deps().db.query(sql`update agent_sessions set expires_at = now() - interval '1 minute'
      where token_hash = ${createHash('sha256').update(token).digest('hex')}`)
    expect(await resolveSession(deps(), token)).toBeNull()
  })

  test('a revoked session resolves to null while the agent’s other sessions still work', async () => {
    const a = await createSession(deps(), agent.id)
    const b = await createSession(deps(), agent.id)
    await revokeSession(deps(), a.token)
    expect(await resolveSession(deps(), a.token)).toBeNull()
    expect(await resolveSession(deps(), b.token)).not.toBeNull()
  })

  test('a deactivated agent’s sessions resolve to null', async () => {
    const other = await newAgent(deps())
    const { token } = await createSession(deps(), other.id)
    await updateAgent(deps(), other.accountId, other.id, { active: false })
    expect(await resolveSession(deps(), token)).toBeNull()
  })

  test('the role is read at resolve time, so a demotion takes effect on the next request', async () => {
    const { token } = await createSession(deps(), agent.id)
    await updateAgent(deps(), agent.accountId, agent.id, { role: 'agent' })
    expect((await resolveSession(deps(), token))?.role).toBe('agent')
  })
})
