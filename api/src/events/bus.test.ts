import { expect, test } from 'bun:test'
import { openPostgres } from '../db/postgres.ts'
import { describeEachDb } from '../testing/db.ts'
import { localBus, pgBus } from './bus.ts'
import { EVENTS, type ParleyEvent } from './names.ts'

const event = (n: number): ParleyEvent => ({
  name: EVENTS.messageCreated,
  accountId: '00000000-0000-4000-8000-000000000001',
  conversationId: '00000000-0000-4000-8000-000000000002',
  inboxId: '00000000-0000-4000-8000-000000000003',
  messageId: `00000000-0000-4000-8000-00000000010${n}`,
  seq: n,
})

async function collect(bus: { subscribe(l: (e: ParleyEvent) => void): () => void }, n: number, publish: () => Promise<void>) {
  const got: ParleyEvent[] = []
  const done = new Promise<void>((resolve) => {
    const off = bus.subscribe((e) => {
      got.push(e)
      if (got.length === n) {
        off()
        resolve()
      }
    })
  })
  await publish()
  await Promise.race([done, new Promise((_, rej) => setTimeout(() => rej(new Error(`got ${got.length} of ${n}`)), 5000))])
  return got
}

test('the local bus hands events to every listener, and a failing listener does not stop the others', async () => {
  const bus = localBus()
  bus.subscribe(() => {
    throw new Error('listener bug')
  })
  const got = await collect(bus, 2, async () => {
    await bus.publish(event(1))
    await bus.publish(event(2))
  })
  expect(got.map((e) => e.seq)).toEqual([1, 2])
})

describeEachDb('the Postgres LISTEN/NOTIFY bus', ({ deps, url }) => {
  test('carries ids-only events in order to another connection', async () => {
    const { db } = deps()
    // A second node: its own connection to the same database (PGlite is one process, so it listens on itself).
    const serverUrl = url()
    const other = serverUrl ? await openPostgres(serverUrl, { max: 1 }) : db
    const sender = await pgBus(db)
    const receiver = await pgBus(other)
    try {
      const got = await collect(receiver, 3, async () => {
        for (const n of [1, 2, 3]) await sender.publish(event(n))
      })
      expect(got).toEqual([event(1), event(2), event(3)])
      expect(JSON.stringify(event(1)).length).toBeLessThan(8000)
    } finally {
      await sender.close()
      await receiver.close()
      if (other !== db) await other.close()
    }
  })
})

