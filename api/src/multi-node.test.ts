import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { sql } from './db/index.ts'
import { openPostgres } from './db/postgres.ts'
import { localBus } from './events/index.ts'
import type { Deps } from './deps.ts'
import { createAccount } from './domain/account/index.ts'
import { createAgent } from './domain/agent/index.ts'
import { createWebInbox } from './domain/inbox/index.ts'
import { CONVERSATION_EVENTS, isMessage, openSocket, SEND, type GqlResult } from './testing/api.ts'
import { freshDb, reportSkipped, testConfig } from './testing/db.ts'
import { spawnApi, type ApiProcess } from './testing/process.ts'
import { startTcpProxy } from './testing/tcp-proxy.ts'
import { startServer } from './server.ts'

async function gql(base: string, query: string, variables: Record<string, unknown> = {}, token?: string): Promise<GqlResult<any>> {
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  })
  return res.json() as Promise<GqlResult<any>>
}

const ws = (base: string) => base.replace('http', 'ws') + '/graphql'

async function seedAccount(deps: Deps) {
  const account = await createAccount(deps, { name: 'Multi-node' })
  const email = `mn-${crypto.randomUUID().slice(0, 8)}@example.test`
  await createAgent(deps, { accountId: account.id, email, name: 'Node Agent', role: 'admin', password: 'long enough pw' })
  const inbox = await createWebInbox(deps, { accountId: account.id, name: 'Site' })
  return { email, websiteToken: inbox.websiteToken! }
}

async function visitorOn(base: string, websiteToken: string) {
  const s = await gql(base, `mutation($t: String!) { startVisitorSession(input: { websiteToken: $t }) { token } }`, { t: websiteToken })
  const token = s.data!.startVisitorSession.token as string
  const c = await gql(base, `mutation { startConversation { id } }`, {}, token)
  return { token, conversationId: c.data!.startConversation.id as string }
}

