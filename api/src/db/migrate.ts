import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { sql } from './sql.ts'
import type { Db } from './types.ts'

export const MIGRATIONS_DIR = join(import.meta.dir, '../../../migrations')

// An arbitrary constant: every Parley process that migrates takes this advisory lock.
const MIGRATION_LOCK_KEY = 7_231_004

interface Migration {
  version: string
  name: string
  text: string
}

export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{6}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((f) => ({ version: f.slice(0, 6), name: f.slice(7, -4), text: readFileSync(join(dir, f), 'utf8') }))
}

/**
 * Applies pending migrations forward-only, each in its own transaction. The transaction
 * takes an advisory lock and re-checks the ledger, so two processes starting together
 * apply each migration exactly once.
 */
export async function migrate(db: Db, dir = MIGRATIONS_DIR): Promise<string[]> {
  await db.exec(`create table if not exists schema_migrations (
    version text primary key,
    name text not null,
    applied_at timestamptz not null default now()
  )`).catch(async (err) => {
    // Two processes racing on the very first `create table if not exists` can collide.
    if (!String(err?.message).includes('already exists') && err?.code !== '23505') throw err
  })
  const applied: string[] = []
  for (const m of readMigrations(dir)) {
    const done = await db.tx(async (q) => {
      await q.query(sql`select pg_advisory_xact_lock(${MIGRATION_LOCK_KEY}::bigint)`)
      const rows = await q.query(sql`select 1 from schema_migrations where version = ${m.version}`)
      if (rows.length > 0) return false
      await q.exec(m.text)
      await q.query(sql`insert into schema_migrations (version, name) values (${m.version}, ${m.name})`)
      return true
    })
    if (done) applied.push(`${m.version}_${m.name}`)
  }
  return applied
}
