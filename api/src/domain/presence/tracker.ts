import { randomUUID } from 'node:crypto'
import { sql, type Queryable } from '../../db/index.ts'
import { inTx, type Deps } from '../../deps.ts'
import { EVENTS } from '../../events/index.ts'

export interface PresenceSubject {
  type: 'agent' | 'visitor'
  id: string
  accountId: string
}

export interface PresenceTracker {
  readonly nodeId: string
  /** A signed-in socket opened on this node; returns the connection id to close later. */
  open(subject: PresenceSubject): Promise<string>
  close(connectionId: string): Promise<void>
  stop(): Promise<void>
}

/** Flips the settled state and publishes presence.updated when it changed. */
async function settle(deps: Deps, subject: PresenceSubject): Promise<void> {
  await inTx(deps, async (q, emit) => {
    const online = await hasConnection(q, subject)
    const [row] = await q.query<{ online: boolean }>(sql`
      insert into presence_status as p (subject_type, subject_id, account_id, online)
      values (${subject.type}, ${subject.id}, ${subject.accountId}, ${online})
      on conflict (subject_type, subject_id) do update set online = excluded.online, changed_at = now()
        where p.online is distinct from excluded.online
      returning online`)
    if (row) {
      emit({
        name: EVENTS.presenceUpdated,
        accountId: subject.accountId,
        conversationId: '',
        inboxId: '',
        presence: { subjectType: subject.type, subjectId: subject.id, online },
      })
    }
  })
}

async function hasConnection(q: Queryable, subject: PresenceSubject): Promise<boolean> {
  const [row] = await q.query(sql`
    select 1 from presence_connections where subject_type = ${subject.type} and subject_id = ${subject.id} limit 1`)
  return Boolean(row)
}

/**
 * Presence across API nodes. Each node records its sockets in presence_connections and
 * refreshes them every PRESENCE_HEARTBEAT_SECONDS. A subject goes online with its first
 * socket and offline PRESENCE_GRACE_SECONDS after its last one closes (so a reload does not
 * flap); rows of a node that died stop being refreshed and are reaped by any other node.
 */
export function createPresenceTracker(deps: Deps): PresenceTracker {
  const nodeId = randomUUID()
  const grace = deps.config.PRESENCE_GRACE_SECONDS
  const heartbeatMs = deps.config.PRESENCE_HEARTBEAT_SECONDS * 1000
  const open = new Map<string, PresenceSubject>()
  const pending = new Set<ReturnType<typeof setTimeout>>()
  const inFlight = new Set<Promise<unknown>>()
  let stopped = false
  /** Sockets close while the server stops; stop() waits for their bookkeeping before the database goes. */
  const track = <T>(p: Promise<T>): Promise<T> => {
    inFlight.add(p)
    return p.finally(() => inFlight.delete(p))
  }

  const later = (fn: () => Promise<void>, ms: number) => {
    const t = setTimeout(() => {
      pending.delete(t)
      if (!stopped) fn().catch((err) => console.error('presence', err))
    }, ms)
    pending.add(t)
  }

  const beat = async () => {
    await deps.db.query(sql`update presence_connections set heartbeat_at = now() where node_id = ${nodeId}`)
    // Another node's rows that stopped being refreshed: that node is gone.
    const stale = await deps.db.query<{ type: 'agent' | 'visitor'; id: string; accountId: string }>(sql`
      delete from presence_connections
      where heartbeat_at < now() - make_interval(secs => ${(heartbeatMs / 1000) * 3}::float8)
      returning subject_type as type, subject_id as id, account_id as "accountId"`)
    for (const s of stale) later(() => settle(deps, s), grace * 1000)
  }
  const interval = setInterval(() => {
    if (!stopped) beat().catch((err) => console.error('presence heartbeat', err))
  }, heartbeatMs)

  return {
    nodeId,
    async open(subject) {
      const id = randomUUID()
      open.set(id, subject)
      await track(
        (async () => {
          await deps.db.query(sql`
            insert into presence_connections (id, node_id, subject_type, subject_id, account_id)
            values (${id}, ${nodeId}, ${subject.type}, ${subject.id}, ${subject.accountId})`)
          await settle(deps, subject)
        })(),
      )
      return id
    },
    async close(connectionId) {
      const subject = open.get(connectionId)
      if (!subject || stopped) return
      open.delete(connectionId)
      await track(deps.db.query(sql`delete from presence_connections where id = ${connectionId}`))
      later(() => settle(deps, subject), grace * 1000)
    },
    async stop() {
      await Bun.sleep(0)
      await Promise.allSettled([...inFlight])
      stopped = true
      clearInterval(interval)
      for (const t of pending) clearTimeout(t)
      pending.clear()
      // This node's rows are left to go stale: another node (or this one, restarted) reaps them
      // and settles those subjects after the grace period, as if their sockets had dropped.
    },
  }
}
