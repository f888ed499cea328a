import { afterAll, beforeAll, expect, test } from 'bun:test'
import { createHmac } from 'node:crypto'
import { ACCOUNT_EVENTS, createTestAccount, primeSubscription, SEND, startTestApi, type TestAccount, type TestApi } from '../../../api/src/testing/api.ts'
import { describeEachDb } from '../../../api/src/testing/db.ts'
import { startServer } from '../../../api/src/server.ts'
import { createChat, type Chat } from './chat.ts'
import { withinBusinessHours } from '../../../api/src/domain/inbox/business-hours.ts'
import { memoryStorage, type KeyValue } from './store.ts'

/** What `fn` printed with console.warn (the widget's messages to the site's developer). */
async function warningsDuring(fn: () => Promise<unknown>): Promise<string[]> {
  const original = console.warn
  const logged: string[] = []
  console.warn = (...a: unknown[]) => void logged.push(a.join(' '))
  try {
    await fn()
  } finally {
    console.warn = original
  }
  return logged
}

async function until<T>(what: string, fn: () => T | undefined | false, timeoutMs = 8000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const v = fn()
    if (v) return v
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 20))
  }
}

/** A WebSocket that records what the widget sends, to check the resume point it asks for. */
function recordingWebSocket(log: any[]): typeof WebSocket {
  return class extends WebSocket {
    override send(data: string) {
      log.push(JSON.parse(data))
      super.send(data)
    }
  } as typeof WebSocket
}

const STORED = `query($id: ID!) { conversation(id: $id) { messages(first: 100) { nodes { seq body senderType clientMessageId } } } }`

