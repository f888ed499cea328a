import { expect, test } from 'bun:test'
import { randomUUID } from 'node:crypto'
import { sql } from '../../db/index.ts'
import type { Deps } from '../../deps.ts'
import { describeEachDb } from '../../testing/db.ts'
import { createAgent, updateAgent, type Agent } from '../agent/index.ts'
import { resolveSession, signIn } from './index.ts'

const PASSWORD = 'correct horse battery'

async function newAgent(deps: Deps): Promise<Agent> {
  const [account] = await deps.db.query<{ id: string }>(sql`insert into accounts (name) values ('Acme') returning id`)
  const email = `a${randomUUID().slice(0, 8)}@example.com`
  return createAgent(deps, { accountId: account!.id, email, name: 'Ada', password: PASSWORD })
}

let ipCount = 0
// Documentation addresses (RFC 5737), a fresh one per attempt unless a test shares one on purpose.
const newIp = () => `198.51.100.${++ipCount}`

async function sessionCount(deps: Deps): Promise<number> {
  const [row] = await deps.db.query<{ n: number }>(sql`select count(*)::int as n from agent_sessions`)
  return row!.n
}

async function failureCount(deps: Deps, bucket: string): Promise<number> {
  const [row] = await deps.db.query<{ n: number }>(sql`select count(*)::int as n from sign_in_failures where bucket = ${bucket}`)
  return row!.n
}

describeEachDb('sign-in', ({ deps }) => {
  const limited = (): Deps => ({
    ...deps(),
    config: { ...deps().config, SIGN_IN_MAX_FAILURES_PER_EMAIL: 3, SIGN_IN_MAX_FAILURES_PER_IP: 5, SIGN_IN_WINDOW_MINUTES: 15 },
  })

  test('the right password gives a session token that resolves to the agent', async () => {
    const agent = await newAgent(deps())
    const before = Date.now()
    const result = await signIn(deps(), { email: ` ${agent.email.toUpperCase()} `, password: PASSWORD }, { ip: newIp() })
    expect(result.agent).toEqual(agent)
    const ttlMs = deps().config.SESSION_TTL_HOURS * 3600_000
    expect(Math.abs(result.expiresAt.getTime() - (before + ttlMs))).toBeLessThan(60_000)
    expect(await resolveSession(deps(), result.token)).toEqual({
      type: 'agent',
      agentId: agent.id,
      accountId: agent.accountId,
      role: 'agent',
      sessionId: expect.any(String),
    })
  })

  test('a wrong password and an unknown email fail alike and are each recorded per email and per IP', async () => {
    const agent = await newAgent(deps())
    const ip = newIp()
    const stranger = `nobody-${randomUUID().slice(0, 8)}@example.com`
    const wrong = await signIn(deps(), { email: agent.email, password: 'wrong password' }, { ip }).catch((e) => e)
    const unknown = await signIn(deps(), { email: stranger, password: PASSWORD }, { ip }).catch((e) => e)
    for (const err of [wrong, unknown]) {
      expect(err).toMatchObject({ code: 'UNAUTHENTICATED', message: 'email or password is incorrect' })
    }
    expect(await failureCount(deps(), `email:${agent.email}`)).toBe(1)
    expect(await failureCount(deps(), `email:${stranger}`)).toBe(1)
    expect(await failureCount(deps(), `ip:${ip}`)).toBe(2)
  })

  test('after the per-email limit even the right password is RATE_LIMITED and no session is made', async () => {
    const d = limited()
    const agent = await newAgent(d)
    for (let i = 0; i < 3; i++) {
      const attempt = signIn(d, { email: agent.email, password: `guess ${i}` }, { ip: newIp() })
      await expect(attempt).rejects.toMatchObject({ code: 'UNAUTHENTICATED' })
    }
    const sessions = await sessionCount(d)
    const attempt = signIn(d, { email: agent.email, password: PASSWORD }, { ip: newIp() })
    await expect(attempt).rejects.toMatchObject({ code: 'RATE_LIMITED', message: 'too many failed sign-ins; try again in 15 minutes' })
    expect(await sessionCount(d)).toBe(sessions)
    expect(await failureCount(d, `email:${agent.email}`)).toBe(3)
  })

  test('after the per-IP limit another account from that IP is RATE_LIMITED, the same account elsewhere is not', async () => {
    const d = limited()
    const agent = await newAgent(d)
    const ip = newIp()
    for (let i = 0; i < 5; i++) {
      const attempt = signIn(d, { email: `guess${i}-${randomUUID().slice(0, 6)}@example.com`, password: PASSWORD }, { ip })
      await expect(attempt).rejects.toMatchObject({ code: 'UNAUTHENTICATED' })
    }
    await expect(signIn(d, { email: agent.email, password: PASSWORD }, { ip })).rejects.toMatchObject({ code: 'RATE_LIMITED' })
    const elsewhere = await signIn(d, { email: agent.email, password: PASSWORD }, { ip: newIp() })
    expect(await resolveSession(d, elsewhere.token)).not.toBeNull()
  })

  test('failures age out of the window, and the wait names the minutes left', async () => {
    const d = limited()
    const agent = await newAgent(d)
    const bucket = `email:${agent.email}`
    await d.db.query(sql`insert into sign_in_failures (bucket, failed_at) values
      (${bucket}, now() - interval '16 minutes'), (${bucket}, now() - interval '16 minutes'),
      (${bucket}, now() - interval '10 minutes'), (${bucket}, now() - interval '10 minutes')`)
    // Two inside the window, limit 3: one more failure is allowed, then the oldest inside must age out.
    await expect(signIn(d, { email: agent.email, password: 'nope nope' }, { ip: newIp() })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' })
    const blocked = signIn(d, { email: agent.email, password: PASSWORD }, { ip: newIp() })
    await expect(blocked).rejects.toMatchObject({ code: 'RATE_LIMITED', message: 'too many failed sign-ins; try again in 5 minutes' })
  })

  test('parallel guesses cannot get past the limit by racing the count', async () => {
    const d = limited()
    const agent = await newAgent(d)
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => signIn(d, { email: agent.email, password: `race ${i}` }, { ip: newIp() }).catch((e) => e.code)),
    )
    expect(results.filter((c) => c === 'UNAUTHENTICATED').length).toBeLessThanOrEqual(3)
    expect(results.filter((c) => c !== 'UNAUTHENTICATED').every((c) => c === 'RATE_LIMITED')).toBe(true)
    expect(await failureCount(d, `email:${agent.email}`)).toBeLessThanOrEqual(3)
  })

  test('a deactivated agent cannot sign in, and bad input names the field', async () => {
    const agent = await newAgent(deps())
    await updateAgent(deps(), agent.accountId, agent.id, { active: false })
    const sessions = await sessionCount(deps())
    await expect(signIn(deps(), { email: agent.email, password: PASSWORD }, { ip: newIp() })).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
      message: 'this agent account is deactivated; ask an admin of your account to reactivate it',
    })
    await expect(signIn(deps(), { email: agent.email, password: 'wrong password' }, { ip: newIp() })).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
      message: 'email or password is incorrect',
    })
    expect(await sessionCount(deps())).toBe(sessions)
    await expect(signIn(deps(), { email: 'nope', password: PASSWORD }, { ip: newIp() })).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      message: expect.stringMatching(/^email: /),
    })
  })
})
