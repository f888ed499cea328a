import { expect, test } from 'bun:test'
import { sql } from '../db/index.ts'
import { describeEachDb } from './db.ts'

describeEachDb('test databases', ({ deps, backend }) => {
  test('are migrated, with pgvector, and report their kind', async () => {
    const { db } = deps()
    expect(db.kind).toBe(backend)
    const [row] = await db.query<{ d: number }>(sql`select ('[1,2,3]'::vector <-> '[1,2,3]'::vector)::float8 as d`)
    expect(row?.d).toBe(0)
    const applied = await db.query<{ version: string }>(sql`select version from schema_migrations order by version`)
    expect(applied.map((r) => r.version)[0]).toBe('000001')
  })

  test('roll a failed transaction back whole', async () => {
    const { db } = deps()
    await expect(
      db.tx(async (q) => {
        await q.query(sql`insert into accounts (name) values (${'half-written'})`)
        await q.query(sql`select 1/0`)
      }),
    ).rejects.toThrow()
    const rows = await db.query(sql`select 1 from accounts where name = ${'half-written'}`)
    expect(rows.length).toBe(0)
  })
})
