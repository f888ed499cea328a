import { afterAll, beforeAll, expect, test } from 'bun:test'
import { createTestAccount, SEND, startTestApi, startVisitor, type TestAccount, type TestApi } from '../testing/api.ts'
import { describeEachDb } from '../testing/db.ts'

describeEachDb('inbox features', ({ deps }) => {
  let api: TestApi
  let acme: TestAccount
  beforeAll(async () => {
    api = await startTestApi(deps())
    acme = await createTestAccount(deps(), api)
  })
  afterAll(() => api.stop())

  test('canned responses: admins manage them, agents search them by /short code or text', async () => {
    const create = (shortCode: string, content: string, token = acme.adminToken) =>
      api.http(`mutation($i: CreateCannedResponseInput!) { createCannedResponse(input: $i) { id shortCode content } }`, { i: { shortCode, content } }, token)
    const refund = await create('Refund', 'Your refund is on its way; allow 3-5 business days.')
    expect(refund.data!.createCannedResponse).toMatchObject({ shortCode: 'refund' })
    await create('shipping', 'We ship worldwide within 2 days.')
    expect((await create('refund', 'again')).errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'shortCode' })
    expect((await create('no spaces', 'x')).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'shortCode' })

    const search = async (s: string) =>
      (await api.http(`query($s: String) { cannedResponses(search: $s) { shortCode } }`, { s }, acme.adminToken)).data!.cannedResponses.map((c: any) => c.shortCode)
    expect(await search('/ref')).toEqual(['refund'])
    expect(await search('worldwide')).toEqual(['shipping'])
    expect(await search('')).toEqual(['refund', 'shipping'])

    const updated = await api.http(
      `mutation($i: UpdateCannedResponseInput!) { updateCannedResponse(input: $i) { shortCode content } }`,
      { i: { id: refund.data!.createCannedResponse.id, content: 'Refunds take 3 days.' } },
      acme.adminToken,
    )
    expect(updated.data!.updateCannedResponse).toEqual({ shortCode: 'refund', content: 'Refunds take 3 days.' })

    await api.http(`mutation($i: CreateAgentInput!) { createAgent(input: $i) { id } }`, { i: { email: 'canned@example.test', name: 'C', password: 'long enough pw' } }, acme.adminToken)
    const agentToken = (await api.http(`mutation { signIn(input: { email: "canned@example.test", password: "long enough pw" }) { token } }`)).data!.signIn.token
    expect((await create('mine', 'x', agentToken)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN')
    const seen = await api.http(`{ cannedResponses { shortCode } }`, {}, agentToken)
    expect(seen.data!.cannedResponses.length).toBe(2)
    const del = await api.http(`mutation($id: ID!) { deleteCannedResponse(id: $id) }`, { id: refund.data!.createCannedResponse.id }, acme.adminToken)
    expect(del.data!.deleteCannedResponse).toBe(true)
    expect(await search('')).toEqual(['shipping'])
  })

  test('tab counts, search and a contact’s previous conversations', async () => {
    const other = await createTestAccount(deps(), api)
    const a = await startVisitor(api, other.inbox.websiteToken!, { identity: { userId: 'u1', email: 'grace@example.test', name: 'Grace Hopper' } })
    await api.http(SEND, { i: { conversationId: a.conversationId, clientMessageId: 'a1', body: 'My invoice is wrong' } }, a.token)
    const b = await startVisitor(api, other.inbox.websiteToken!)
    await api.http(SEND, { i: { conversationId: b.conversationId, clientMessageId: 'b1', body: 'Where is my parcel?' } }, b.token)
    await api.http(`mutation { assignConversation(input: { conversationId: "${a.conversationId}", agentId: "${other.adminId}" }) { id } }`, {}, other.adminToken)

    const counts = await api.http(`{ conversationCounts(filter: { status: OPEN }) { mine unassigned all } }`, {}, other.adminToken)
    expect(counts.data!.conversationCounts).toEqual({ mine: 1, unassigned: 1, all: 2 })
    const find = async (search: string) =>
      (await api.http(`query($f: ConversationFilter) { conversations(filter: $f) { nodes { id } } }`, { f: { search } }, other.adminToken)).data!.conversations.nodes.map((c: any) => c.id)
    expect(await find('parcel')).toEqual([b.conversationId])
    expect(await find('grace@EXAMPLE')).toEqual([a.conversationId])
    expect(await find('nothing like this')).toEqual([])

    // The visitor's conversation is resolved; a new one starts; the contact has both.
    await api.http(`mutation { setConversationStatus(input: { conversationId: "${a.conversationId}", status: RESOLVED }) { id } }`, {}, other.adminToken)
    const next = (await api.http(`mutation { startConversation { id } }`, {}, a.token)).data!.startConversation.id
    expect(next).not.toBe(a.conversationId)
    const contact = await api.http(`{ conversation(id: "${next}") { contact { conversations { id status } } } }`, {}, other.adminToken)
    expect(contact.data!.conversation.contact.conversations.map((c: any) => c.id).sort()).toEqual([a.conversationId, next].sort())
  })

  test('the widget reports where the visitor is and who they are; agents see it on the contact', async () => {
    const res = await api.http(
      `mutation($i: StartVisitorSessionInput!) { startVisitorSession(input: $i) { token withinBusinessHours agentsOnline widget { businessHours { enabled } outOfOfficeMessage } } }`,
      { i: { websiteToken: acme.inbox.websiteToken, context: { pageUrl: 'https://shop.example/cart', timezone: 'Europe/Paris', locale: 'fr-FR' } } },
    )
    const s = res.data!.startVisitorSession
    expect(s.withinBusinessHours).toBe(true)
    expect(s.widget.businessHours.enabled).toBe(false)
    const conversationId = (await api.http(`mutation { startConversation { id } }`, {}, s.token)).data!.startConversation.id
    const moved = await api.http(`mutation { updateVisitorContext(input: { pageUrl: "https://shop.example/checkout", pageTitle: "Checkout" }) }`, {}, s.token)
    expect(moved.data!.updateVisitorContext).toBe(true)
    const bad = await api.http(`mutation { updateVisitorContext(input: { pageUrl: "javascript:alert(1)" }) }`, {}, s.token)
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'pageUrl' })
    const named = await api.http(`mutation { updateVisitorContact(input: { name: "Ada", email: "ada@example.test" }) }`, {}, s.token)
    expect(named.data!.updateVisitorContact).toBe(true)
    const seen = await api.http(`{ conversation(id: "${conversationId}") { contact { name email attributes identities { kind value verified } } } }`, {}, acme.adminToken)
    expect(seen.data!.conversation.contact).toMatchObject({
      name: 'Ada',
      email: 'ada@example.test',
      attributes: { pageUrl: 'https://shop.example/checkout', pageTitle: 'Checkout', timezone: 'Europe/Paris', locale: 'fr-FR' },
    })
    expect(seen.data!.conversation.contact.identities).toContainEqual({ kind: 'EMAIL', value: 'ada@example.test', verified: false })
  })

  test('business hours close the inbox outside their windows', async () => {
    const closedAllWeek = { enabled: true, timezone: 'UTC', days: [] }
    const upd = await api.http(
      `mutation($i: UpdateWebInboxInput!) { updateWebInbox(input: $i) { widget { businessHours { enabled timezone } } } }`,
      { i: { id: acme.inbox.id, widget: { businessHours: closedAllWeek } } },
      acme.adminToken,
    )
    expect(upd.data!.updateWebInbox.widget.businessHours).toEqual({ enabled: true, timezone: 'UTC' })
    const res = await api.http(`mutation { startVisitorSession(input: { websiteToken: "${acme.inbox.websiteToken}" }) { withinBusinessHours } }`)
    expect(res.data!.startVisitorSession.withinBusinessHours).toBe(false)
    const bad = await api.http(
      `mutation($i: UpdateWebInboxInput!) { updateWebInbox(input: $i) { id } }`,
      { i: { id: acme.inbox.id, widget: { businessHours: { enabled: true, timezone: 'Mars/Olympus', days: [] } } } },
      acme.adminToken,
    )
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'settings.businessHours.timezone' })
    await api.http(`mutation($i: UpdateWebInboxInput!) { updateWebInbox(input: $i) { id } }`, { i: { id: acme.inbox.id, widget: { businessHours: { ...closedAllWeek, enabled: false } } } }, acme.adminToken)
  })

  test('a page outside the inbox’s allowed domains is refused over HTTP and WebSocket', async () => {
    const strict = await createTestAccount(deps(), api)
    await api.http(`mutation($i: UpdateWebInboxInput!) { updateWebInbox(input: $i) { id } }`, { i: { id: strict.inbox.id, allowedDomains: ['shop.example'] } }, strict.adminToken)
    const start = (origin: string) =>
      fetch(`${api.server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin },
        body: JSON.stringify({ query: `mutation { startVisitorSession(input: { websiteToken: "${strict.inbox.websiteToken}" }) { token } }` }),
      })
    const refused = await start('https://evil.example')
    const body = await refused.json()
    expect(body.errors[0].extensions).toMatchObject({ code: 'FORBIDDEN', field: 'origin' })
    expect(body.errors[0].message).toContain('https://evil.example')
    expect(refused.headers.get('access-control-allow-credentials')).not.toBe('true')
    const allowed = await start('https://shop.example')
    const { token } = (await allowed.json()).data.startVisitorSession
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://shop.example')

    // The same token used from another site's page is refused too.
    const conv = await fetch(`${api.server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://evil.example', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: 'mutation { startConversation { id } }' }),
    }).then((r) => r.json())
    expect(conv.errors[0].extensions.code).toBe('UNAUTHENTICATED')
    const closed = await new Promise<number>((resolve) => {
      const ws = new WebSocket(`${api.server.url.replace('http', 'ws')}/graphql`, {
        // @ts-expect-error Bun's WebSocket accepts headers
        headers: { origin: 'https://evil.example' },
        protocols: ['graphql-transport-ws'],
      })
      ws.onopen = () => ws.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } }))
      ws.onclose = (e) => resolve(e.code)
    })
    expect(closed).toBe(4403)
  })
})
