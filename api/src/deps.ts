import type { Config } from './config.ts'
import type { Db, Queryable } from './db/index.ts'
import type { EventBus, ParleyEvent } from './events/index.ts'

/** What every service needs: passed explicitly, never imported as a singleton. */
export interface Deps {
  db: Db
  bus: EventBus
  config: Config
  /** Signs visitor tokens; from PARLEY_SECRET or generated once and kept in the database. */
  secret: string
}

export type Emit = (event: ParleyEvent) => void

/**
 * Runs `fn` in one transaction and publishes the events it emitted only once it commits,
 * so no listener ever sees an id that is not yet (or never) stored. A database bus queues
 * them in the transaction itself (NOTIFY is delivered at commit); others publish after it.
 */
export async function inTx<T>(deps: Deps, fn: (q: Queryable, emit: Emit) => Promise<T>): Promise<T> {
  const events: ParleyEvent[] = []
  const { publishInTx } = deps.bus
  const result = await deps.db.tx(async (q) => {
    const value = await fn(q, (e) => events.push(e))
    if (publishInTx) await publishInTx.call(deps.bus, q, events)
    return value
  })
  if (!publishInTx) for (const e of events) await deps.bus.publish(e)
  return result
}
