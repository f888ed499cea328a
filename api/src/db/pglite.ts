import { PGlite, type Transaction } from '@electric-sql/pglite'
import { vector } from '@electric-sql/pglite/vector'
import { mkdirSync } from 'node:fs'
import type { Db, Queryable, Row } from './types.ts'
import type { SqlQuery } from './sql.ts'

type PgliteLike = Pick<PGlite, 'query' | 'exec'> | Transaction

function queryable(pg: PgliteLike): Queryable {
  return {
    async query<T = Row>(q: SqlQuery) {
      const { text, values } = q.render()
      const res = await pg.query<T>(text, values)
      return res.rows
    },
    async exec(text: string) {
      await pg.exec(text)
    },
  }
}

export interface PgliteOptions {
  /** A folder for the data; in memory when absent. */
  dataDir?: string
  /** A `dumpDataDir()` tarball to start from (a migrated template, in tests). */
  loadDataDir?: Blob
}

/**
 * Embedded PostgreSQL. PGlite is one connection; its own mutex already serialises
 * `query`, `exec` and `transaction`, so a transaction never interleaves with other work.
 */
export async function openPglite(opts: PgliteOptions = {}): Promise<Db & { pg: PGlite }> {
  if (opts.dataDir) mkdirSync(opts.dataDir, { recursive: true })
  const pg = await PGlite.create({
    dataDir: opts.dataDir,
    loadDataDir: opts.loadDataDir,
    extensions: { vector },
  })
  const base = queryable(pg)
  return {
    kind: 'pglite',
    pg,
    ...base,
    tx: (fn) => pg.transaction((t) => fn(queryable(t))),
    async listen(channel, onPayload) {
      const unlisten = await pg.listen(channel, onPayload)
      return () => unlisten()
    },
    async notify(channel, payload) {
      await pg.query('select pg_notify($1, $2)', [channel, payload])
    },
    async raw(text, values) {
      if (values && values.length > 0) {
        const res = await pg.query<Row>(text, values)
        return { rows: res.rows, rowCount: res.affectedRows || res.rows.length }
      }
      // The simple protocol runs every statement; pg-boss reads rows from any of them.
      const results = await pg.exec(text)
      const rows = results.flatMap((r) => r.rows as Row[])
      const rowCount = results.reduce((n, r) => n + (r.affectedRows || r.rows.length), 0)
      return { rows, rowCount }
    },
    async close() {
      if (!pg.closed) await pg.close()
    },
  }
}
