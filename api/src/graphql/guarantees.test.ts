import { afterAll, beforeAll, expect, test } from 'bun:test'
import type { Deps } from '../deps.ts'
import {
  ACCOUNT_EVENTS,
  CONVERSATION_EVENTS,
  createTestAccount,
  isMessage,
  SEND,
  startTestApi,
  startVisitor,
  type TestAccount,
  type TestApi,
} from '../testing/api.ts'
import { describeEachDb } from '../testing/db.ts'

const RECEIPTS = `subscription($id: ID!, $after: Int) {
  conversationEvents(conversationId: $id, afterSeq: $after) { name message { seq } delivered { readerType seq } read { readerType seq } typing { isTyping } presence { subjectType status agentsOnline } }
}`
const PRESENCE = `subscription { accountEvents { name presence { subjectType subjectId status } } }`

describeEachDb('realtime guarantees', ({ deps }) => {
  let api: TestApi
  let acme: TestAccount
  let quick: Deps
  beforeAll(async () => {
    // Short grace, throttle and expiry so the test sees them pass.
    quick = { ...deps(), config: { ...deps().config, PRESENCE_GRACE_SECONDS: 1, TYPING_THROTTLE_MS: 2000, TYPING_EXPIRE_MS: 600 } }
    api = await startTestApi(quick)
    acme = await createTestAccount(quick, api)
  })
  afterAll(() => api.stop())

  test('stored → delivered → read reaches the sender live, and the message statuses follow', async () => {
    const v = await startVisitor(api, acme.inbox.websiteToken!)
    const visitorSub = api.socket(v.token).subscribe(RECEIPTS, { id: v.conversationId, after: 0 })
    const agent = api.socket(acme.adminToken)
    for (const n of [1, 2]) await agent.request(SEND, { i: { conversationId: v.conversationId, clientMessageId: `r${n}`, body: `reply ${n}` } })
    await visitorSub.waitFor(2, isMessage)
    const statuses = async () =>
      (await api.http(`{ messages(conversationId: "${v.conversationId}") { nodes { seq deliveryStatus } } }`, {}, v.token)).data!.messages.nodes
    expect(await statuses()).toEqual([{ seq: 1, deliveryStatus: 'STORED' }, { seq: 2, deliveryStatus: 'STORED' }])

    // Replaying seq 2 proves the subscription is live before the acknowledgement is sent.
    const agentSub = agent.subscribe(RECEIPTS, { id: v.conversationId, after: 1 })
    await agentSub.waitFor(1, isMessage)
    await api.http(`mutation { acknowledgeDelivery(input: { conversationId: "${v.conversationId}", seq: 2 }) { seq } }`, {}, v.token)
    const [delivered] = await agentSub.waitFor(1, (e) => Boolean(e.conversationEvents.delivered))
    expect(delivered!.conversationEvents.delivered).toEqual({ readerType: 'VISITOR', seq: 2 })
    expect(await statuses()).toEqual([{ seq: 1, deliveryStatus: 'DELIVERED' }, { seq: 2, deliveryStatus: 'DELIVERED' }])

    await api.http(`mutation { markRead(input: { conversationId: "${v.conversationId}", seq: 1 }) { seq } }`, {}, v.token)
    const [read] = await agentSub.waitFor(1, (e) => Boolean(e.conversationEvents.read))
    expect(read!.conversationEvents.read).toEqual({ readerType: 'VISITOR', seq: 1 })
    expect(await statuses()).toEqual([{ seq: 1, deliveryStatus: 'READ' }, { seq: 2, deliveryStatus: 'DELIVERED' }])
    const conv = await api.http(`{ conversation(id: "${v.conversationId}") { deliveredSeqOfOtherSide readSeqOfOtherSide } }`, {}, acme.adminToken)
    expect(conv.data!.conversation).toEqual({ deliveredSeqOfOtherSide: 2, readSeqOfOtherSide: 1 })
    // Acknowledging never moves a cursor back.
    await api.http(`mutation { acknowledgeDelivery(input: { conversationId: "${v.conversationId}", seq: 1 }) { seq } }`, {}, v.token)
    expect((await statuses())[1]).toEqual({ seq: 2, deliveryStatus: 'DELIVERED' })
  })

  test('an agent is online while a socket is open, survives a quick reconnect, and goes offline only after the grace period', async () => {
    const v = await startVisitor(api, acme.inbox.websiteToken!)
    const watcher = api.socket(v.token).subscribe(RECEIPTS, { id: v.conversationId, after: 0 })
    const colleague = await api.http(
      `mutation($i: CreateAgentInput!) { createAgent(input: $i) { id } }`,
      { i: { email: `col-${crypto.randomUUID().slice(0, 6)}@example.test`, name: 'Colleague', password: 'long enough pw' } },
      acme.adminToken,
    )
    const observer = api.socket(acme.adminToken).subscribe(PRESENCE)
    await observer.settle(300)
    const before = await api.http(`{ agents { id presence } }`, {}, acme.adminToken)
    expect(before.data!.agents.find((a: any) => a.id === colleague.data!.createAgent.id).presence).toBe('OFFLINE')

    const token = await signIn(api, acme, colleague.data!.createAgent.id)
    const session = api.socket(token)
    await session.request(`mutation { setAvailability(availability: ONLINE) { availability } }`)
    const online = await observer.waitFor(1, (e) => e.accountEvents.presence?.subjectId === colleague.data!.createAgent.id)
    expect(online[0]!.accountEvents.presence.status).toBe('ONLINE')
    const [visitorView] = await watcher.waitFor(1, (e) => e.conversationEvents.presence?.agentsOnline === true)
    expect(visitorView!.conversationEvents.presence.subjectType).toBe('AGENT')

    await session.close()
    const reload = api.socket(token)
    await reload.request(`{ me { id } }`)
    await Bun.sleep(1500)
    const presence = async () =>
      (await api.http(`{ agents { id presence } }`, {}, acme.adminToken)).data!.agents.find((a: any) => a.id === colleague.data!.createAgent.id).presence
    expect(await presence()).toBe('ONLINE')

    await reload.close()
    expect(await presence()).toBe('ONLINE')
    const offline = await observer.waitFor(1, (e) => e.accountEvents.presence?.status === 'OFFLINE', 5000)
    expect(offline[0]!.accountEvents.presence.subjectId).toBe(colleague.data!.createAgent.id)
    expect(await presence()).toBe('OFFLINE')
  })

  test('typing is throttled to one event per 2 s per sender and stops by itself', async () => {
    const v = await startVisitor(api, acme.inbox.websiteToken!)
    const agentSub = api.socket(acme.adminToken).subscribe(RECEIPTS, { id: v.conversationId, after: 0 })
    await agentSub.settle(300)
    const visitor = api.socket(v.token)
    for (let i = 0; i < 5; i++) {
      await visitor.request(`mutation { setTyping(input: { conversationId: "${v.conversationId}", isTyping: true }) }`)
      await Bun.sleep(50)
    }
    const typing = (e: Record<string, any>) => Boolean(e.conversationEvents.typing)
    await agentSub.waitFor(2, typing, 3000)
    expect(agentSub.events.filter(typing).map((e) => e.conversationEvents.typing.isTyping)).toEqual([true, false])
  })

  test('1,000 messages while the recipient socket is killed at random points arrive exactly once, in order, after resume', async () => {
    const v = await startVisitor(api, acme.inbox.websiteToken!)
    const agent = api.socket(acme.adminToken)
    const seen: number[] = []
    let socket = api.socket(v.token)
    let sub = socket.subscribe(CONVERSATION_EVENTS, { id: v.conversationId, after: 0 })
    let consumed = 0
    const drain = () => {
      for (const e of sub.events.slice(consumed).filter(isMessage)) seen.push(e.conversationEvents.message.seq)
      consumed = sub.events.length
    }
    let rng = 42
    const random = () => ((rng = (rng * 1103515245 + 12345) % 2 ** 31) / 2 ** 31)
    const sending = (async () => {
      for (let n = 1; n <= 1000; n++) {
        const res = await agent.request(SEND, { i: { conversationId: v.conversationId, clientMessageId: `m${n}`, body: `m${n}` } })
        if (res.errors) throw new Error(JSON.stringify(res.errors))
      }
    })()
    let kills = 0
    while (kills < 8) {
      await Bun.sleep(50 + random() * 250)
      drain()
      await socket.close()
      kills++
      const last = seen.length ? seen[seen.length - 1]! : 0
      socket = api.socket(v.token)
      sub = socket.subscribe(CONVERSATION_EVENTS, { id: v.conversationId, after: last })
      consumed = 0
    }
    await sending
    const deadline = Date.now() + 20_000
    while ((seen.length === 0 || seen[seen.length - 1]! < 1000) && Date.now() < deadline) {
      await Bun.sleep(50)
      drain()
    }
    expect(kills).toBe(8)
    expect(seen.length).toBe(1000)
    expect(seen).toEqual(Array.from({ length: 1000 }, (_, i) => i + 1))
  }, 120_000)
})

async function signIn(api: TestApi, acme: TestAccount, agentId: string): Promise<string> {
  const agents = await api.http(`{ agents { id email } }`, {}, acme.adminToken)
  const email = agents.data!.agents.find((a: any) => a.id === agentId).email
  const res = await api.http(`mutation($i: SignInInput!) { signIn(input: $i) { token } }`, { i: { email, password: 'long enough pw' } })
  return res.data!.signIn.token
}
