import PgBoss from 'pg-boss'
import type { Db, Row } from '@parley/api/src/db/index.ts'
import type { Deps } from '@parley/api/src/deps.ts'

/** pg-boss keeps its own tables, versioned by itself, beside Parley's. */
export const BOSS_SCHEMA = 'pgboss'

/** pg-boss wraps its schema changes and maintenance in `locked()`: exactly this shape. */
const TX_BLOCK = /^\s*BEGIN\s*;([\s\S]*);\s*COMMIT\s*;\s*$/i

/**
 * Runs pg-boss's SQL on Parley's Db, so PGlite and server Postgres both work and share
 * the API's pool.
 *
 * A `BEGIN; …; COMMIT;` text runs inside `db.tx` instead of as raw text. When one of its
 * statements fails, raw text leaves the session inside an aborted transaction. PGlite has
 * only one session, so every later query then fails. postgres.js rolls the pooled
 * connection back but reports UNSAFE_TRANSACTION instead of the real error. pg-boss needs
 * the real error to tell a lost create race ("already exists") from a failure. `db.tx`
 * rolls back on the same session and rethrows the error it got. pg-boss reads no rows from
 * these blocks (create, migrate, expire, archive, drop).
 */
export async function executeBossSql(db: Db, text: string, values?: unknown[]): Promise<{ rows: Row[]; rowCount: number }> {
  const block = values && values.length > 0 ? null : TX_BLOCK.exec(text)
  if (block) {
    await db.tx((q) => q.exec(block[1]!))
    return { rows: [], rowCount: 0 }
  }
  // pg-boss leaves unset options undefined; postgres.js refuses undefined parameters.
  return db.raw(text, values?.map((v) => (v === undefined ? null : v)))
}

/** Counts work still running, so a stop can wait it out. */
class Busy {
  #count = 0

  async run<T>(fn: () => Promise<T>): Promise<T> {
    this.#count++
    try {
      return await fn()
    } finally {
      this.#count--
    }
  }

  /**
   * Resolves once nothing has run for a whole macrotask: a fetch that returns a job starts its
   * handler, and a handler's end starts its completion, within microtasks, so those
   * follow-ups are counted before the next check.
   */
  async idle(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs
    do await Bun.sleep(10)
    while (this.#count > 0 && Date.now() < deadline)
  }
}

/**
 * pg-boss whose stop() also waits for its SQL and handlers still running. pg-boss's own stop
 * can return while a worker's fetch is in flight. That fetch may return a job whose handler
 * and completion then run on a database the caller has already closed.
 */
export class ParleyBoss extends PgBoss {
  readonly #busy: Busy

  constructor(deps: Deps) {
    const busy = new Busy()
    super({
      db: { executeSql: (text, values) => busy.run(() => executeBossSql(deps.db, text, values)) },
      schema: BOSS_SCHEMA,
      // Cron is minute-granular, and the timekeeper polls its own queue every 5 s. Periodic
      // jobs are throttled sends from the runner instead (see runner.ts).
      schedule: false,
      // Maintenance fails jobs left active by a crashed worker and archives old ones. pg-boss
      // runs it in one process at a time. Every minute, so a stately queue whose active job
      // died frees up soon after the job's expiry.
      supervise: true,
      maintenanceIntervalSeconds: 60,
      // No monitorStateInterval: nothing reads the monitor-states event.
    })
    this.#busy = busy
  }

  /** Wraps a job handler so stop() waits for it. */
  tracked<A extends unknown[], T>(fn: (...args: A) => Promise<T>): (...args: A) => Promise<T> {
    return (...args) => this.#busy.run(() => fn(...args))
  }

  override async stop(options: PgBoss.StopOptions = {}): Promise<void> {
    await super.stop(options)
    await this.#busy.idle(options.timeout ?? 30_000)
  }
}

/**
 * pg-boss on the API's database, through its Db. Past the transaction blocks (see
 * executeBossSql), PGlite needs nothing else. pg-boss 10 polls and never LISTENs. Its
 * advisory locks work on a single session. PGlite's mutex runs each text or transaction
 * whole, so pg-boss's polls take turns with API queries on the one connection.
 */
export function createBoss(deps: Deps): ParleyBoss {
  const boss = new ParleyBoss(deps)
  // An EventEmitter throws an 'error' event nobody listens to. pg-boss emits failures of
  // its background loops there, and they must not crash the process.
  boss.on('error', (err: unknown) => console.error('pg-boss:', err))
  return boss
}
