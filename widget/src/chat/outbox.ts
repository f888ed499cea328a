import type { Store } from './store.ts'

export interface OutboxEntry {
  clientMessageId: string
  body: string
  /** ms since epoch, when the visitor pressed send. */
  at: number
}

const KEY = 'outbox'

/**
 * Messages the visitor wrote that the server has not confirmed, in the order written.
 * It lives in storage, not memory: a reload, a crash or another tab of the same site sees
 * it and sends it with the same client message id, which the server stores only once.
 */
export function createOutbox(store: Store) {
  const read = () => store.get<OutboxEntry[]>(KEY) ?? []
  return {
    entries: read,
    add(entry: OutboxEntry) {
      const all = read()
      if (!all.some((e) => e.clientMessageId === entry.clientMessageId)) store.set(KEY, [...all, entry])
    },
    remove(clientMessageId: string) {
      const all = read()
      const left = all.filter((e) => e.clientMessageId !== clientMessageId)
      if (left.length !== all.length) store.set(KEY, left)
    },
    clear() {
      store.remove(KEY)
    },
  }
}

export type Outbox = ReturnType<typeof createOutbox>

/** A client message id: random enough to never collide across tabs and devices. */
export function newClientMessageId(): string {
  const c = globalThis.crypto
  if (c?.randomUUID) return c.randomUUID()
  const bytes = new Uint8Array(16)
  c.getRandomValues(bytes)
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
}
