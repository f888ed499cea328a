import { describe, expect, test } from 'bun:test'
import { Client, makeResult, type Exchange, type Operation } from '@urql/core'
import { filter, map, merge, mergeMap, makeSubject, pipe, share } from 'wonka'
import { consoleCache } from './cache.ts'
import { ACCOUNT_EVENTS, CONVERSATIONS } from './documents.ts'

const ME = 'agent-me'
let clock = Date.parse('2026-12-04T10:00:00Z')
const at = () => new Date((clock += 60_000)).toISOString()

function message(conversationId: string, seq: number, body: string, senderType = 'VISITOR') {
  return {
    __typename: 'Message', id: `${conversationId}-m${seq}`, conversationId, seq, clientMessageId: null, senderType, senderId: null,
    senderName: 'Someone', kind: 'TEXT', body, metadata: {}, deliveryStatus: 'STORED', createdAt: at(),
  }
}

function row(id: string, opts: { assignee?: string | null; status?: string; unread?: number } = {}) {
  const last = message(id, 1, `hello from ${id}`)
  return {
    __typename: 'Conversation', id, number: 1, status: opts.status ?? 'OPEN', priority: 'NONE', snoozedUntil: null, waitingSince: null,
    firstReplyAt: null, lastActivityAt: last.createdAt, lastSeq: 1, unreadCount: opts.unread ?? 1, createdAt: last.createdAt,
    readSeqOfOtherSide: 0,
    inbox: { __typename: 'Inbox', id: 'inbox-1', name: 'Site', channel: 'WEB' },
    contact: { __typename: 'Contact', id: `contact-${id}`, name: id, email: null, phone: null },
    assignee: opts.assignee ? { __typename: 'Agent', id: opts.assignee, name: opts.assignee } : null,
    team: null, labels: [], lastMessage: last,
  }
}

const page = (nodes: unknown[]) => ({
  conversations: { __typename: 'ConversationConnection', nodes, pageInfo: { __typename: 'PageInfo', endCursor: null, hasNextPage: false } },
})

const event = (name: string, conversationId: string, extra: Record<string, unknown>) => ({
  accountEvents: { __typename: 'ConversationEvent', name, conversationId, message: null, conversation: null, typing: null, read: null, presence: null, agent: null, actor: null, ...extra },
})

/** A client whose network answers list queries from `lists` and streams `push`ed events. */
function harness(lists: Record<string, unknown[]>) {
  const events = makeSubject<Record<string, unknown>>()
  const network: Exchange = () => (ops$) => {
    const ops = pipe(ops$, share)
    const queries = pipe(
      ops,
      filter((op: Operation) => op.kind === 'query'),
      map((op: Operation) => makeResult(op, { data: page(lists[(op.variables as { filter: { assignee: string } }).filter.assignee] ?? []) })),
    )
    const subscriptions = pipe(
      ops,
      filter((op: Operation) => op.kind === 'subscription'),
      mergeMap((op: Operation) => pipe(events.source, map((data) => makeResult(op, { data })))),
    )
    return merge([queries, subscriptions])
  }
  const client = new Client({ url: '/graphql', exchanges: [consoleCache(ME), network] })
  client.subscription(ACCOUNT_EVENTS, {}).subscribe(() => {})
  const vars = (assignee: string) => ({ filter: { assignee, status: 'OPEN' }, first: 25, after: null })
  const load = (assignee: string) => client.query(CONVERSATIONS, vars(assignee)).toPromise()
  const ids = (assignee: string) =>
    (client.readQuery(CONVERSATIONS, vars(assignee))?.data as { conversations: { nodes: { id: string }[] } } | undefined)?.conversations.nodes.map((n) => n.id)
  const rowOf = (assignee: string, id: string) =>
    (client.readQuery(CONVERSATIONS, vars(assignee))?.data as { conversations: { nodes: ReturnType<typeof row>[] } }).conversations.nodes.find((n) => n.id === id)
  return { push: events.next, load, ids, rowOf }
}

describe('console cache: accountEvents keep cached lists live', () => {
  test('a new conversation enters the lists it matches, at the top', async () => {
    const h = harness({ UNASSIGNED: [row('a'), row('b')].reverse(), ME: [] })
    await h.load('UNASSIGNED')
    await h.load('ME')
    h.push(event('conversation.created', 'c', { conversation: row('c') }))
    expect(h.ids('UNASSIGNED')).toEqual(['c', 'b', 'a'])
    expect(h.ids('ME')).toEqual([])
  })

  test('a visitor message moves its row to the top, updates the preview and the unread count', async () => {
    const h = harness({ UNASSIGNED: [row('a'), row('b'), row('c')].reverse() })
    await h.load('UNASSIGNED')
    h.push(event('message.created', 'a', { message: message('a', 2, 'anyone there?') }))
    expect(h.ids('UNASSIGNED')).toEqual(['a', 'c', 'b'])
    expect(h.rowOf('UNASSIGNED', 'a')).toMatchObject({ unreadCount: 2, lastSeq: 2, lastMessage: { body: 'anyone there?' } })
    // An agent's reply moves the row but is not unread.
    h.push(event('message.created', 'c', { message: message('c', 2, 'on it', 'AGENT') }))
    expect(h.ids('UNASSIGNED')).toEqual(['c', 'a', 'b'])
    expect(h.rowOf('UNASSIGNED', 'c')?.unreadCount).toBe(1)
  })

  test('assignment moves a row from Unassigned to Mine; resolving takes it out of Open lists', async () => {
    const h = harness({ UNASSIGNED: [row('a'), row('b')].reverse(), ME: [] })
    await h.load('UNASSIGNED')
    await h.load('ME')
    h.push(event('conversation.updated', 'a', { conversation: { ...row('a'), assignee: { __typename: 'Agent', id: ME, name: 'Me' } } }))
    expect(h.ids('UNASSIGNED')).toEqual(['b'])
    expect(h.ids('ME')).toEqual(['a'])
    h.push(event('conversation.updated', 'a', { conversation: { ...row('a'), status: 'RESOLVED', assignee: { __typename: 'Agent', id: ME, name: 'Me' } } }))
    expect(h.ids('ME')).toEqual([])
  })
})
