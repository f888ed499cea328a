import { expect, test } from 'bun:test'
import { randomUUID } from 'node:crypto'
import { sql } from '../../db/index.ts'
import type { Deps } from '../../deps.ts'
import { describeEachDb } from '../../testing/db.ts'
import { createAgent, getAgent, listAgents, setAvailability, updateAgent } from './index.ts'

async function newAccount(deps: Deps): Promise<string> {
  const [row] = await deps.db.query<{ id: string }>(sql`insert into accounts (name) values ('Acme') returning id`)
  return row!.id
}

const unique = () => `a${randomUUID().slice(0, 8)}@example.com`

describeEachDb('agents', ({ deps }) => {
  test('createAgent stores a normalised agent with an argon2id hash and defaults', async () => {
    const accountId = await newAccount(deps())
    const local = unique()
    const agent = await createAgent(deps(), { accountId, email: `  ${local.toUpperCase()} `, name: ' Ada ', password: 'correct horse' })
    expect(agent).toEqual({
      id: expect.any(String),
      accountId,
      email: local,
      name: 'Ada',
      role: 'agent',
      active: true,
      availability: 'online',
      createdAt: expect.any(Date),
    })
    expect(Object.keys(agent)).not.toContain('passwordHash')
    const [row] = await deps().db.query<{ password_hash: string }>(sql`select password_hash from agents where id = ${agent.id}`)
    expect(row!.password_hash.startsWith('$argon2id$')).toBe(true)
    expect(row!.password_hash).not.toContain('correct horse')
  })

  test('a second agent with the same email in any letter case is a CONFLICT on email', async () => {
    const accountId = await newAccount(deps())
    const otherAccount = await newAccount(deps())
    const email = unique()
    await createAgent(deps(), { accountId, email, name: 'First', password: 'password1' })
    const dup = createAgent(deps(), { accountId: otherAccount, email: email.toUpperCase(), name: 'Second', password: 'password2' })
    await expect(dup).rejects.toMatchObject({ code: 'CONFLICT', message: 'email: an agent with this email already exists' })
    expect(await listAgents(deps(), otherAccount)).toEqual([])
  })

  test('bad input is BAD_USER_INPUT naming the field, and nothing is written', async () => {
    const accountId = await newAccount(deps())
    const base = { accountId, email: unique(), name: 'Ada', password: 'password1' }
    const cases: [Record<string, unknown>, string][] = [
      [{ email: 'not-an-email' }, 'email'],
      [{ password: 'short' }, 'password'],
      [{ password: 'x'.repeat(201) }, 'password'],
      [{ name: '   ' }, 'name'],
      [{ name: 'x'.repeat(121) }, 'name'],
      [{ role: 'owner' }, 'role'],
      [{ accountId: 'nope' }, 'accountId'],
    ]
    for (const [patch, field] of cases) {
      const attempt = createAgent(deps(), { ...base, ...patch } as never)
      await expect(attempt).rejects.toMatchObject({ code: 'BAD_USER_INPUT', message: expect.stringMatching(new RegExp(`^${field}: `)) })
    }
    await expect(createAgent(deps(), { ...base, email: 'nope' })).rejects.toThrow('email: expected an email address, received "nope"')
    expect(await listAgents(deps(), accountId)).toEqual([])
  })

  test('an unknown account is NOT_FOUND', async () => {
    const attempt = createAgent(deps(), { accountId: randomUUID(), email: unique(), name: 'Ada', password: 'password1' })
    await expect(attempt).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'account not found' })
  })

  test('get, list and update stay inside their account', async () => {
    const accountId = await newAccount(deps())
    const otherAccount = await newAccount(deps())
    const zed = await createAgent(deps(), { accountId, email: unique(), name: 'zed', password: 'password1' })
    const amy = await createAgent(deps(), { accountId, email: unique(), name: 'Amy', password: 'password1', role: 'admin' })
    await createAgent(deps(), { accountId: otherAccount, email: unique(), name: 'Other', password: 'password1' })

    expect(await getAgent(deps(), accountId, zed.id)).toEqual(zed)
    expect((await listAgents(deps(), accountId)).map((a) => a.name)).toEqual(['Amy', 'zed'])
    await expect(getAgent(deps(), otherAccount, zed.id)).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'agent not found' })
    await expect(updateAgent(deps(), otherAccount, zed.id, { name: 'Hijacked' })).rejects.toMatchObject({ code: 'NOT_FOUND' })

    const updated = await updateAgent(deps(), accountId, zed.id, { role: 'admin', active: false })
    expect(updated).toEqual({ ...zed, role: 'admin', active: false })
    expect(await updateAgent(deps(), accountId, zed.id, { name: 'Zed' })).toEqual({ ...updated, name: 'Zed' })
    expect(await getAgent(deps(), accountId, amy.id)).toEqual(amy)
    await expect(updateAgent(deps(), accountId, zed.id, { role: 'owner' as never })).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      message: expect.stringMatching(/^role: /),
    })
  })

  test('setAvailability changes only the availability', async () => {
    const accountId = await newAccount(deps())
    const agent = await createAgent(deps(), { accountId, email: unique(), name: 'Ada', password: 'password1' })
    expect(await setAvailability(deps(), agent.id, 'away')).toEqual({ ...agent, availability: 'away' })
    expect((await getAgent(deps(), accountId, agent.id)).availability).toBe('away')
    await expect(setAvailability(deps(), agent.id, 'busy' as never)).rejects.toMatchObject({ code: 'BAD_USER_INPUT' })
    await expect(setAvailability(deps(), randomUUID(), 'away')).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })
})
