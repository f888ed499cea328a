import { createClient, type Client } from 'graphql-ws'
import { createAccount } from '../domain/account/index.ts'
import { createAgent } from '../domain/agent/index.ts'
import { createWebInbox, type Inbox } from '../domain/inbox/index.ts'
import type { Deps } from '../deps.ts'
import { startServer, type RunningServer } from '../server.ts'

export interface GqlResult<T = Record<string, any>> {
  data?: T | null
  errors?: { message: string; extensions?: { code?: string; field?: string } }[]
}

/** A running API on an ephemeral loopback port, with HTTP and WebSocket helpers. */
export interface TestApi {
  server: RunningServer
  http<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GqlResult<T>>
  socket(token?: string): TestSocket
  stop(): Promise<void>
}

export interface TestSocket {
  client: Client
  request<T = Record<string, any>>(query: string, variables?: Record<string, unknown>): Promise<GqlResult<T>>
  /** Collects every event of a subscription; `next(n)` waits until n have arrived. */
  subscribe(query: string, variables?: Record<string, unknown>): Subscription
  close(): Promise<void>
}

export interface Subscription {
  events: Record<string, any>[]
  errors: GqlResult['errors'][]
  /** Waits until `n` events (those passing `only`, when given) have arrived and returns them. */
  waitFor(n: number, only?: (e: Record<string, any>) => boolean, timeoutMs?: number): Promise<Record<string, any>[]>
  /** Resolves once the server has sent a first result or an error, or after a quiet moment. */
  settle(ms?: number): Promise<void>
  dispose(): void
}

export async function startTestApi(deps: Deps): Promise<TestApi> {
  const server = startServer(deps, { port: 0, hostname: '127.0.0.1' })
  const sockets: TestSocket[] = []
  return {
    server,
    async http(query, variables, token) {
      const res = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      })
      return (await res.json()) as GqlResult<any>
    },
    socket(token) {
      const s = openSocket(server.url.replace('http', 'ws') + '/graphql', token)
      sockets.push(s)
      return s
    },
    async stop() {
      await Promise.all(sockets.map((s) => s.close()))
      await server.stop()
    },
  }
}

export function openSocket(url: string, token?: string): TestSocket {
  const client = createClient({
    url,
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
    // One socket for the whole test, like a browser tab: open until closed (presence counts it).
    lazy: false,
  })
  return {
    client,
    request(query, variables) {
      return new Promise((resolve, reject) => {
        let result: GqlResult<any> = {}
        client.subscribe(
          { query, variables },
          {
            next: (r) => (result = r as GqlResult<any>),
            error: (e) => (Array.isArray(e) ? resolve({ errors: e }) : reject(e)),
            complete: () => resolve(result),
          },
        )
      })
    },
    subscribe(query, variables) {
      const events: Record<string, any>[] = []
      const errors: GqlResult['errors'][] = []
      const waiters: (() => void)[] = []
      const wake = () => waiters.splice(0).forEach((w) => w())
      const dispose = client.subscribe(
        { query, variables },
        {
          next: (r) => {
            if (r.errors) errors.push(r.errors as GqlResult['errors'])
            if (r.data) events.push(r.data as Record<string, any>)
            wake()
          },
          error: (e) => {
            errors.push(Array.isArray(e) ? e : [{ message: String((e as Error)?.message ?? e) }])
            wake()
          },
          complete: wake,
        },
      )
      return {
        events,
        errors,
        dispose,
        async waitFor(n, only = () => true, timeoutMs = 10_000) {
          const deadline = Date.now() + timeoutMs
          const matching = () => events.filter(only)
          while (matching().length < n) {
            if (errors.length) throw new Error(`subscription failed: ${JSON.stringify(errors)}`)
            const left = deadline - Date.now()
            if (left <= 0) throw new Error(`expected ${n} events, got ${matching().length}: ${JSON.stringify(events)}`)
            await new Promise<void>((r) => {
              const t = setTimeout(r, left)
              waiters.push(() => {
                clearTimeout(t)
                r()
              })
            })
          }
          return matching().slice(0, n)
        },
        async settle(ms = 300) {
          await new Promise((r) => setTimeout(r, ms))
        },
      }
    },
    close: () => client.dispose() as Promise<void>,
  }
}

export interface TestAccount {
  accountId: string
  inbox: Inbox
  adminToken: string
  adminId: string
}

let counter = 0

/** A fresh account with an admin (signed in over HTTP) and a web inbox. Accounts isolate tests. */
export async function createTestAccount(deps: Deps, api: TestApi, opts: { requireIdentityVerification?: boolean } = {}): Promise<TestAccount> {
  const n = ++counter
  const account = await createAccount(deps, { name: `Test ${n}` })
  const email = `admin${n}-${account.id.slice(0, 8)}@example.test`
  const admin = await createAgent(deps, { accountId: account.id, email, name: `Admin ${n}`, role: 'admin', password: 'correct horse battery' })
  const inbox = await createWebInbox(deps, { accountId: account.id, name: 'Site', requireIdentityVerification: opts.requireIdentityVerification })
  const res = await api.http(`mutation($i: SignInInput!) { signIn(input: $i) { token } }`, { i: { email, password: 'correct horse battery' } })
  if (!res.data) throw new Error(JSON.stringify(res.errors))
  return { accountId: account.id, inbox, adminToken: res.data.signIn.token, adminId: admin.id }
}

export async function startVisitor(api: TestApi, websiteToken: string, extra: Record<string, unknown> = {}) {
  const res = await api.http(
    `mutation($i: StartVisitorSessionInput!) { startVisitorSession(input: $i) { token contactId visitorId identityVerified } }`,
    { i: { websiteToken, ...extra } },
  )
  if (!res.data) throw new Error(JSON.stringify(res.errors))
  const session = res.data.startVisitorSession as { token: string; contactId: string; visitorId: string }
  const conv = await api.http(`mutation { startConversation { id } }`, {}, session.token)
  if (!conv.data) throw new Error(JSON.stringify(conv.errors))
  return { ...session, conversationId: conv.data.startConversation.id as string }
}

/** Picks message events out of a conversationEvents or accountEvents stream. */
export const isMessage = (e: Record<string, any>) => Boolean((e.conversationEvents ?? e.accountEvents)?.message)

export const SEND = `mutation($i: SendMessageInput!) { sendMessage(input: $i) { created message { id seq body kind senderType clientMessageId } } }`
export const CONVERSATION_EVENTS = `subscription($id: ID!, $after: Int) {
  conversationEvents(conversationId: $id, afterSeq: $after) { name conversationId message { id seq body kind senderType } typing { actorType isTyping } read { readerType seq } }
}`
export const ACCOUNT_EVENTS = `subscription { accountEvents { name conversationId message { id seq body kind senderType } conversation { id status } typing { actorType isTyping } } }`

/**
 * graphql-ws gives no "subscribed" acknowledgement: fire a harmless event until the
 * subscription sees one, then forget what it saw. After this, nothing sent is missed.
 */
export async function primeSubscription(sub: Subscription, trigger: () => Promise<unknown>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (sub.events.length === 0) {
    if (sub.errors.length) throw new Error(`subscription failed: ${JSON.stringify(sub.errors)}`)
    if (Date.now() > deadline) throw new Error('subscription never became live')
    await trigger()
    await new Promise((r) => setTimeout(r, 50))
  }
  await new Promise((r) => setTimeout(r, 100))
  sub.events.length = 0
}
