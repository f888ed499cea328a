import { afterAll, beforeAll, expect, test } from 'bun:test'
import { sql } from '../db/index.ts'
import {
  ACCOUNT_EVENTS,
  isMessage,
  CONVERSATION_EVENTS,
  createTestAccount,
  primeSubscription,
  SEND,
  startTestApi,
  startVisitor,
  type TestAccount,
  type TestApi,
} from '../testing/api.ts'
import { describeEachDb } from '../testing/db.ts'

const TYPING = `mutation($i: SetTypingInput!) { setTyping(input: $i) }`

describeEachDb('realtime GraphQL over WebSocket', ({ deps }) => {
  let api: TestApi
  let acme: TestAccount
  beforeAll(async () => {
    api = await startTestApi(deps())
    acme = await createTestAccount(deps(), api)
  })
  afterAll(() => api.stop())

  test('three visitor messages reach a subscribed agent in order as 1, 2, 3; the reply reaches the visitor, the note never does', async () => {
    const visitor = await startVisitor(api, acme.inbox.websiteToken!)
    const agentSocket = api.socket(acme.adminToken)
    const agentSub = agentSocket.subscribe(ACCOUNT_EVENTS)
    await primeSubscription(agentSub, () => api.http(TYPING, { i: { conversationId: visitor.conversationId, isTyping: true } }, visitor.token))

    const visitorSocket = api.socket(visitor.token)
    for (const [i, body] of ['Hello?', 'Is anyone there?', 'My order #1234 is late'].entries()) {
      const res = await visitorSocket.request(SEND, { i: { conversationId: visitor.conversationId, clientMessageId: `v-${i}`, body } })
      expect(res.errors).toBeUndefined()
      expect(res.data!.sendMessage.message.seq).toBe(i + 1)
    }
    const visitorSub = visitorSocket.subscribe(CONVERSATION_EVENTS, { id: visitor.conversationId, after: 3 })

    const deadline = Date.now() + 10_000
    const received = () => agentSub.events.filter((e) => e.accountEvents.name === 'message.created').map((e) => e.accountEvents.message)
    while (received().length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20))
    expect(received().map((m) => [m.seq, m.body, m.senderType])).toEqual([
      [1, 'Hello?', 'VISITOR'],
      [2, 'Is anyone there?', 'VISITOR'],
      [3, 'My order #1234 is late', 'VISITOR'],
    ])

    const note = await agentSocket.request(SEND, {
      i: { conversationId: visitor.conversationId, clientMessageId: 'a-note', body: 'Internal: VIP customer', kind: 'NOTE' },
    })
    expect(note.data!.sendMessage.message.kind).toBe('NOTE')
    const reply = await agentSocket.request(SEND, {
      i: { conversationId: visitor.conversationId, clientMessageId: 'a-reply', body: 'Sorry! Checking now.' },
    })
    expect(reply.data!.sendMessage.message.seq).toBe(5)

    const [first] = await visitorSub.waitFor(1, isMessage)
    expect(first!.conversationEvents.message).toMatchObject({ seq: 5, body: 'Sorry! Checking now.', senderType: 'AGENT', kind: 'TEXT' })
    await visitorSub.settle()
    const bodies = visitorSub.events.map((e) => e.conversationEvents.message?.body).filter(Boolean)
    expect(bodies).toEqual(['Sorry! Checking now.'])

    const history = await api.http(
      `query($id: ID!) { messages(conversationId: $id, afterSeq: 0) { nodes { seq body kind } } }`,
      { id: visitor.conversationId },
      visitor.token,
    )
    expect(history.data!.messages.nodes.map((m: { body: string }) => m.body)).not.toContain('Internal: VIP customer')
    expect(history.data!.messages.nodes.map((m: { seq: number }) => m.seq)).toEqual([1, 2, 3, 5])
    // The agent sees the note in the same conversation.
    const agentView = await api.http(
      `query($id: ID!) { conversation(id: $id) { messages { nodes { seq kind body } } } }`,
      { id: visitor.conversationId },
      acme.adminToken,
    )
    expect(agentView.data!.conversation.messages.nodes.map((m: { seq: number }) => m.seq)).toEqual([1, 2, 3, 4, 5])
    agentSub.dispose()
    visitorSub.dispose()
  })

  test('another visitor is refused and sees no events; an agent of another account gets NOT_FOUND and no events', async () => {
    const alice = await startVisitor(api, acme.inbox.websiteToken!)
    const mallory = await startVisitor(api, acme.inbox.websiteToken!)
    const globex = await createTestAccount(deps(), api)

    const malloryRead = await api.http(`query($id: ID!) { messages(conversationId: $id) { nodes { body } } }`, { id: alice.conversationId }, mallory.token)
    expect(malloryRead.errors?.[0]?.extensions?.code).toBe('FORBIDDEN')
    const mallorySend = await api.http(SEND, { i: { conversationId: alice.conversationId, clientMessageId: 'x', body: 'hi' } }, mallory.token)
    expect(mallorySend.errors?.[0]?.extensions?.code).toBe('FORBIDDEN')
    const mallorySub = api.socket(mallory.token).subscribe(CONVERSATION_EVENTS, { id: alice.conversationId, after: 0 })

    const outsider = await api.http(`query($id: ID!) { conversation(id: $id) { id } }`, { id: alice.conversationId }, globex.adminToken)
    expect(outsider.errors?.[0]?.extensions?.code).toBe('NOT_FOUND')
    const outsiderSocket = api.socket(globex.adminToken)
    const outsiderSub = outsiderSocket.subscribe(ACCOUNT_EVENTS)
    // Prime the outsider's feed with an event of its own account, so it is provably live.
    const globexVisitor = await startVisitor(api, globex.inbox.websiteToken!)
    await primeSubscription(outsiderSub, () =>
      api.http(TYPING, { i: { conversationId: globexVisitor.conversationId, isTyping: true } }, globexVisitor.token),
    )
    const outsiderSend = await outsiderSocket.request(SEND, { i: { conversationId: alice.conversationId, clientMessageId: 'o', body: 'hi' } })
    expect(outsiderSend.errors?.[0]?.extensions?.code).toBe('NOT_FOUND')

    const sent = await api.http(SEND, { i: { conversationId: alice.conversationId, clientMessageId: 'secret', body: 'my address is …' } }, alice.token)
    expect(sent.data!.sendMessage.created).toBe(true)
    await new Promise((r) => setTimeout(r, 500))

    expect(mallorySub.events).toEqual([])
    expect(mallorySub.errors[0]?.[0]?.extensions?.code).toBe('FORBIDDEN')
    expect(outsiderSub.events).toEqual([])
    const [{ n } = { n: -1 }] = await deps().db.query<{ n: number }>(sql`select count(*)::int as n from messages where conversation_id = ${alice.conversationId}`)
    expect(n).toBe(1)
  })

  test('re-sending a client message id returns the first message and stores nothing new', async () => {
    const visitor = await startVisitor(api, acme.inbox.websiteToken!)
    const input = { conversationId: visitor.conversationId, clientMessageId: 'retry-me-1', body: 'Where is my refund?' }
    const first = await api.http(SEND, { i: input }, visitor.token)
    const again = await api.http(SEND, { i: { ...input, body: 'Where is my refund?' } }, visitor.token)
    const concurrent = await Promise.all([1, 2, 3].map(() => api.http(SEND, { i: input }, visitor.token)))
    expect(first.data!.sendMessage.created).toBe(true)
    expect(again.data!.sendMessage).toEqual({ ...first.data!.sendMessage, created: false })
    for (const r of concurrent) expect(r.data!.sendMessage.message.id).toBe(first.data!.sendMessage.message.id)
    const rows = await deps().db.query(sql`select id from messages where conversation_id = ${visitor.conversationId}`)
    expect(rows.length).toBe(1)
  })

  test('a visitor that reconnects after its last sequence number gets exactly the messages it missed', async () => {
    const visitor = await startVisitor(api, acme.inbox.websiteToken!)
    const agent = api.socket(acme.adminToken)
    const reply = (n: number) =>
      agent.request(SEND, { i: { conversationId: visitor.conversationId, clientMessageId: `r-${n}`, body: `reply ${n}` } })

    const firstSocket = api.socket(visitor.token)
    const sub = firstSocket.subscribe(CONVERSATION_EVENTS, { id: visitor.conversationId, after: 0 })
    await reply(1)
    await reply(2)
    const seen = await sub.waitFor(2, isMessage)
    const lastSeq = seen[1]!.conversationEvents.message.seq
    await firstSocket.close()

    await agent.request(SEND, { i: { conversationId: visitor.conversationId, clientMessageId: 'n-1', body: 'note while away', kind: 'NOTE' } })
    for (const n of [3, 4, 5]) await reply(n)

    const resumed = api.socket(visitor.token).subscribe(CONVERSATION_EVENTS, { id: visitor.conversationId, after: lastSeq })
    const missed = await resumed.waitFor(3, isMessage)
    await reply(6)
    const live = await resumed.waitFor(4, isMessage)
    await resumed.settle()
    expect(resumed.events.filter(isMessage).length).toBe(4)
    expect(missed.map((e) => e.conversationEvents.message.body)).toEqual(['reply 3', 'reply 4', 'reply 5'])
    expect(live[3]!.conversationEvents.message.body).toBe('reply 6')
    const seqs = resumed.events.filter(isMessage).map((e) => e.conversationEvents.message.seq)
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b))
  })
})