if (!process.env.TEST_DATABASE_URL) {
  reportSkipped('several API processes on one server database', 'TEST_DATABASE_URL is not set')
} else {
  describe('several API processes on one server database', () => {
    let url: string
    let drop: () => Promise<void>
    let deps: Deps
    let account: { email: string; websiteToken: string }
    const procs: ApiProcess[] = []
    beforeAll(async () => {
      const fresh = await freshDb('postgres')
      url = fresh.url!
      drop = fresh.drop
      deps = { db: fresh.db, bus: localBus(), config: testConfig(), secret: 'unused-here' }
      account = await seedAccount(deps)
    }, 60_000)
    afterAll(async () => {
      await Promise.all(procs.map((p) => p.kill('SIGKILL')))
      await drop()
    })

    test('a visitor on one node and an agent on another exchange messages, typing and presence live', async () => {
      const env = { DATABASE_URL: url, PRESENCE_GRACE_SECONDS: '1' }
      const [a, b] = await Promise.all([spawnApi(env), spawnApi(env)])
      procs.push(a, b)
      const signIn = await gql(b.url, `mutation($i: SignInInput!) { signIn(input: $i) { token } }`, { i: { email: account.email, password: 'long enough pw' } })
      const agentToken = signIn.data!.signIn.token
      const visitor = await visitorOn(a.url, account.websiteToken)

      const visitorSocket = openSocket(ws(a.url), visitor.token)
      const visitorSub = visitorSocket.subscribe(CONVERSATION_EVENTS, { id: visitor.conversationId, after: 0 })
      const agentSocket = openSocket(ws(b.url), agentToken)
      const agentSub = agentSocket.subscribe(`subscription { accountEvents { name message { seq body } typing { isTyping } presence { subjectType status } } }`)
      await agentSub.settle(500)

      await visitorSocket.request(SEND, { i: { conversationId: visitor.conversationId, clientMessageId: 'x1', body: 'hello from node A' } })
      const [fromVisitor] = await agentSub.waitFor(1, (e) => Boolean(e.accountEvents.message))
      expect(fromVisitor!.accountEvents.message).toEqual({ seq: 1, body: 'hello from node A' })

      await agentSocket.request(`mutation { setTyping(input: { conversationId: "${visitor.conversationId}", isTyping: true }) }`)
      const [typing] = await visitorSub.waitFor(1, (e) => Boolean(e.conversationEvents.typing))
      expect(typing!.conversationEvents.typing).toEqual({ actorType: 'AGENT', isTyping: true })
      await agentSocket.request(SEND, { i: { conversationId: visitor.conversationId, clientMessageId: 'y1', body: 'hi from node B' } })
      const [, reply] = await visitorSub.waitFor(2, isMessage)
      expect(reply!.conversationEvents.message).toMatchObject({ seq: 2, body: 'hi from node B', senderType: 'AGENT' })

      // The visitor's presence, recorded by node A, is what node B reports; it ends after the grace period.
      const contactOnline = async () =>
        (await gql(b.url, `{ conversation(id: "${visitor.conversationId}") { contact { online } } }`, {}, agentToken)).data!.conversation.contact.online
      expect(await contactOnline()).toBe(true)
      await visitorSocket.close()
      const offline = await agentSub.waitFor(1, (e) => e.accountEvents.presence?.subjectType === 'VISITOR' && e.accountEvents.presence.status === 'OFFLINE', 8000)
      expect(offline.length).toBe(1)
      expect(await contactOnline()).toBe(false)
      await agentSocket.close()
    }, 60_000)

    test('an API process killed under load loses nothing stored; clients resume on its replacement', async () => {
      const env = { DATABASE_URL: url }
      const node = await spawnApi(env)
      procs.push(node)
      const visitor = await visitorOn(node.url, account.websiteToken)
      const acked: number[] = []
      let stop = false
      let n = 0
      // A visitor keeps sending with retries, as the widget's outbox does, while the process dies.
      const sender = (async () => {
        while (!stop && n < 400) {
          const id = `load-${++n}`
          for (;;) {
            const res = await gql(procs[procs.length - 1]!.url, SEND, { i: { conversationId: visitor.conversationId, clientMessageId: id, body: id } }, visitor.token).catch(() => null)
            if (res?.data) {
              acked.push(res.data.sendMessage.message.seq)
              break
            }
            await Bun.sleep(50)
          }
        }
      })()
      await Bun.sleep(1000)
      await node.kill('SIGKILL')
      const replacement = await spawnApi(env, ['--api', '--no-seed'], node.port)
      procs.push(replacement)
      await Bun.sleep(1000)
      stop = true
      await sender
      const rows = await deps.db.query<{ seq: number; clientMessageId: string }>(sql`
        select seq, client_message_id as "clientMessageId" from messages where conversation_id = ${visitor.conversationId} order by seq`)
      expect(rows.length).toBe(n)
      expect(new Set(rows.map((r) => r.clientMessageId)).size).toBe(n)
      expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: n }, (_, i) => i + 1))
      for (const seq of acked) expect(seq).toBeLessThanOrEqual(n)
      const resumedSocket = openSocket(ws(replacement.url), visitor.token)
      const resumed = resumedSocket.subscribe(CONVERSATION_EVENTS, { id: visitor.conversationId, after: 0 })
      const replayed = await resumed.waitFor(n, isMessage)
      expect(replayed.map((e) => e.conversationEvents.message.seq)).toEqual(rows.map((r) => r.seq))
      await resumedSocket.close()
      await replacement.kill('SIGTERM')
      expect(n).toBeGreaterThan(10)
    }, 90_000)
  })

  describe('while the database is unreachable', () => {
    test('sends fail with a retryable SERVICE_UNAVAILABLE, nothing is half-written, and /health says so', async () => {
      const fresh = await freshDb('postgres')
      const target = new URL(fresh.url!)
      const proxy = startTcpProxy({ hostname: target.hostname, port: Number(target.port) })
      const proxyPort = proxy.port
      const viaProxy = new URL(fresh.url!)
      viaProxy.host = `127.0.0.1:${proxyPort}`
      const db = await openPostgres(viaProxy.toString(), { max: 2 })
      const deps: Deps = { db, bus: localBus(), config: testConfig(), secret: 'x'.repeat(64) }
      const server = startServer(deps, { port: 0, hostname: '127.0.0.1' })
      try {
        const account = await seedAccount(deps)
        const visitor = await visitorOn(server.url, account.websiteToken)
        const ok = await gql(server.url, SEND, { i: { conversationId: visitor.conversationId, clientMessageId: 'before', body: 'before' } }, visitor.token)
        expect(ok.data!.sendMessage.created).toBe(true)

        proxy.cut()
        await Bun.sleep(200)
        const down = await gql(server.url, SEND, { i: { conversationId: visitor.conversationId, clientMessageId: 'during', body: 'during' } }, visitor.token)
        expect(down.errors?.[0]?.extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', retryable: true })
        const health = await fetch(`${server.url}/health`)
        expect(health.status).toBe(503)
        expect((await health.json()).status).toBe('unavailable')

        proxy.restore()
        // The error said "retry": a client retries with the same client message id until it lands.
        let retried = down
        for (let attempt = 0; attempt < 20 && !retried.data; attempt++) {
          await Bun.sleep(100)
          retried = await gql(server.url, SEND, { i: { conversationId: visitor.conversationId, clientMessageId: 'during', body: 'during' } }, visitor.token)
        }
        if (!retried.data) console.log(JSON.stringify(retried.errors))
        expect(retried.data!.sendMessage).toMatchObject({ created: true, message: { seq: 2 } })
        expect((await fetch(`${server.url}/health`)).status).toBe(200)
        const rows = await fresh.db.query<{ body: string }>(sql`select body from messages where conversation_id = ${visitor.conversationId} order by seq`)
        expect(rows.map((r) => r.body)).toEqual(['before', 'during'])
      } finally {
        await server.stop()
        proxy.stop()
        await db.close().catch(() => {})
        await fresh.drop()
      }
    }, 60_000)
  })
}
