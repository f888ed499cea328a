/**
 * A tagged template that keeps values out of SQL text: `sql\`select * from t where id = ${id}\``
 * becomes `{ text: 'select * from t where id = $1', values: [id] }`. Fragments nest.
 */
export class SqlQuery {
  constructor(
    readonly strings: readonly string[],
    readonly args: readonly unknown[],
  ) {}

  render(): { text: string; values: unknown[] } {
    const values: unknown[] = []
    const text = this.renderInto(values)
    return { text, values }
  }

  private renderInto(values: unknown[]): string {
    let text = this.strings[0] ?? ''
    for (let i = 0; i < this.args.length; i++) {
      const arg = this.args[i]
      if (arg instanceof SqlQuery) text += arg.renderInto(values)
      else {
        values.push(arg === undefined ? null : arg)
        text += `$${values.length}`
      }
      text += this.strings[i + 1] ?? ''
    }
    return text
  }
}

export function sql(strings: TemplateStringsArray, ...args: unknown[]): SqlQuery {
  return new SqlQuery(strings, args)
}

/** Joins fragments with a separator, e.g. optional `and` filters. */
export function joinSql(parts: SqlQuery[], separator: string): SqlQuery {
  if (parts.length === 0) return sql``
  const strings = [''].concat(parts.slice(1).map(() => separator), [''])
  return new SqlQuery(strings, parts)
}

/** A fragment for an optional filter: empty when `cond` is false. */
export function when(cond: unknown, fragment: SqlQuery): SqlQuery {
  return cond ? fragment : sql``
}

/**
 * A text[] parameter. Sent as JSON text because the two drivers serialise JS arrays
 * differently; `jsonb_array_elements_text` gives the same result on both.
 */
export function textArray(values: readonly string[]): SqlQuery {
  return sql`array(select jsonb_array_elements_text(${JSON.stringify(values)}::text::jsonb))::text[]`
}

/**
 * A jsonb parameter from any JSON-serialisable value. The `::text` matters: postgres.js
 * would JSON-encode a parameter it knows to be jsonb a second time.
 */
export function jsonb(value: unknown): SqlQuery {
  return sql`${JSON.stringify(value)}::text::jsonb`
}
