/** The benchmark's clients: visitors created over HTTP, idle subscribers, and talking pairs. */
import { GqlSocket, type GqlPayload } from './gql-socket.ts'
import type { Pair, Phase } from './load.ts'

export interface Visitor {
  token: string
  conversationId: string
}

const START_SESSION = `mutation($i: StartVisitorSessionInput!) { startVisitorSession(input: $i) { token } }`
const START_CONVERSATION = `mutation { startConversation { id } }`
const SIGN_IN = `mutation($i: SignInInput!) { signIn(input: $i) { token } }`
const SEND = `mutation($i: SendMessageInput!) { sendMessage(input: $i) { created message { id seq } } }`
/** What the widget and an agent with the conversation open subscribe to. */
const EVENTS = `subscription($id: ID!) { conversationEvents(conversationId: $id) { name message { seq clientMessageId senderType } } }`
const BODY = 'Hello, my order #1234 has not arrived yet. Could you check where it is?'

export async function http(base: string, query: string, variables: Record<string, unknown> = {}, token?: string): Promise<Record<string, any>> {
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  })
  const body = (await res.json()) as GqlPayload
  if (!body.data || body.errors?.length) throw new Error(`${query.slice(0, 40)}…: ${JSON.stringify(body.errors)}`)
  return body.data
}

export async function signIn(base: string, email: string, password: string): Promise<string> {
  const data = await http(base, SIGN_IN, { i: { email, password } })
  return data.signIn.token as string
}

/** Runs `fn` for 0..n-1 with at most `concurrency` at a time, reporting progress. */
export async function bounded<T>(n: number, concurrency: number, fn: (i: number) => Promise<T>, progress?: (done: number) => void): Promise<T[]> {
  const out = new Array<T>(n)
  let next = 0
  let done = 0
  await Promise.all(
    Array.from({ length: Math.min(concurrency, n) }, async () => {
      while (next < n) {
        const i = next++
        out[i] = await fn(i)
        progress?.(++done)
      }
    }),
  )
  return out
}

/** A visitor session and its conversation, as the widget makes them: two HTTP calls. */
export async function createVisitor(base: string, websiteToken: string): Promise<Visitor> {
  const session = await http(base, START_SESSION, { i: { websiteToken } })
  const token = session.startVisitorSession.token as string
  const conv = await http(base, START_CONVERSATION, {}, token)
  return { token, conversationId: conv.startConversation.id as string }
}

/**
 * One visitor socket with its one conversation subscription, doing nothing else. A socket
 * the busy server refused (graphql-ws closes one whose init waited over 3 s) is reopened,
 * as the widget would; `onRetry` counts those.
 */
export async function openIdle(wsUrl: string, visitor: Visitor, onError: (message: string) => void, onRetry: (message: string) => void): Promise<GqlSocket> {
  for (let attempt = 1; ; attempt++) {
    const socket = new GqlSocket(wsUrl, visitor.token)
    try {
      await socket.ready
    } catch (err) {
      socket.close()
      if (attempt >= 5) throw err
      onRetry(err instanceof Error ? err.message : String(err))
      await Bun.sleep(100 * attempt)
      continue
    }
    socket.subscribe(EVENTS, { id: visitor.conversationId }, () => {}, (e) => onError(e?.[0]?.message ?? 'subscription error'))
    return socket
  }
}

/**
 * A visitor and an agent on one conversation, each on its own socket and subscribed to it
 * (the widget does; so does a console with the conversation open). The visitor sends over
 * its socket; delivery is the message event arriving at the agent's subscription.
 */
export class ParleyPair implements Pair {
  private phase: Phase | undefined
  private constructor(
    readonly visitor: GqlSocket,
    readonly agent: GqlSocket,
    private conversationId: string,
  ) {}

  static async open(wsUrl: string, visitor: Visitor, agentToken: string, onError: (message: string) => void): Promise<ParleyPair> {
    const v = new GqlSocket(wsUrl, visitor.token)
    const a = new GqlSocket(wsUrl, agentToken)
    await Promise.all([v.ready, a.ready])
    const pair = new ParleyPair(v, a, visitor.conversationId)
    const fail = (e: GqlPayload['errors']) => onError(e?.[0]?.message ?? 'subscription error')
    v.subscribe(EVENTS, { id: visitor.conversationId }, () => {}, fail)
    a.subscribe(
      EVENTS,
      { id: visitor.conversationId },
      (p) => {
        const e = p.data?.conversationEvents
        if (e?.name === 'message.created' && e.message?.senderType === 'VISITOR') pair.phase?.markDelivered(e.message.clientMessageId)
      },
      fail,
    )
    return pair
  }

  send(id: string, phase: Phase) {
    this.phase = phase
    this.visitor.request(SEND, { i: { conversationId: this.conversationId, clientMessageId: id, body: BODY } }).then((r) => {
      if (r.errors?.length || !r.data) phase.markFailed(id, r.errors?.[0]?.message ?? 'no data')
      else phase.markStored(id)
    })
  }

  close() {
    this.visitor.close()
    this.agent.close()
  }
}

/** The same shape over the raw relay: a JSON frame of similar size, no GraphQL, no database. */
export class RelayPair implements Pair {
  private phase: Phase | undefined
  private constructor(
    private visitor: WebSocket,
    private agent: WebSocket,
  ) {}

  static async open(url: string, index: number): Promise<RelayPair> {
    const open = (role: string) =>
      new Promise<WebSocket>((resolve, reject) => {
        const ws = new WebSocket(`${url}/?pair=${index}&role=${role}`)
        ws.onopen = () => resolve(ws)
        ws.onerror = () => reject(new Error(`relay ${role} socket failed`))
      })
    const [v, a] = await Promise.all([open('visitor'), open('agent')])
    const pair = new RelayPair(v, a)
    a.onmessage = (ev) => {
      const msg = JSON.parse(ev.data as string) as { id: string }
      pair.phase?.markDelivered(msg.id)
    }
    return pair
  }

  send(id: string, phase: Phase) {
    this.phase = phase
    this.visitor.send(JSON.stringify({ type: 'subscribe', id, payload: { clientMessageId: id, body: BODY } }))
  }

  close() {
    this.visitor.close()
    this.agent.close()
  }
}
