import { joinSql, sql, type Db, type Queryable, type Unlisten } from '../db/index.ts'
import type { ParleyEvent } from './names.ts'

type Listener = (event: ParleyEvent) => void

export interface EventBus {
  publish(event: ParleyEvent): Promise<void>
  /**
   * Queues events inside a transaction so they go out exactly when it commits (and never if it
   * rolls back). Only a database-backed bus has it; others publish after commit.
   */
  publishInTx?(q: Queryable, events: ParleyEvent[]): Promise<void>
  subscribe(listener: Listener): () => void
  close(): Promise<void>
}

class Fanout {
  private listeners = new Set<Listener>()
  add(listener: Listener) {
    this.listeners.add(listener)
    return () => void this.listeners.delete(listener)
  }
  emit(event: ParleyEvent) {
    for (const l of this.listeners) {
      try {
        l(event)
      } catch (err) {
        console.error('event listener failed', err)
      }
    }
  }
}

/** One process: events go straight to the listeners. */
export function localBus(): EventBus {
  const fanout = new Fanout()
  return {
    async publish(event) {
      fanout.emit(event)
    },
    subscribe: (l) => fanout.add(l),
    async close() {},
  }
}

export const EVENTS_CHANNEL = 'parley_events'

/** Several processes on one database: NOTIFY carries the ids, every node's LISTEN fans out. */
export async function pgBus(db: Db): Promise<EventBus> {
  const fanout = new Fanout()
  const unlisten: Unlisten = await db.listen(EVENTS_CHANNEL, (payload) => {
    try {
      fanout.emit(JSON.parse(payload) as ParleyEvent)
    } catch (err) {
      console.error('bad event payload', err)
    }
  })
  return {
    publish: (event) => db.notify(EVENTS_CHANNEL, JSON.stringify(event)),
    // Postgres delivers a transaction's notifications at commit, in commit order: one round trip
    // for all of them, and listeners see events in the order the rows were committed.
    async publishInTx(q, events) {
      if (events.length === 0) return
      const notifies = events.map((e) => sql`pg_notify(${EVENTS_CHANNEL}, ${JSON.stringify(e)})`)
      await q.query(sql`select ${joinSql(notifies, ', ')}`)
    },
    subscribe: (l) => fanout.add(l),
    close: () => unlisten(),
  }
}
