/**
 * The Parley API for the benchmark, in its own process so its RSS and CPU are its own.
 * Wired like api/src/main.ts (--api): the database from DATABASE_URL, else PGlite in
 * PARLEY_DATA_DIR; the Postgres bus on server PostgreSQL. Creates one account, admin and
 * web inbox, then answers the parent's commands (see child.ts).
 */
import { randomBytes } from 'node:crypto'
import { loadConfig } from '../src/config.ts'
import { migrate, openDb, sql } from '../src/db/index.ts'
import type { Deps } from '../src/deps.ts'
import { createAccount } from '../src/domain/account/index.ts'
import { createAgent } from '../src/domain/agent/index.ts'
import { loadServerSecret } from '../src/domain/auth/index.ts'
import { createWebInbox } from '../src/domain/inbox/index.ts'
import { localBus, pgBus, type EventBus } from '../src/events/index.ts'
import { startServer } from '../src/server.ts'
import { serveCommands, settledRss } from './child.ts'

/** Counts live bus listeners: every GraphQL subscription holds exactly one. */
function countingBus(inner: EventBus): EventBus & { listeners(): number } {
  let count = 0
  return {
    publish: (e) => inner.publish(e),
    subscribe(l) {
      count++
      const off = inner.subscribe(l)
      let done = false
      return () => {
        if (done) return
        done = true
        count--
        off()
      }
    },
    close: () => inner.close(),
    listeners: () => count,
  }
}

const t0 = performance.now()
const config = loadConfig()
const db = await openDb({ databaseUrl: config.DATABASE_URL, dataDir: config.PARLEY_DATA_DIR })
await migrate(db)
const secret = await loadServerSecret(db, config.PARLEY_SECRET)
const bus = countingBus(db.kind === 'postgres' ? await pgBus(db) : localBus())
const deps: Deps = { db, bus, config, secret }

const account = await createAccount(deps, { name: 'Bench' })
const email = `bench-admin@example.test`
const password = randomBytes(12).toString('base64url')
await createAgent(deps, { accountId: account.id, email, name: 'Bench Admin', role: 'admin', password })
const inbox = await createWebInbox(deps, { accountId: account.id, name: 'Bench site' })
const [{ version } = { version: '?' }] = await db.query<{ version: string }>(sql`select version()`)

const server = startServer(deps, { port: 0, hostname: '127.0.0.1' })

const { announce } = serveCommands({
  async rss() {
    return { rss: await settledRss(), listeners: bus.listeners() }
  },
  async listeners() {
    return { listeners: bus.listeners() }
  },
  /** Raw single-row inserts on this process's own database (how PGlite is measured). */
  async rawInserts(args) {
    const count = Number(args.count)
    const concurrency = Number(args.concurrency)
    await db.exec(`create table if not exists bench_raw_inserts (
      id bigserial primary key, conversation_id uuid not null, body text not null,
      created_at timestamptz not null default now())`)
    const conversationId = crypto.randomUUID()
    let next = 0
    const start = performance.now()
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < count) {
          next++
          await db.query(sql`insert into bench_raw_inserts (conversation_id, body) values (${conversationId}, ${'raw insert benchmark'})`)
        }
      }),
    )
    const seconds = (performance.now() - start) / 1000
    return { count, seconds }
  },
  async stop() {
    await server.stop()
    await bus.close()
    await db.close()
    setTimeout(() => process.exit(0), 50)
    return {}
  },
})

announce({
  port: server.port,
  dbKind: db.kind,
  dbVersion: version,
  websiteToken: inbox.websiteToken,
  email,
  password,
  startupMs: Math.round(performance.now() - t0),
})
