import { openPglite } from './pglite.ts'
import { openPostgres } from './postgres.ts'
import type { Db } from './types.ts'

export type { Db, Queryable, Row, Unlisten } from './types.ts'
export { sql, joinSql, when, textArray, jsonb, SqlQuery } from './sql.ts'
export { migrate } from './migrate.ts'

/** Server PostgreSQL when a URL is given, else embedded PGlite in `dataDir`. */
export async function openDb(opts: { databaseUrl?: string; dataDir: string }): Promise<Db> {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl)
  return openPglite({ dataDir: opts.dataDir })
}
