import { expect, test } from 'bun:test'
import { sql } from '../../db/index.ts'
import { describeEachDb } from '../../testing/db.ts'
import { loadServerSecret } from './index.ts'

describeEachDb('server secret', ({ deps }) => {
  const stored = async () =>
    (await deps().db.query<{ value: string }>(sql`select value from server_settings where key = 'visitor_token_secret'`))[0]?.value

  test('the environment secret wins and nothing is stored', async () => {
    expect(await loadServerSecret(deps().db, 'from-env-'.padEnd(40, 'x'))).toBe('from-env-'.padEnd(40, 'x'))
    expect(await stored()).toBeUndefined()
  })

  test('without one, a secret is generated once, stored, and the same on every load', async () => {
    const [a, b] = await Promise.all([loadServerSecret(deps().db), loadServerSecret(deps().db)])
    expect(a).toMatch(/^[0-9a-f]{64}$/)
    expect(b).toBe(a)
    expect(await loadServerSecret(deps().db)).toBe(a)
    expect(await stored()).toBe(a)
  })
})
