import type { SqlQuery } from './sql.ts'

export type Row = Record<string, unknown>

/** Something queries can run on: the database itself or an open transaction. */
export interface Queryable {
  query<T = Row>(q: SqlQuery): Promise<T[]>
  /** Runs SQL text that may hold several statements and no parameters (migrations, DDL). */
  exec(text: string): Promise<void>
}

export type Unlisten = () => Promise<void>

export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres'
  tx<T>(fn: (q: Queryable) => Promise<T>): Promise<T>
  listen(channel: string, onPayload: (payload: string) => void): Promise<Unlisten>
  notify(channel: string, payload: string): Promise<void>
  /** Parameterised text with any number of statements; returns the rows of every statement. */
  raw(text: string, values?: unknown[]): Promise<{ rows: Row[]; rowCount: number }>
  close(): Promise<void>
}
