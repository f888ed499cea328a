import { gql } from '@urql/core'
import { cacheExchange, type Cache, type Data } from '@urql/exchange-graphcache'
import { matchesFilter, placeInList, type RowFacts } from './list-membership.ts'
import type { ListFilter, Message } from './shapes.ts'

type Event = {
  name: string
  conversationId: string
  message?: Message | null
  conversation?: { id: string } | null
  read?: { readerType: string; seq: number } | null
  presence?: { subjectType: string; subjectId: string | null; status: string } | null
}

const ROW_ACTIVITY = gql`fragment _ on Conversation { id lastActivityAt lastSeq }`
const ROW_UNREAD = gql`fragment _ on Conversation { id unreadCount }`
const ROW_READ_OTHER = gql`fragment _ on Conversation { id readSeqOfOtherSide }`
const AGENT_PRESENCE = gql`fragment _ on Agent { id presence }`
const CONTACT_ONLINE = gql`fragment _ on Contact { id online }`

/** Drops every cached answer of a root field (all argument sets), so views showing it refetch. */
function invalidateAll(cache: Cache, fieldName: string) {
  for (const field of cache.inspectFields('Query')) {
    if (field.fieldName === fieldName) cache.invalidate('Query', fieldName, field.arguments ?? undefined)
  }
}

const conversationKey = (id: string) => `Conversation:${id}`

function factsOf(cache: Cache, key: string): RowFacts | null {
  const status = cache.resolve(key, 'status')
  const lastActivityAt = cache.resolve(key, 'lastActivityAt')
  const inbox = cache.resolve(key, 'inbox') as string | null | undefined
  const assignee = cache.resolve(key, 'assignee') as string | null | undefined
  const team = cache.resolve(key, 'team') as string | null | undefined
  const labels = cache.resolve(key, 'labels') as string[] | null | undefined
  if (typeof status !== 'string' || typeof lastActivityAt !== 'string' || !inbox) return null
  if (assignee === undefined || team === undefined || !labels) return null
  return {
    status,
    lastActivityAt,
    inboxId: String(cache.resolve(inbox, 'id')),
    assigneeId: assignee ? String(cache.resolve(assignee, 'id')) : null,
    teamId: team ? String(cache.resolve(team, 'id')) : null,
    labels: labels.map((l) => String(cache.resolve(l, 'name'))),
  }
}

/**
 * Moves a conversation between the cached list pages after it changed: out of lists it no
 * longer matches, onto the first page of lists it now matches, ordered by activity. A
 * conversation the cache does not know refetches the first pages instead.
 */
export function reconcileLists(cache: Cache, conversationId: string, meId: string, newText?: string) {
  const key = conversationKey(conversationId)
  const facts = factsOf(cache, key)
  for (const field of cache.inspectFields('Query')) {
    if (field.fieldName !== 'conversations') continue
    const args = field.arguments ?? {}
    const firstPage = !args.after
    if (!facts) {
      if (firstPage) cache.invalidate('Query', 'conversations', args)
      continue
    }
    const connection = cache.resolve('Query', 'conversations', args) as string | null
    const nodes = connection ? (cache.resolve(connection, 'nodes') as string[] | null) : null
    if (!connection || !nodes) continue
    const filter = args.filter as ListFilter | undefined
    // Search matches names and words the cache cannot fully judge: a searched list keeps its rows
    // and takes in a conversation only when a new message contains the words.
    const search = filter?.search?.toLowerCase()
    const belongs = matchesFilter(filter, facts, meId) && (!search || nodes.includes(key) || !!newText?.toLowerCase().includes(search))
    const next = placeInList(nodes, key, (k) => cache.resolve(k, 'lastActivityAt') as string | undefined, belongs, firstPage)
    if (next) cache.link(connection, 'nodes', next)
  }
}

/** A new message: into the conversation's latest page of the timeline and onto its row. */
export function addMessage(cache: Cache, message: Message, meId: string) {
  const key = conversationKey(message.conversationId)
  const messageKey = cache.keyOfEntity({ __typename: 'Message', id: message.id })
  if (!messageKey) return
  for (const field of cache.inspectFields(key)) {
    if (field.fieldName !== 'messages') continue
    const args = field.arguments ?? {}
    if (args.beforeSeq != null || args.afterSeq != null) continue
    const page = cache.resolve(key, 'messages', args) as string | null
    const nodes = page ? (cache.resolve(page, 'nodes') as string[] | null) : null
    if (!page || !nodes || nodes.includes(messageKey)) continue
    const seqOf = (k: string) => Number(cache.resolve(k, 'seq'))
    const next = [...nodes, messageKey].sort((a, b) => seqOf(a) - seqOf(b))
    cache.link(page, 'nodes', next)
  }
  const lastSeq = cache.resolve(key, 'lastSeq')
  if (typeof lastSeq === 'number' && lastSeq >= message.seq) return
  cache.writeFragment(
    ROW_ACTIVITY,
    { __typename: 'Conversation', id: message.conversationId, lastActivityAt: message.createdAt, lastSeq: message.seq },
  )
  cache.link(key, 'lastMessage', messageKey)
  const unread = cache.resolve(key, 'unreadCount')
  if (message.senderType === 'VISITOR' && typeof unread === 'number') {
    cache.writeFragment(ROW_UNREAD, { __typename: 'Conversation', id: message.conversationId, unreadCount: unread + 1 })
  }
  reconcileLists(cache, message.conversationId, meId, message.kind === 'EVENT' ? undefined : message.body)
  // Counts under a search may change with any message's words.
  for (const field of cache.inspectFields('Query')) {
    if (field.fieldName === 'conversationCounts' && (field.arguments?.filter as ListFilter | undefined)?.search) {
      cache.invalidate('Query', 'conversationCounts', field.arguments ?? undefined)
    }
  }
}

