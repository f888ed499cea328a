import { expect, test } from 'bun:test'
import { sql } from '@parley/api/src/db/index.ts'
import type { Deps } from '@parley/api/src/deps.ts'
import { createAccount } from '@parley/api/src/domain/account/index.ts'
import { startConversation } from '@parley/api/src/domain/conversation/index.ts'
import { createWebInbox } from '@parley/api/src/domain/inbox/index.ts'
import { startVisitorSession } from '@parley/api/src/domain/visitor/index.ts'
import { EVENTS, type ParleyEvent } from '@parley/api/src/events/index.ts'
import { describeEachDb, testDeps } from '@parley/api/src/testing/db.ts'
import { startWorkers, type WorkerLogger } from '../index.ts'

async function snoozedConversation(deps: Deps, until: Date): Promise<string> {
  const account = await createAccount(deps, { name: 'Acme' })
  const inbox = await createWebInbox(deps, { accountId: account.id, name: 'Website' })
  const session = await startVisitorSession(deps, { websiteToken: inbox.websiteToken! })
  const conversation = await startConversation(deps, session.viewer)
  await deps.db.query(sql`update conversations set status = 'snoozed', snoozed_until = ${until} where id = ${conversation.id}`)
  return conversation.id
}

async function conversationState(deps: Deps, id: string) {
  const [row] = await deps.db.query<{ status: string; snoozedUntil: Date | null }>(
    sql`select status, snoozed_until as "snoozedUntil" from conversations where id = ${id}`,
  )
  return row!
}

async function timelineEvents(deps: Deps, id: string) {
  return deps.db.query<{ senderType: string; body: string; metadata: Record<string, unknown> }>(sql`
    select sender_type as "senderType", body, metadata from messages
    where conversation_id = ${id} and kind = 'event' order by seq`)
}

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await Bun.sleep(100)
  }
}

function captureLog(): WorkerLogger & { lines: string[] } {
  const lines: string[] = []
  return { lines, info: (line) => lines.push(line), error: (line, err) => lines.push(`${line}: ${String(err)}`) }
}

// These start real workers and wait on their intervals: past bun test's 5 s default
// (bunfig.toml's [test] timeout is not a setting Bun reads).
describeEachDb('wake-snoozed job', ({ deps }) => {
  const fast = () => testDeps(deps().db, { SNOOZE_CHECK_SECONDS: 1 })

  test('reopens a conversation whose snooze ended, with a timeline event and conversation.updated', async () => {
    const d = await fast()
    const id = await snoozedConversation(d, new Date(Date.now() - 1000))
    const events: ParleyEvent[] = []
    d.bus.subscribe((e) => events.push(e))
    const log = captureLog()

    const workers = await startWorkers(d, { logger: log })
    try {
      await waitFor('the conversation to open', async () => (await conversationState(d, id)).status === 'open')
    } finally {
      await workers.stop()
    }

    expect(await conversationState(d, id)).toEqual({ status: 'open', snoozedUntil: null })
    const timeline = await timelineEvents(d, id)
    expect(timeline).toEqual([{ senderType: 'system', body: 'Snooze ended; the conversation is open again', metadata: { snoozeEnded: true } }])
    const updated = events.filter((e) => e.name === EVENTS.conversationUpdated && e.conversationId === id)
    expect(updated).toEqual([expect.objectContaining({ actor: { type: 'system', id: null } })])
    expect(log.lines).toEqual(['wake-snoozed: woke 1 snoozed conversation'])
  }, 30_000)

  test('leaves a conversation snoozed until the future alone', async () => {
    const d = await fast()
    const until = new Date(Date.now() + 60 * 60 * 1000)
    const id = await snoozedConversation(d, until)
    const log = captureLog()
    const [{ since } = { since: new Date() }] = await d.db.query<{ since: Date }>(sql`select now() as since`)

    const workers = await startWorkers(d, { logger: log })
    try {
      await waitFor('a run to complete', async () => {
        const [row] = await d.db.query<{ n: number }>(sql`
          select count(*)::int as n from pgboss.job
          where name = 'wake-snoozed' and state = 'completed' and started_on > ${since}`)
        return (row?.n ?? 0) > 0
      })
    } finally {
      await workers.stop()
    }

    expect(await conversationState(d, id)).toEqual({ status: 'snoozed', snoozedUntil: until })
    expect(await timelineEvents(d, id)).toEqual([])
    expect(log.lines).toEqual([])
  }, 30_000)

  test('two worker processes on one database run it once per interval, never side by side', async () => {
    const d = await fast()
    const id = await snoozedConversation(d, new Date(Date.now() - 1000))
    const logs = [captureLog(), captureLog()]
    const [{ since } = { since: new Date() }] = await d.db.query<{ since: Date }>(sql`select now() as since`)

    const workers = await Promise.all(logs.map((logger) => startWorkers(d, { logger })))
    try {
      await waitFor('the conversation to open', async () => (await conversationState(d, id)).status === 'open')
      await Bun.sleep(3000)
    } finally {
      await Promise.all(workers.map((w) => w.stop()))
    }

    expect((await timelineEvents(d, id)).length).toBe(1)
    expect(logs.flatMap((l) => l.lines)).toEqual(['wake-snoozed: woke 1 snoozed conversation'])
    const [runs] = await d.db.query<{ jobs: number; slots: number; overlapping: number; seconds: number }>(sql`
      select count(*)::int as jobs,
             count(distinct singleton_on)::int as slots,
             (select count(*)::int from pgboss.job a join pgboss.job b on a.id < b.id
               where a.name = 'wake-snoozed' and b.name = 'wake-snoozed'
                 and a.started_on > ${since} and b.started_on > ${since}
                 -- A job fetched just as stop() ran is left active with no end: only finished runs can overlap.
                 and a.completed_on is not null and b.completed_on is not null
                 and a.started_on < b.completed_on and b.started_on < a.completed_on) as overlapping,
             extract(epoch from now() - ${since})::float8 as seconds
      from pgboss.job where name = 'wake-snoozed' and created_on > ${since}`)
    expect(runs!.jobs).toBe(runs!.slots)
    expect(runs!.jobs).toBeLessThanOrEqual(Math.ceil(runs!.seconds) + 1)
    expect(runs!.overlapping).toBe(0)
  }, 30_000)
})
