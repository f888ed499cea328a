import { afterAll, beforeAll, expect, test } from 'bun:test'
import { createHmac } from 'node:crypto'
import { sql } from '../db/index.ts'
import { signVisitorToken } from '../domain/auth/index.ts'
import { createTestAccount, SEND, startTestApi, startVisitor, type TestAccount, type TestApi } from '../testing/api.ts'
import { describeEachDb } from '../testing/db.ts'

const START = `mutation($i: StartVisitorSessionInput!) { startVisitorSession(input: $i) { token identityVerified } }`

describeEachDb('bad input is refused with a coded error and changes nothing', ({ deps }) => {
  let api: TestApi
  let acme: TestAccount
  let counts: () => Promise<Record<"messages" | "contacts" | "conversations" | "sessions" | "inboxes" | "agents", number>>
  beforeAll(async () => {
    api = await startTestApi(deps())
    acme = await createTestAccount(deps(), api)
    counts = async () => {
      const [row] = await deps().db.query<Record<"messages" | "contacts" | "conversations" | "sessions" | "inboxes" | "agents", number>>(sql`
        select (select count(*)::int from messages) as messages, (select count(*)::int from contacts) as contacts,
               (select count(*)::int from conversations) as conversations, (select count(*)::int from agent_sessions) as sessions,
               (select count(*)::int from inboxes) as inboxes, (select count(*)::int from agents) as agents`)
      return row!
    }
  })
  afterAll(() => api.stop())

  test('a body over 10,000 characters is BAD_USER_INPUT on body; nothing stored', async () => {
    const visitor = await startVisitor(api, acme.inbox.websiteToken!)
    const before = await counts()
    const res = await api.http(SEND, { i: { conversationId: visitor.conversationId, clientMessageId: 'big', body: 'x'.repeat(10_001) } }, visitor.token)
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'body' })
    expect(res.errors?.[0]?.message).toContain('10000')
    const ok = await api.http(SEND, { i: { conversationId: visitor.conversationId, clientMessageId: 'max', body: 'y'.repeat(10_000) } }, visitor.token)
    expect(ok.data?.sendMessage.created).toBe(true)
    expect((await counts()).messages).toBe(before.messages + 1)
  })

  test('an empty body and a malformed client message id name their fields', async () => {
    const visitor = await startVisitor(api, acme.inbox.websiteToken!)
    const before = await counts()
    const empty = await api.http(SEND, { i: { conversationId: visitor.conversationId, clientMessageId: 'e', body: '   ' } }, visitor.token)
    expect(empty.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'body' })
    const badId = await api.http(SEND, { i: { conversationId: visitor.conversationId, clientMessageId: 'a b/c', body: 'hi' } }, visitor.token)
    expect(badId.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'clientMessageId' })
    expect(await counts()).toEqual(before)
  })

  test('a request body over the cap is refused with 413 before it is parsed', async () => {
    const before = await counts()
    const res = await fetch(`${api.server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ me { id } }', variables: { pad: 'z'.repeat(1_200_000) } }),
    })
    expect(res.status).toBe(413)
    expect((await res.json()).error.code).toBe('PAYLOAD_TOO_LARGE')
    expect(await counts()).toEqual(before)
  })

  test('malformed ids are BAD_USER_INPUT naming the field', async () => {
    const visitor = await startVisitor(api, acme.inbox.websiteToken!)
    const send = await api.http(SEND, { i: { conversationId: 'not-a-uuid', clientMessageId: 'm', body: 'hi' } }, visitor.token)
    expect(send.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'conversationId' })
    const conv = await api.http(`{ conversation(id: "1; drop table messages") { id } }`, {}, acme.adminToken)
    expect(conv.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' })
    const cursor = await api.http(`{ conversations(after: "bogus") { nodes { id } } }`, {}, acme.adminToken)
    expect(cursor.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' })
    const website = await api.http(START, { i: { websiteToken: 'no-such-token-123' } })
    expect(website.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'websiteToken' })
  })

  test('missing, forged and expired tokens are UNAUTHENTICATED', async () => {
    const visitor = await startVisitor(api, acme.inbox.websiteToken!)
    const before = await counts()
    const input = { i: { conversationId: visitor.conversationId, clientMessageId: 'tok', body: 'hi' } }
    const none = await api.http(SEND, input)
    expect(none.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED')
    const forged = await api.http(SEND, input, visitor.token.slice(0, -4) + 'AAAA')
    expect(forged.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED')
    const claims = { contactId: visitor.contactId, accountId: acme.accountId, inboxId: acme.inbox.id, visitorId: visitor.visitorId }
    const expired = signVisitorToken(deps().secret, claims, 1, Date.now() - 2 * 86_400_000)
    const old = await api.http(SEND, input, expired)
    expect(old.errors?.[0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } })
    expect(old.errors?.[0]?.message).toContain('expired')
    const agentOnly = await api.http(`{ conversations { nodes { id } } }`, {}, visitor.token)
    expect(agentOnly.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED')

    await deps().db.query(sql`update agent_sessions set expires_at = now() - interval '1 minute' where agent_id = ${acme.adminId}`)
    const stale = await api.http(`{ conversations { nodes { id } } }`, {}, acme.adminToken)
    expect(stale.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED')
    expect(stale.errors?.[0]?.message).toContain('expired')
    const me = await api.http(`{ me { id } }`, {}, acme.adminToken)
    expect(me.data?.me).toBeNull()
    expect(await counts()).toEqual(before)
    acme = await createTestAccount(deps(), api)
  })

  test('a wrong identity HMAC is FORBIDDEN and creates no contact; the right one is verified', async () => {
    const strict = await createTestAccount(deps(), api, { requireIdentityVerification: true })
    const before = await counts()
    const wrong = await api.http(START, {
      i: { websiteToken: strict.inbox.websiteToken, identity: { userId: 'user-42', userHash: 'a'.repeat(64), email: 'u42@example.test' } },
    })
    expect(wrong.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'identity.userHash' })
    const missing = await api.http(START, { i: { websiteToken: strict.inbox.websiteToken, identity: { userId: 'user-42' } } })
    expect(missing.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'identity.userHash' })
    expect(await counts()).toEqual(before)

    const userHash = createHmac('sha256', strict.inbox.identitySecret).update('user-42').digest('hex')
    const right = await api.http(START, { i: { websiteToken: strict.inbox.websiteToken, identity: { userId: 'user-42', userHash } } })
    expect(right.data?.startVisitorSession.identityVerified).toBe(true)
    const again = await api.http(START, { i: { websiteToken: strict.inbox.websiteToken, identity: { userId: 'user-42', userHash } } })
    expect((await counts()).contacts).toBe(before.contacts + 1)
    expect(again.data?.startVisitorSession.identityVerified).toBe(true)
  })

  test('queries deeper than the limit are refused over HTTP and WebSocket', async () => {
    let selection = 'id'
    for (let i = 0; i < 8; i++) selection = `assignee { teams { members { ${selection} } } }`
    const res = await api.http(`{ conversations { nodes { ${selection} } } }`, {}, acme.adminToken)
    expect(res.errors?.[0]?.message).toMatch(/depth/i)
    const overSocket = await api.socket(acme.adminToken).request(`{ conversations { nodes { ${selection} } } }`)
    expect(overSocket.errors?.[0]?.message).toMatch(/depth/i)
    const typo = await api.socket(acme.adminToken).request(`{ conversationz { nodes { id } } }`)
    expect(typo.errors?.[0]?.message).toContain('conversationz')
  })

  test('an agent cannot do admin work, and a refused create stores nothing', async () => {
    const before = await counts()
    const created = await api.http(
      `mutation($i: CreateAgentInput!) { createAgent(input: $i) { id } }`,
      { i: { email: 'agent@example.test', name: 'Ag', password: 'long enough pw', role: 'AGENT' } },
      acme.adminToken,
    )
    expect(created.errors).toBeUndefined()
    const signIn = await api.http(`mutation { signIn(input: { email: "agent@example.test", password: "long enough pw" }) { token } }`)
    const agentToken = signIn.data!.signIn.token
    const mid = await counts()
    const inbox = await api.http(`mutation { createWebInbox(input: { name: "Sneaky" }) { id } }`, {}, agentToken)
    expect(inbox.errors?.[0]?.extensions?.code).toBe('FORBIDDEN')
    const badColor = await api.http(`mutation { createWebInbox(input: { name: "Ok", widget: { color: "red" } }) { id } }`, {}, acme.adminToken)
    expect(badColor.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'settings.color' })
    expect(await counts()).toEqual(mid)
    expect(mid.agents).toBe(before.agents + 1)
  })
})
