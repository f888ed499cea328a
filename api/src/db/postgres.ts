import postgres from 'postgres'
import type { Db, Queryable, Row } from './types.ts'
import type { SqlQuery } from './sql.ts'

type Client = postgres.Sql | postgres.TransactionSql

function queryable(client: Client): Queryable {
  return {
    async query<T = Row>(q: SqlQuery) {
      const { text, values } = q.render()
      // Query texts come from the sql tag, so they are few and fixed: prepare each once per connection.
      const rows = await client.unsafe(text, values as postgres.ParameterOrJSON<never>[], { prepare: true })
      return rows as unknown as T[]
    },
    async exec(text: string) {
      await client.unsafe(text)
    },
  }
}

/** Server PostgreSQL through postgres.js; a pool shared by requests and workers. */
export async function openPostgres(url: string, opts: { max?: number } = {}): Promise<Db & { client: postgres.Sql }> {
  const client = postgres(url, {
    max: opts.max ?? 10,
    onnotice: () => {},
    connection: { application_name: 'parley' },
  })
  const base = queryable(client)
  return {
    kind: 'postgres',
    client,
    ...base,
    tx: <T>(fn: (q: Queryable) => Promise<T>) => client.begin((t) => fn(queryable(t))) as unknown as Promise<T>,
    async listen(channel, onPayload) {
      const sub = await client.listen(channel, onPayload)
      return () => sub.unlisten()
    },
    async notify(channel, payload) {
      await client.notify(channel, payload)
    },
    async raw(text, values) {
      if (values && values.length > 0) {
        const res = await client.unsafe(text, values as postgres.ParameterOrJSON<never>[])
        return { rows: [...res] as Row[], rowCount: res.count ?? res.length }
      }
      // A multi-statement simple query answers with one result per statement.
      const res = (await client.unsafe(text).simple()) as unknown as unknown[]
      const multi = res.length > 0 && res.every((r) => Array.isArray(r))
      const list = (multi ? res : [res]) as postgres.RowList<Row[]>[]
      return { rows: list.flatMap((r) => [...r]), rowCount: list.reduce((n, r) => n + (r.count ?? r.length), 0) }
    },
    async close() {
      await client.end({ timeout: 5 })
    },
  }
}
