import { afterAll, beforeAll, expect, test } from 'bun:test'
import { createTestAccount, CONVERSATION_EVENTS, SEND, startTestApi, startVisitor, type TestAccount, type TestApi } from '../testing/api.ts'
import { describeEachDb } from '../testing/db.ts'

const LIST = `query($f: ConversationFilter, $first: Int, $after: String) {
  conversations(filter: $f, first: $first, after: $after) {
    nodes { id number status assignee { id } labels { name } unreadCount lastMessage { body } waitingSince }
    pageInfo { endCursor hasNextPage }
  }
}`
const ASSIGN = `mutation($i: AssignConversationInput!) { assignConversation(input: $i) { id assignee { id name } team { name } } }`
const STATUS = `mutation($i: SetConversationStatusInput!) { setConversationStatus(input: $i) { status snoozedUntil } }`

describeEachDb('agent workflow', ({ deps }) => {
  let api: TestApi
  let acme: TestAccount
  beforeAll(async () => {
    api = await startTestApi(deps())
    acme = await createTestAccount(deps(), api)
  })
  afterAll(() => api.stop())

  const say = (v: { token: string; conversationId: string }, body: string, id = crypto.randomUUID()) =>
    api.http(SEND, { i: { conversationId: v.conversationId, clientMessageId: id, body } }, v.token)

  test('the inbox lists newest activity first, filters by assignee and status, and pages by cursor', async () => {
    const visitors = []
    for (let i = 0; i < 5; i++) {
      const v = await startVisitor(api, acme.inbox.websiteToken!)
      await say(v, `question ${i}`)
      visitors.push(v)
    }
    const all = await api.http(LIST, { first: 3 }, acme.adminToken)
    expect(all.data!.conversations.nodes.map((c: any) => c.lastMessage.body)).toEqual(['question 4', 'question 3', 'question 2'])
    expect(all.data!.conversations.pageInfo.hasNextPage).toBe(true)
    const next = await api.http(LIST, { first: 3, after: all.data!.conversations.pageInfo.endCursor }, acme.adminToken)
    expect(next.data!.conversations.nodes.map((c: any) => c.lastMessage.body)).toEqual(['question 1', 'question 0'])
    expect(next.data!.conversations.pageInfo.hasNextPage).toBe(false)
    expect(all.data!.conversations.nodes[0].unreadCount).toBe(1)
    expect(all.data!.conversations.nodes[0].waitingSince).toBeString()

    const mine = visitors[1]!
    const assigned = await api.http(ASSIGN, { i: { conversationId: mine.conversationId, agentId: acme.adminId } }, acme.adminToken)
    expect(assigned.data!.assignConversation.assignee.id).toBe(acme.adminId)
    const me = await api.http(LIST, { f: { assignee: 'ME' } }, acme.adminToken)
    expect(me.data!.conversations.nodes.map((c: any) => c.id)).toEqual([mine.conversationId])
    const unassigned = await api.http(LIST, { f: { assignee: 'UNASSIGNED' } }, acme.adminToken)
    expect(unassigned.data!.conversations.nodes.map((c: any) => c.id)).not.toContain(mine.conversationId)
    expect(unassigned.data!.conversations.nodes.length).toBe(4)

    await api.http(STATUS, { i: { conversationId: visitors[0]!.conversationId, status: 'RESOLVED' } }, acme.adminToken)
    const resolved = await api.http(LIST, { f: { status: 'RESOLVED' } }, acme.adminToken)
    expect(resolved.data!.conversations.nodes.map((c: any) => c.id)).toEqual([visitors[0]!.conversationId])
    // Activity moves a conversation to the top.
    await say(visitors[2]!, 'bump')
    const top = await api.http(LIST, { first: 1 }, acme.adminToken)
    expect(top.data!.conversations.nodes[0].id).toBe(visitors[2]!.conversationId)
  })

  test('assign, team, status, snooze, priority and labels each leave a timeline event the visitor never sees', async () => {
    const v = await startVisitor(api, acme.inbox.websiteToken!)
    await say(v, 'I was double charged')
    const team = await api.http(`mutation { createTeam(input: { name: "Billing" }) { id } }`, {}, acme.adminToken)
    await api.http(`mutation($i: TeamMemberInput!) { addTeamMember(input: $i) { id } }`, { i: { teamId: team.data!.createTeam.id, agentId: acme.adminId } }, acme.adminToken)
    await api.http(`mutation { createLabel(input: { name: "billing", color: "#f59e0b" }) { id } }`, {}, acme.adminToken)
    const me = await api.http(`{ me { teams { name members { id } } } }`, {}, acme.adminToken)
    expect(me.data!.me.teams).toEqual([{ name: 'Billing', members: [{ id: acme.adminId }] }])

    const a = await api.http(ASSIGN, { i: { conversationId: v.conversationId, agentId: acme.adminId, teamId: team.data!.createTeam.id } }, acme.adminToken)
    expect(a.data!.assignConversation.team.name).toBe('Billing')
    const labels = await api.http(
      `mutation($i: SetConversationLabelsInput!) { setConversationLabels(input: $i) { labels { name } } }`,
      { i: { conversationId: v.conversationId, labels: ['Billing'] } },
      acme.adminToken,
    )
    expect(labels.data!.setConversationLabels.labels).toEqual([{ name: 'billing' }])
    const unknown = await api.http(
      `mutation($i: SetConversationLabelsInput!) { setConversationLabels(input: $i) { id } }`,
      { i: { conversationId: v.conversationId, labels: ['nope'] } },
      acme.adminToken,
    )
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND')
    const byLabel = await api.http(LIST, { f: { label: 'billing' } }, acme.adminToken)
    expect(byLabel.data!.conversations.nodes.map((c: any) => c.id)).toEqual([v.conversationId])

    const prio = await api.http(
      `mutation { setConversationPriority(input: { conversationId: "${v.conversationId}", priority: URGENT }) { priority } }`,
      {},
      acme.adminToken,
    )
    expect(prio.data!.setConversationPriority.priority).toBe('URGENT')
    const noDate = await api.http(STATUS, { i: { conversationId: v.conversationId, status: 'SNOOZED' } }, acme.adminToken)
    expect(noDate.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'snoozedUntil' })
    const until = new Date(Date.now() + 3_600_000).toISOString()
    const snoozed = await api.http(STATUS, { i: { conversationId: v.conversationId, status: 'SNOOZED', snoozedUntil: until } }, acme.adminToken)
    expect(snoozed.data!.setConversationStatus).toEqual({ status: 'SNOOZED', snoozedUntil: until })
    // A visitor writing to a snoozed conversation reopens it.
    await say(v, 'hello again?')
    const reopened = await api.http(`{ conversation(id: "${v.conversationId}") { status snoozedUntil } }`, {}, acme.adminToken)
    expect(reopened.data!.conversation).toEqual({ status: 'OPEN', snoozedUntil: null })

    const timeline = await api.http(`{ conversation(id: "${v.conversationId}") { messages { nodes { kind senderType body } } } }`, {}, acme.adminToken)
    const events = timeline.data!.conversation.messages.nodes.filter((m: any) => m.kind === 'EVENT').map((m: any) => m.body)
    expect(events).toEqual([
      expect.stringContaining('assigned this to Admin'),
      expect.stringContaining('set the labels to billing'),
      expect.stringContaining('set the priority to urgent'),
      expect.stringContaining('snoozed this until'),
    ])
    const visitorView = await api.http(`{ messages(conversationId: "${v.conversationId}") { nodes { kind body } } }`, {}, v.token)
    expect(visitorView.data!.messages.nodes.map((m: any) => m.body)).toEqual(['I was double charged', 'hello again?'])
  })

  test('read marks and typing reach the other side live; unread count drops after the agent reads', async () => {
    const v = await startVisitor(api, acme.inbox.websiteToken!)
    await say(v, 'one')
    await say(v, 'two')
    const before = await api.http(`{ conversation(id: "${v.conversationId}") { unreadCount readSeqOfOtherSide } }`, {}, acme.adminToken)
    expect(before.data!.conversation.unreadCount).toBe(2)

    const visitorSub = api.socket(v.token).subscribe(CONVERSATION_EVENTS, { id: v.conversationId, after: 2 })
    await new Promise((r) => setTimeout(r, 300))
    await api.http(`mutation { setTyping(input: { conversationId: "${v.conversationId}", isTyping: true }) }`, {}, acme.adminToken)
    const read = await api.http(`mutation { markRead(input: { conversationId: "${v.conversationId}", seq: 2 }) { seq readerType } }`, {}, acme.adminToken)
    expect(read.data!.markRead).toEqual({ seq: 2, readerType: 'AGENT' })
    const [typing, receipt] = await visitorSub.waitFor(2)
    expect(typing!.conversationEvents.typing).toEqual({ actorType: 'AGENT', isTyping: true })
    expect(receipt!.conversationEvents.read).toEqual({ readerType: 'AGENT', seq: 2 })
    const after = await api.http(`{ conversation(id: "${v.conversationId}") { unreadCount } }`, {}, acme.adminToken)
    expect(after.data!.conversation.unreadCount).toBe(0)
    const visitorSide = await api.http(`{ visitorConversations { id readSeqOfOtherSide } }`, {}, v.token)
    expect(visitorSide.data!.visitorConversations).toEqual([{ id: v.conversationId, readSeqOfOtherSide: 2 }])
  })

  test('sign-in sets an httpOnly cookie that works alone; sign-out revokes it', async () => {
    const email = `cookie-${crypto.randomUUID().slice(0, 8)}@example.test`
    await api.http(`mutation($i: CreateAgentInput!) { createAgent(input: $i) { id } }`, { i: { email, name: 'Cookie', password: 'long enough pw' } }, acme.adminToken)
    const res = await fetch(`${api.server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `mutation { signIn(input: { email: "${email}", password: "long enough pw" }) { agent { name role } } }` }),
    })
    const setCookie = res.headers.get('set-cookie') ?? ''
    expect(setCookie).toContain('parley_session=')
    expect(setCookie).toContain('HttpOnly')
    expect((await res.json()).data.signIn.agent).toEqual({ name: 'Cookie', role: 'AGENT' })
    const cookie = setCookie.split(';')[0]!
    const ask = (query: string) =>
      fetch(`${api.server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify({ query }) }).then((r) => r.json())
    expect((await ask('{ me { name } }')).data.me).toEqual({ name: 'Cookie' })
    expect((await ask('mutation { signOut }')).data.signOut).toBe(true)
    expect((await ask('{ me { name } }')).data.me).toBeNull()
  })
})