function applyEvent(cache: Cache, e: Event, meId: string) {
  if (e.message && e.name === 'message.created') addMessage(cache, e.message, meId)
  else if (e.conversation) {
    reconcileLists(cache, e.conversation.id, meId)
    // Status or assignee may have changed: the tab counts are worth asking again.
    invalidateAll(cache, 'conversationCounts')
  } else if (e.presence?.subjectId) {
    if (e.presence.subjectType === 'AGENT') cache.writeFragment(AGENT_PRESENCE, { __typename: 'Agent', id: e.presence.subjectId, presence: e.presence.status })
    else if (e.presence.subjectType === 'VISITOR') cache.writeFragment(CONTACT_ONLINE, { __typename: 'Contact', id: e.presence.subjectId, online: e.presence.status !== 'OFFLINE' })
  }
  else if (e.read && e.read.readerType === 'VISITOR') {
    cache.writeFragment(ROW_READ_OTHER, { __typename: 'Conversation', id: e.conversationId, readSeqOfOtherSide: e.read.seq })
  }
}

const noKey = () => null

/** The normalised cache: entities by id, list membership kept live by accountEvents. */
export function consoleCache(meId: string) {
  const changed = (result: Data) => {
    for (const value of Object.values(result)) {
      const id = (value as { id?: unknown } | null)?.id
      return typeof id === 'string' ? id : null
    }
    return null
  }
  return cacheExchange({
    // conversation(id) is the Conversation entity: rows already cached answer it without a trip.
    resolvers: { Query: { conversation: (_parent, args) => ({ __typename: 'Conversation', id: args.id as string }) } },
    keys: {
      ConversationEvent: noKey,
      ConversationConnection: noKey,
      PageInfo: noKey,
      MessagePage: noKey,
      Typing: noKey,
      ReadReceipt: noKey,
      WidgetSettings: noKey,
      PreChatForm: noKey,
      ContactIdentity: noKey,
      SignInPayload: noKey,
      SendMessagePayload: noKey,
      ConversationCounts: noKey,
      Actor: noKey,
      PresenceChange: noKey,
      BusinessHours: noKey,
      BusinessHoursDay: noKey,
    },
    updates: {
      Subscription: {
        accountEvents: (result, _args, cache) => applyEvent(cache, result.accountEvents as Event, meId),
      },
      Mutation: {
        sendMessage: (result, _args, cache) => {
          const message = (result.sendMessage as { message?: Message } | null)?.message
          if (message) addMessage(cache, message, meId)
        },
        markRead: (_result, args, cache) => {
          const input = args.input as { conversationId: string }
          cache.writeFragment(ROW_UNREAD, { __typename: 'Conversation', id: input.conversationId, unreadCount: 0 })
        },
        ...Object.fromEntries(
          ['assignConversation', 'setConversationStatus', 'setConversationPriority', 'setConversationLabels'].map((name) => [
            name,
            (result: Data, _args: unknown, cache: Cache) => {
              const id = changed(result)
              if (id) reconcileLists(cache, id, meId)
              invalidateAll(cache, 'conversationCounts')
            },
          ]),
        ),
        createWebInbox: (_r, _a, cache) => cache.invalidate('Query', 'inboxes'),
        createAgent: (_r, _a, cache) => cache.invalidate('Query', 'agents'),
        createTeam: (_r, _a, cache) => cache.invalidate('Query', 'teams'),
        createLabel: (_r, _a, cache) => cache.invalidate('Query', 'labels'),
        createCannedResponse: (_r, _a, cache) => invalidateAll(cache, 'cannedResponses'),
        updateCannedResponse: (_r, _a, cache) => invalidateAll(cache, 'cannedResponses'),
        deleteCannedResponse: (_r, args, cache) => {
          cache.invalidate({ __typename: 'CannedResponse', id: args.id as string })
          invalidateAll(cache, 'cannedResponses')
        },
        addTeamMember: (_r, _a, cache) => cache.invalidate('Query', 'agents'),
        removeTeamMember: (_r, _a, cache) => cache.invalidate('Query', 'agents'),
      },
    },
  })
}
