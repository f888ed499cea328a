import { afterAll, beforeAll, describe, test } from 'bun:test'
import { createHash, randomBytes } from 'node:crypto'
import postgres from 'postgres'
import { loadConfig, type Config } from '../config.ts'
import { migrate, readMigrations } from '../db/migrate.ts'
import { openPglite } from '../db/pglite.ts'
import { openPostgres } from '../db/postgres.ts'
import type { Db } from '../db/index.ts'
import { localBus } from '../events/index.ts'
import type { Deps } from '../deps.ts'

export type Backend = 'pglite' | 'postgres'

let pgliteTemplate: Promise<Blob> | undefined

/** initdb + migrations take seconds; do them once per process and clone the result. */
function migratedPgliteDump(): Promise<Blob> {
  pgliteTemplate ??= (async () => {
    const db = await openPglite()
    await migrate(db)
    const dump = await db.pg.dumpDataDir('none')
    await db.close()
    return dump
  })()
  return pgliteTemplate
}

function templateName(): string {
  const hash = createHash('sha1')
  for (const m of readMigrations()) hash.update(m.version).update(m.text)
  return `parley_tpl_${hash.digest('hex').slice(0, 12)}`
}

let pgTemplate: Promise<string> | undefined

/** On server PostgreSQL a migrated template database plays the same role as the dump. */
function migratedPgTemplate(url: string): Promise<string> {
  pgTemplate ??= (async () => {
    const name = templateName()
    const admin = postgres(url, { max: 1, onnotice: () => {} })
    try {
      await admin`select pg_advisory_lock(7231005)`
      const exists = await admin`select 1 from pg_database where datname = ${name}`
      if (exists.length === 0) {
        await admin.unsafe(`create database ${name}`)
        const db = await openPostgres(withDatabase(url, name), { max: 1 })
        await migrate(db)
        await db.close()
      }
      await admin`select pg_advisory_unlock(7231005)`
    } finally {
      await admin.end()
    }
    return name
  })()
  return pgTemplate
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url)
  u.pathname = `/${name}`
  return u.toString()
}

/** A fresh migrated database on `backend`, and a function that drops it. */
export async function freshDb(backend: Backend): Promise<{ db: Db; url?: string; drop: () => Promise<void> }> {
  if (backend === 'pglite') {
    const db = await openPglite({ loadDataDir: await migratedPgliteDump() })
    return { db, drop: () => db.close() }
  }
  const url = process.env.TEST_DATABASE_URL
  if (!url) throw new Error('TEST_DATABASE_URL is not set')
  const template = await migratedPgTemplate(url)
  const name = `parley_t_${randomBytes(6).toString('hex')}`
  const admin = postgres(url, { max: 1, onnotice: () => {} })
  await admin.unsafe(`create database ${name} template ${template}`)
  const testUrl = withDatabase(url, name)
  const db = await openPostgres(testUrl)
  return {
    db,
    url: testUrl,
    drop: async () => {
      await db.close()
      await admin.unsafe(`drop database if exists ${name} with (force)`)
      await admin.end()
    },
  }
}


export function testConfig(overrides: Partial<Config> = {}): Config {
  return { ...loadConfig({}), PARLEY_DATA_DIR: '/nonexistent', ...overrides }
}

export async function testDeps(db: Db, overrides: Partial<Config> = {}): Promise<Deps> {
  return { db, bus: localBus(), config: testConfig(overrides), secret: randomBytes(32).toString('hex') }
}

/**
 * Runs a suite once per database backend: always on PGlite, and on server PostgreSQL when
 * TEST_DATABASE_URL is set. A skipped backend is announced; with PARLEY_REQUIRE_ALL_SUITES=1
 * (CI) it fails instead.
 */
export function describeEachDb(
  name: string,
  body: (ctx: { deps: () => Deps; backend: Backend; /** The server database's URL; undefined on PGlite. */ url: () => string | undefined }) => void,
): void {
  for (const backend of ['pglite', 'postgres'] as const) {
    if (backend === 'postgres' && !process.env.TEST_DATABASE_URL) {
      reportSkipped(`${name} [postgres]`, 'TEST_DATABASE_URL is not set')
      continue
    }
    describe(`${name} [${backend}]`, () => {
      let deps: Deps | undefined
      let drop: (() => Promise<void>) | undefined
      let url: string | undefined
      // The first PGlite of a run pays for initdb + migrations: allow more than the default 5 s.
      beforeAll(async () => {
        const fresh = await freshDb(backend)
        drop = fresh.drop
        url = fresh.url
        deps = await testDeps(fresh.db)
      }, 60_000)
      afterAll(async () => {
        await deps?.bus.close()
        await drop?.()
      })
      // An inner scope, so the suite's own afterAll hooks (stopping servers) run before the database closes.
      describe('', () =>
        body({
          backend,
          url: () => url,
          deps: () => {
            if (!deps) throw new Error('database not ready')
            return deps
          },
        }),
      )
    })
  }
}

/** Prints the marker `.ci/run` looks for, or fails when every suite must run. */
export function reportSkipped(suite: string, why: string): void {
  console.log(`SUITE SKIPPED: ${suite} (${why})`)
  if (process.env.PARLEY_REQUIRE_ALL_SUITES === '1') {
    test(`${suite} must run here`, () => {
      throw new Error(`${suite} was skipped: ${why}, but PARLEY_REQUIRE_ALL_SUITES=1`)
    })
  }
}