describeEachDb('widget chat engine against the API', ({ deps }) => {
  let api: TestApi
  let acme: TestAccount
  const chats: Chat[] = []
  beforeAll(async () => {
    api = await startTestApi(deps())
    acme = await createTestAccount(deps(), api)
  }, 20_000)
  afterAll(async () => {
    for (const c of chats) c.shutdown()
    await api.stop()
  }, 20_000)

  function chat(storage: KeyValue, extra: Partial<Parameters<typeof createChat>[0]> = {}) {
    const c = createChat({ base: api.server.url, websiteToken: acme.inbox.websiteToken!, storage, ...extra })
    chats.push(c)
    return c
  }
  const stored = async (conversationId: string) => {
    const r = await api.http(STORED, { id: conversationId }, acme.adminToken)
    return r.data!.conversation.messages.nodes as { seq: number; body: string; senderType: string; clientMessageId: string }[]
  }
  const agentReply = (conversationId: string, body: string) =>
    api.http(SEND, { i: { conversationId, clientMessageId: crypto.randomUUID(), body } }, acme.adminToken)

  test('messages written offline wait in the outbox and are stored once each, in order, when the network returns', async () => {
    const c = chat(memoryStorage())
    await c.start()
    await until('socket open', () => c.state.connection === 'open')
    c.socket.setOnline(false)
    for (const body of ['first', 'second', 'third']) c.send(body)
    expect(c.state.pending.map((p) => p.body)).toEqual(['first', 'second', 'third'])
    await new Promise((r) => setTimeout(r, 200))
    expect(c.state.conversationId).toBeUndefined()

    c.socket.setOnline(true)
    await until('outbox drained', () => c.state.pending.length === 0 && c.state.messages.length === 3)
    const rows = await stored(c.state.conversationId!)
    expect(rows.map((m) => [m.seq, m.body])).toEqual([
      [1, 'first'],
      [2, 'second'],
      [3, 'third'],
    ])
    expect(c.state.messages.map((m) => m.seq)).toEqual([1, 2, 3])
  }, 20_000)

  test('after a drop the stream resumes from the last sequence number received: missed replies arrive once, in order', async () => {
    const log: any[] = []
    const c = chat(memoryStorage(), { WebSocketImpl: recordingWebSocket(log) })
    await c.start()
    c.send('hello')
    await until('sent', () => c.state.messages.length === 1)
    const id = c.state.conversationId!
    await agentReply(id, 'reply 1')
    await until('reply 1', () => c.state.messages.length === 2)

    c.socket.setOnline(false)
    await agentReply(id, 'reply 2')
    await agentReply(id, 'reply 3')
    c.socket.setOnline(true)
    await until('replies 2 and 3', () => c.state.messages.length === 4)
    await agentReply(id, 'reply 4')
    await until('reply 4 live', () => c.state.messages.length === 5)
    await new Promise((r) => setTimeout(r, 200))

    expect(c.state.messages.map((m) => [m.seq, m.body])).toEqual([
      [1, 'hello'],
      [2, 'reply 1'],
      [3, 'reply 2'],
      [4, 'reply 3'],
      [5, 'reply 4'],
    ])
    const resumes = log.filter((m) => m.type === 'subscribe' && m.payload.query.includes('conversationEvents')).map((m) => m.payload.variables.after)
    expect(resumes.at(-1)).toBe(2)
    expect(c.state.unread).toBe(4)
    c.setVisible(true)
    expect(c.state.unread).toBe(0)
  }, 20_000)

  test('a reload shows the cached conversation at once, then catches up with what arrived meanwhile', async () => {
    const storage = memoryStorage()
    const first = chat(storage)
    await first.start()
    first.send('before reload')
    await until('sent', () => first.state.messages.length === 1)
    const contactBefore = JSON.parse(storage.getItem(`parley:${acme.inbox.websiteToken}:session`)!).contactId
    first.socket.stop()
    await agentReply(first.state.conversationId!, 'while you were away')

    const reloaded = chat(storage)
    expect(reloaded.state.messages.map((m) => m.body)).toEqual(['before reload'])
    await reloaded.start()
    await until('caught up', () => reloaded.state.messages.length === 2)
    expect(reloaded.state.messages.map((m) => m.body)).toEqual(['before reload', 'while you were away'])
    expect(JSON.parse(storage.getItem(`parley:${acme.inbox.websiteToken}:session`)!).contactId).toBe(contactBefore)
  }, 20_000)

  test('two tabs draining one shared outbox store each message once, in order; both show every message once', async () => {
    const storage = memoryStorage()
    const a = chat(storage)
    await a.start()
    a.send('opening line')
    await until('conversation', () => a.state.messages.length === 1)
    const b = chat(storage)
    await b.start()
    await until('tab b has history', () => b.state.messages.length === 1)

    a.socket.setOnline(false)
    b.socket.setOnline(false)
    a.send('one')
    a.send('two')
    a.send('three')
    a.socket.setOnline(true)
    b.socket.setOnline(true)
    await agentReply(a.state.conversationId!, 'agent')
    await until('both tabs complete', () => a.state.messages.length === 5 && b.state.messages.length === 5)

    const rows = await stored(a.state.conversationId!)
    expect(rows.filter((m) => m.senderType === 'VISITOR').map((m) => m.body)).toEqual(['opening line', 'one', 'two', 'three'])
    for (const tab of [a, b]) {
      expect(tab.state.messages.map((m) => m.seq)).toEqual(rows.map((m) => m.seq))
      expect(tab.state.pending).toEqual([])
    }
  }, 20_000)

  test('an identity with a wrong hash is refused visibly and the visitor carries on as a guest', async () => {
    const c = chat(memoryStorage())
    const errors: unknown[] = []
    c.on('error', (e) => errors.push(e))
    await c.start()
    await c.identify({ userId: 'user-42', userHash: 'f'.repeat(64), name: 'Mallory' })
    expect(c.state.phase).toBe('ready')
    expect(c.state.notice).toContain('could not verify')
    expect(errors).toHaveLength(1)
    c.send('still works')
    await until('sent as guest', () => c.state.messages.length === 1)
  }, 20_000)

  test('visitor typing reaches agents throttled: one start for a burst of keystrokes, a stop on send', async () => {
    const c = chat(memoryStorage())
    await c.start()
    c.send('hello')
    await until('conversation', () => c.state.messages.length === 1)
    const agent = api.socket(acme.adminToken).subscribe(ACCOUNT_EVENTS)
    await primeSubscription(agent, () => agentReply(c.state.conversationId!, 'prime'))
    for (let i = 0; i < 20; i++) c.typing()
    await new Promise((r) => setTimeout(r, 300))
    c.send('done typing')
    await until('sent', () => c.state.messages.some((m) => m.body === 'done typing'))
    await new Promise((r) => setTimeout(r, 300))
    const typing = agent.events.map((e) => e.accountEvents.typing).filter(Boolean)
    expect(typing).toEqual([
      { actorType: 'VISITOR', isTyping: true },
      { actorType: 'VISITOR', isTyping: false },
    ])
    agent.dispose()
  }, 20_000)

  test('agent typing shows, and clears when the reply arrives', async () => {
    const c = chat(memoryStorage())
    await c.start()
    c.send('anyone?')
    await until('conversation', () => c.state.messages.length === 1)
    const id = c.state.conversationId!
    await api.http(`mutation($i: SetTypingInput!) { setTyping(input: $i) }`, { i: { conversationId: id, isTyping: true } }, acme.adminToken)
    await until('agent typing', () => c.state.agentTyping)
    await agentReply(id, 'yes!')
    await until('typing cleared by the reply', () => !c.state.agentTyping && c.state.messages.length === 2)
  }, 20_000)

  test('identify with a valid hash is verified and keeps the conversation already started', async () => {
    const c = chat(memoryStorage())
    const identified: unknown[] = []
    c.on('identified', (d) => identified.push(d))
    await c.start()
    c.send('before signing in')
    await until('sent', () => c.state.messages.length === 1)
    const id = c.state.conversationId
    const userHash = createHmac('sha256', acme.inbox.identitySecret).update('user-7').digest('hex')
    await c.identify({ userId: 'user-7', userHash, name: 'Ada', email: 'ada@example.test' })
    expect(identified).toEqual([{ verified: true }])
    expect(c.state.identityVerified).toBe(true)
    expect(c.state.notice).toBeUndefined()
    expect(c.state.conversationId).toBe(id)
    c.send('after signing in')
    await until('sent after identify', () => c.state.messages.length === 2)
    const contact = await api.http(`query($id: ID!) { conversation(id: $id) { contact { name email } } }`, { id }, acme.adminToken)
    expect(contact.data!.conversation.contact).toEqual({ name: 'Ada', email: 'ada@example.test' })
  }, 20_000)

  test('shutdown forgets the visitor on this device; the next session is a new contact', async () => {
    const storage = memoryStorage()
    const c = chat(storage)
    await c.start()
    c.send('private')
    await until('sent', () => c.state.messages.length === 1)
    const before = JSON.parse(storage.getItem(`parley:${acme.inbox.websiteToken}:session`)!).contactId
    c.shutdown()
    expect([...storage.data.keys()].filter((k) => !k.endsWith(':settings'))).toEqual([])
    expect(c.state.messages).toEqual([])
    await c.start()
    expect(JSON.parse(storage.getItem(`parley:${acme.inbox.websiteToken}:session`)!).contactId).not.toBe(before)
    expect(c.state.messages).toEqual([])
  }, 20_000)

  test('a visitor token the server no longer accepts (secret rotated, expired) starts over as a new visitor', async () => {
    const storage = memoryStorage()
    storage.setItem(`parley:${acme.inbox.websiteToken}:session`, JSON.stringify({ token: 'forged.token', contactId: 'c-old', conversationId: crypto.randomUUID() }))
    storage.setItem(`parley:${acme.inbox.websiteToken}:history`, JSON.stringify([{ id: 'x', seq: 1, body: 'someone else', senderType: 'AGENT' }]))
    const c = chat(storage)
    await c.start()
    expect(c.state.phase).toBe('ready')
    expect(c.state.messages).toEqual([])
    expect(c.state.conversationId).toBeUndefined()
    c.send('fresh start')
    await until('sent', () => c.state.messages.length === 1)
  }, 20_000)

  test('when the API is unreachable at start-up, messages wait and go out once it answers', async () => {
    let refusals = 0
    const flaky: typeof fetch = Object.assign(
      async (input: RequestInfo | URL, init?: RequestInit) => {
        if (refusals < 2) {
          refusals++
          throw new TypeError('Failed to fetch')
        }
        return fetch(input, init)
      },
      { preconnect: fetch.preconnect },
    )
    const c = chat(memoryStorage(), { fetchImpl: flaky, random: () => 0 })
    const warn = console.warn
    console.warn = () => {}
    try {
      const started = c.start()
      c.send('written while the API was down')
      expect(c.state.pending).toHaveLength(1)
      await started
      await until('sent after retries', () => c.state.messages.length === 1, 10_000)
    } finally {
      console.warn = warn
    }
    expect(refusals).toBe(2)
    expect(c.state.pending).toEqual([])
  }, 20_000)

  test('a message the server refuses is marked failed with the reason and does not block the ones after it', async () => {
    const c = chat(memoryStorage())
    await c.start()
    c.socket.setOnline(false)
    c.send('before')
    c.send('x'.repeat(10_001))
    c.send('after')
    c.socket.setOnline(true)
    await until('queue drained', () => c.state.pending.length === 0 && c.state.messages.length === 2)
    expect(c.state.messages.map((m) => m.body)).toEqual(['before', 'after'])
    expect(c.state.failed).toHaveLength(1)
    expect(c.state.failed[0]!.error).toContain('at most 10000 characters')
  }, 20_000)

  test('the API restarting: the widget reconnects with backoff and gets the reply sent meanwhile, once', async () => {
    let server = startServer(deps(), { port: 0, hostname: '127.0.0.1' })
    const port = server.port
    const c = createChat({ base: server.url, websiteToken: acme.inbox.websiteToken!, storage: memoryStorage(), random: () => 0 })
    chats.push(c)
    try {
      await c.start()
      c.send('are you there?')
      await until('sent', () => c.state.messages.length === 1)
      await server.stop()
      await until('noticed the drop', () => c.state.connection === 'connecting')
      await agentReply(c.state.conversationId!, 'sent while the widget was cut off')
      await new Promise((r) => setTimeout(r, 300))
      server = startServer(deps(), { port, hostname: '127.0.0.1' })
      await until('reconnected and caught up', () => c.state.connection === 'open' && c.state.messages.length === 2, 10_000)
      expect(c.state.messages.map((m) => [m.seq, m.body])).toEqual([
        [1, 'are you there?'],
        [2, 'sent while the widget was cut off'],
      ])
    } finally {
      c.shutdown()
      await server.stop()
    }
  }, 20_000)

  test('a long conversation on a new device shows the latest page, pages back on demand, and stays live', async () => {
    const first = memoryStorage()
    const a = chat(first)
    await a.start()
    a.send('message 1')
    await until('conversation', () => a.state.messages.length === 1)
    const id = a.state.conversationId!
    for (let i = 2; i <= 55; i++) await agentReply(id, `message ${i}`)
    a.socket.stop()
    // Another device of the same visitor: the session token, nothing cached.
    const device = memoryStorage()
    const session = JSON.parse(first.getItem(`parley:${acme.inbox.websiteToken}:session`)!)
    device.setItem(`parley:${acme.inbox.websiteToken}:session`, JSON.stringify({ token: session.token, contactId: session.contactId }))
    const b = chat(device)
    await b.start()
    await until('latest page', () => b.state.messages.length === 50)
    expect(b.state.messages[0]!.seq).toBe(6)
    expect(b.state.hasOlder).toBe(true)
    await b.loadOlder()
    expect(b.state.messages.map((m) => m.seq)).toEqual(Array.from({ length: 55 }, (_, i) => i + 1))
    expect(b.state.hasOlder).toBe(false)
    await agentReply(id, 'message 56')
    await until('live after paging', () => b.state.messages.length === 56)
  }, 30_000)

  test('an unknown website token fails clearly instead of retrying forever', async () => {
    const c = createChat({ base: api.server.url, websiteToken: 'no-such-token', storage: memoryStorage() })
    const logged = await warningsDuring(() => c.start())
    expect(c.state.phase).toBe('failed')
    expect(logged.join('\n')).toContain('[Parley]')
  }, 20_000)

  const gql = (query: string, variables: Record<string, unknown>, token: string) => api.http(query, variables, token)
  const CONTACT = `query($id: ID!) { conversation(id: $id) { contact { name email attributes identities { kind value } } } }`

  test('availability: away while no agent is connected; an agent coming online reaches the widget live', async () => {
    const shop = await createTestAccount(deps(), api)
    const c = createChat({ base: api.server.url, websiteToken: shop.inbox.websiteToken!, storage: memoryStorage() })
    chats.push(c)
    await c.start()
    expect(c.state.agentsOnline).toBe(false)
    expect(c.state.withinBusinessHours).toBe(true)
    expect(c.state.settings?.outOfOfficeMessage).toContain('away')
    // Away, the message is still stored.
    c.send('anyone there?')
    await until('stored', () => c.state.messages.length === 1)
    await until('subscribed', () => c.state.connection === 'open')
    const agent = api.socket(shop.adminToken)
    try {
      const r = await agent.request(`mutation { setAvailability(availability: ONLINE) { presence } }`)
      expect(r.errors).toBeUndefined()
      await until('agents online, live', () => c.state.agentsOnline)
    } finally {
      await agent.close()
    }
  }, 20_000)

  test('before the first message (no stream yet), opening the panel re-asks whether an agent is there', async () => {
    const shop = await createTestAccount(deps(), api)
    const c = createChat({ base: api.server.url, websiteToken: shop.inbox.websiteToken!, storage: memoryStorage(), availabilityTtlMs: 0 })
    chats.push(c)
    await c.start()
    expect(c.state.agentsOnline).toBe(false)
    const agent = api.socket(shop.adminToken)
    try {
      await agent.request(`mutation { setAvailability(availability: ONLINE) { presence } }`)
      c.setVisible(true)
      await until('online on open', () => c.state.agentsOnline)
      expect(c.state.conversationId).toBeUndefined()
    } finally {
      await agent.close()
    }
  }, 20_000)

  test('outside business hours the widget knows it, with the hours to follow the clock', async () => {
    const shop = await createTestAccount(deps(), api)
    const hours = { enabled: true, timezone: 'Europe/Paris', days: [{ day: 0, open: '10:00', close: '10:01' }] }
    const upd = await gql(`mutation($i: UpdateWebInboxInput!) { updateWebInbox(input: $i) { id } }`, { i: { id: shop.inbox.id, widget: { businessHours: hours, outOfOfficeMessage: 'Back on Monday.' } } }, shop.adminToken)
    expect(upd.errors).toBeUndefined()
    const c = createChat({ base: api.server.url, websiteToken: shop.inbox.websiteToken!, storage: memoryStorage() })
    chats.push(c)
    await c.start()
    // One minute a week: the API and the widget agree it is (almost surely) closed now.
    const open = withinBusinessHours(hours)
    expect(c.state.withinBusinessHours).toBe(open)
    expect(c.state.settings?.businessHours).toEqual(hours)
    expect(c.state.settings?.outOfOfficeMessage).toBe('Back on Monday.')
  }, 20_000)

  test('pre-chat details go through updateVisitorContact: on the contact, no identity claim', async () => {
    const c = chat(memoryStorage())
    await c.start()
    await c.savePreChat({ name: 'Ada', email: 'ada@example.test' })
    c.send('hello')
    await until('conversation', () => c.state.messages.length === 1)
    const r = await gql(CONTACT, { id: c.state.conversationId }, acme.adminToken)
    const contact = r.data!.conversation.contact
    expect([contact.name, contact.email]).toEqual(['Ada', 'ada@example.test'])
    expect(contact.attributes.claimedUserId).toBeUndefined()
    expect(contact.identities.map((i: { value: string }) => i.value).join(' ')).not.toContain('prechat:')
  }, 20_000)

  test('visitor context: sent with the session start and updated when the page changes', async () => {
    let page = 'https://shop.example/products'
    const c = chat(memoryStorage(), { context: () => ({ pageUrl: page, pageTitle: 'Products', timezone: 'Europe/Paris', locale: 'fr-FR' }) })
    await c.start()
    c.send('question about a product')
    await until('conversation', () => c.state.messages.length === 1)
    const attributes = async () => (await gql(CONTACT, { id: c.state.conversationId }, acme.adminToken)).data!.conversation.contact.attributes
    expect(await attributes()).toMatchObject({ pageUrl: page, pageTitle: 'Products', timezone: 'Europe/Paris' })
    page = 'https://shop.example/checkout'
    await c.updateContext({ pageUrl: page, pageTitle: 'Checkout' })
    expect(await attributes()).toMatchObject({ pageUrl: page, pageTitle: 'Checkout' })
  }, 20_000)

  test('delivery: agent replies are acknowledged (they become DELIVERED for the agent); the agents\' delivered and read positions reach the visitor', async () => {
    const first = memoryStorage()
    const c = chat(first, { ackDelayMs: 50 })
    await c.start()
    c.send('one')
    c.send('two')
    await until('stored', () => c.state.messages.length === 2)
    const id = c.state.conversationId!
    await until('subscribed', () => c.state.connection === 'open')
    await agentReply(id, 'reply a')
    await agentReply(id, 'reply b')
    const statuses = async () =>
      ((await gql(`query($id: ID!) { conversation(id: $id) { messages { nodes { body deliveryStatus } } } }`, { id }, acme.adminToken)).data!.conversation.messages.nodes as {
        body: string
        deliveryStatus: string
      }[])
    let rows: { body: string; deliveryStatus: string }[] = []
    await until(
      'replies delivered',
      () => {
        void statuses().then((r) => (rows = r))
        return rows.filter((r) => r.body.startsWith('reply')).every((r) => r.deliveryStatus === 'DELIVERED') && rows.length === 4
      },
      10_000,
    )
    const ack = await gql(`mutation($i: AcknowledgeDeliveryInput!) { acknowledgeDelivery(input: $i) { seq } }`, { i: { conversationId: id, seq: 2 } }, acme.adminToken)
    expect(ack.errors).toBeUndefined()
    await until('delivered position', () => c.state.deliveredSeqOfOtherSide === 2)
    await gql(`mutation($i: MarkReadInput!) { markRead(input: $i) { seq } }`, { i: { conversationId: id, seq: 1 } }, acme.adminToken)
    await until('read position', () => c.state.readSeqOfOtherSide === 1)
    // A new device learns both positions on load.
    const device = memoryStorage()
    const saved = JSON.parse(first.getItem(`parley:${acme.inbox.websiteToken}:session`)!)
    device.setItem(`parley:${acme.inbox.websiteToken}:session`, JSON.stringify({ token: saved.token, contactId: saved.contactId }))
    const b = chat(device)
    await b.start()
    await until('positions on load', () => b.state.deliveredSeqOfOtherSide === 2 && b.state.readSeqOfOtherSide === 1)
  }, 20_000)

  test('an origin outside the allowed domains is refused with the API\'s message, logged with [Parley]', async () => {
    const shop = await createTestAccount(deps(), api)
    const upd = await gql(`mutation($i: UpdateWebInboxInput!) { updateWebInbox(input: $i) { id } }`, { i: { id: shop.inbox.id, allowedDomains: ['shop.example'] } }, shop.adminToken)
    expect(upd.errors).toBeUndefined()
    const fromElsewhere = Object.assign(
      (input: RequestInfo | URL, init?: RequestInit) => fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), origin: 'https://evil.example' } }),
      { preconnect: fetch.preconnect },
    )
    const c = createChat({ base: api.server.url, websiteToken: shop.inbox.websiteToken!, storage: memoryStorage(), fetchImpl: fromElsewhere })
    const logged = await warningsDuring(() => c.start())
    expect(c.state.phase).toBe('failed')
    expect(logged.join('\n')).toContain('[Parley]')
    expect(logged.join('\n')).toContain('evil.example')
  }, 20_000)
})
