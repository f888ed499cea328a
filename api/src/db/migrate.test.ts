import { expect, test } from 'bun:test'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import postgres from 'postgres'
import { migrate, MIGRATIONS_DIR, readMigrations } from './migrate.ts'
import { openPglite } from './pglite.ts'
import { openPostgres } from './postgres.ts'
import { sql } from './sql.ts'
import { reportSkipped } from '../testing/db.ts'

test('migrations are numbered, forward-only files and the first enables vector', () => {
  const all = readMigrations(MIGRATIONS_DIR)
  expect(all[0]?.version).toBe('000001')
  expect(all.map((m) => m.version)).toEqual([...all.map((m) => m.version)].sort())
  expect(all[0]!.text).toContain('create extension if not exists vector')
})

test('a failing migration rolls back whole and is not recorded; the next run applies it once fixed', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'parley-mig-'))
  const db = await openPglite()
  try {
    writeFileSync(join(dir, '000001_one.sql'), 'create table one (id int);')
    writeFileSync(join(dir, '000002_two.sql'), 'create table two (id int); select 1/0;')
    await expect(migrate(db, dir)).rejects.toThrow()
    const tables = await db.query<{ t: string }>(sql`select tablename as t from pg_tables where schemaname = 'public' order by 1`)
    expect(tables.map((r) => r.t)).toEqual(['one', 'schema_migrations'])
    writeFileSync(join(dir, '000002_two.sql'), 'create table two (id int);')
    expect(await migrate(db, dir)).toEqual(['000002_two'])
    expect(await migrate(db, dir)).toEqual([])
  } finally {
    await db.close()
    rmSync(dir, { recursive: true, force: true })
  }
})

const url = process.env.TEST_DATABASE_URL
if (!url) reportSkipped('migrations racing on server PostgreSQL', 'TEST_DATABASE_URL is not set')
else
  test('two processes migrating one empty server database at once apply each migration exactly once', async () => {
    const name = `parley_race_${Date.now()}`
    const admin = postgres(url, { max: 1, onnotice: () => {} })
    await admin.unsafe(`create database ${name}`)
    const target = new URL(url)
    target.pathname = `/${name}`
    const a = await openPostgres(target.toString(), { max: 2 })
    const b = await openPostgres(target.toString(), { max: 2 })
    try {
      const [ra, rb] = await Promise.all([migrate(a), migrate(b)])
      const all = readMigrations().map((m) => `${m.version}_${m.name}`)
      expect([...ra, ...rb].sort()).toEqual(all.sort())
      const rows = await a.query<{ n: number }>(sql`select count(*)::int as n from schema_migrations`)
      expect(rows[0]!.n).toBe(all.length)
    } finally {
      await a.close()
      await b.close()
      await admin.unsafe(`drop database ${name} with (force)`)
      await admin.end()
    }
  })
