import { Repeater } from '@repeaterjs/repeater'
import { z } from 'zod'
import { requireAgent, requireSignedIn } from '../../domain/access/index.ts'
import { loadVisibleConversation, selectConversation } from '../../domain/conversation/index.ts'
import { getMessage, listMessages } from '../../domain/message/index.ts'
import { getAgent } from '../../domain/agent/index.ts'
import { agentPresence, agentsAvailable } from '../../domain/presence/index.ts'
import { EVENTS, type ParleyEvent } from '../../events/index.ts'
import { parse } from '../../validate.ts'
import type { Viewer } from '../../viewer.ts'
import type { GqlContext } from '../context.ts'

interface EventPayload {
  name: string
  conversationId: string | null
  actor?: { type: string; id: string | null } | null
  agent?: unknown
  message?: unknown
  conversation?: unknown
  typing?: unknown
  read?: unknown
  delivered?: unknown
  presence?: unknown
}

/**
 * A bus hands the same event object to every listener in this process, so what an event's ids
 * point at is loaded once per event and shared by all its subscribers (thousands of widgets may
 * receive one presence change), never once per subscriber.
 */
const loadedForEvent = new WeakMap<ParleyEvent, Map<string, Promise<unknown>>>()

function oncePerEvent<T>(e: ParleyEvent, key: string, load: () => Promise<T>): Promise<T> {
  let loads = loadedForEvent.get(e)
  if (!loads) loadedForEvent.set(e, (loads = new Map()))
  let p = loads.get(key) as Promise<T> | undefined
  if (!p) loads.set(key, (p = load()))
  return p
}

const isMessageEvent = (e: ParleyEvent) => e.name === EVENTS.messageCreated || e.name === EVENTS.messageUpdated

function selfId(viewer: Viewer): string | null {
  return viewer.type === 'agent' ? viewer.agentId : viewer.type === 'visitor' ? viewer.contactId : null
}

/**
 * Loads what an event's ids point at, as this viewer may see it; null hides the event
 * (a note or timeline event for a visitor, one's own typing, another account's data).
 */
async function toPayload(ctx: GqlContext, e: ParleyEvent): Promise<EventPayload | null> {
  const viewer = ctx.viewer
  // Visitors learn that an agent acted, not which one.
  const actor = e.actor ? { type: e.actor.type, id: viewer.type === 'agent' || e.actor.type === 'visitor' ? e.actor.id : null } : null
  const base = { name: e.name, conversationId: e.conversationId, actor }
  if (e.name === EVENTS.agentUpdated) {
    if (viewer.type !== 'agent' || !e.agentId) return null
    const agentId = e.agentId
    return { ...base, conversationId: null, agent: await oncePerEvent(e, 'agent', () => getAgent(ctx.deps, e.accountId, agentId)) }
  }
  if (isMessageEvent(e)) {
    const id = e.messageId
    const message = id ? await oncePerEvent(e, 'message', () => getMessage(ctx.deps, id)) : undefined
    if (!message) return null
    if (viewer.type === 'visitor' && message.kind !== 'text') return null
    return { ...base, message }
  }
  if (e.name === EVENTS.typingStarted || e.name === EVENTS.typingStopped) {
    if (e.actor?.id === selfId(viewer)) return null
    return { ...base, typing: { actorType: e.actor?.type ?? 'system', actorId: e.actor?.id ?? null, isTyping: e.name === EVENTS.typingStarted } }
  }
  if (e.name === EVENTS.conversationRead || e.name === EVENTS.conversationDelivered) {
    if (e.actor?.id === selfId(viewer)) return null
    const position = { conversationId: e.conversationId, readerType: e.actor?.type, readerId: e.actor?.id ?? null, seq: e.seq ?? 0 }
    return e.name === EVENTS.conversationRead ? { ...base, read: position } : { ...base, delivered: position }
  }
  if (e.name === EVENTS.presenceUpdated && e.presence) {
    const { subjectType, subjectId, online } = e.presence
    if (viewer.type === 'visitor' && subjectType !== 'agent') return null
    const status = subjectType === 'agent' ? await oncePerEvent(e, 'status', () => agentPresence(ctx.deps, subjectId)) : online ? 'online' : 'offline'
    const agentsOnline = await oncePerEvent(e, 'agentsOnline', () => agentsAvailable(ctx.deps, e.accountId))
    return {
      name: e.name,
      conversationId: null,
      presence: { subjectType, subjectId: viewer.type === 'agent' ? subjectId : null, status, agentsOnline },
    }
  }
  const conversation = await oncePerEvent(e, 'conversation', () => selectConversation(ctx.deps.db, e.conversationId))
  return conversation ? { ...base, conversation } : null
}

/**
 * Streams bus events that pass `match`, resolved one at a time so order holds. `replay`
 * runs after the listener is attached and before live events flow: events arriving
 * meanwhile are buffered, and a message already replayed is not sent again.
 */
function eventStream(
  ctx: GqlContext,
  match: (e: ParleyEvent) => boolean,
  replay?: (push: (p: EventPayload) => Promise<unknown>, replayed: Set<string>) => Promise<void>,
) {
  return new Repeater<EventPayload>(async (push, stop) => {
    // Ids of replayed messages whose live event may still come (committed while the replay
    // ran). Each can arrive live at most once, so the set only shrinks once the stream is live.
    const replayed = new Set<string>()
    let buffer: ParleyEvent[] | null = replay ? [] : null
    let chain = Promise.resolve()
    const handle = (e: ParleyEvent) => {
      chain = chain.then(async () => {
        if (e.name === EVENTS.messageCreated && e.messageId && replayed.delete(e.messageId)) return
        try {
          const payload = await toPayload(ctx, e)
          if (payload) await push(payload)
        } catch (err) {
          console.error('subscription event failed', e.name, err)
        }
      })
    }
    const unsubscribe = ctx.deps.bus.subscribe((e) => {
      if (!match(e)) return
      if (buffer) buffer.push(e)
      else handle(e)
    })
    try {
      if (replay) {
        await replay(push, replayed)
        const pending = buffer ?? []
        buffer = null
        for (const e of pending) handle(e)
      }
      await stop
    } catch (err) {
      stop(err)
    } finally {
      unsubscribe()
    }
  })
}

const conversationEventsArgs = z.object({ conversationId: z.uuid(), afterSeq: z.number().int().min(0).optional() })

export const subscriptionResolvers = {
  Subscription: {
    conversationEvents: {
      subscribe: async (_: unknown, args: Record<string, unknown>, ctx: GqlContext) => {
        const viewer = requireSignedIn(ctx.viewer)
        const { conversationId, afterSeq } = parse(conversationEventsArgs, { ...args, afterSeq: args.afterSeq ?? undefined })
        const conversation = await loadVisibleConversation(ctx.deps.db, viewer, conversationId)
        const replay =
          afterSeq === undefined
            ? undefined
            : async (push: (p: EventPayload) => Promise<unknown>, replayed: Set<string>) => {
                let after = afterSeq
                for (;;) {
                  const page = await listMessages(ctx.deps, viewer, { conversationId, afterSeq: after, first: 200 })
                  for (const message of page.messages) {
                    replayed.add(message.id)
                    await push({ name: EVENTS.messageCreated, conversationId, message })
                  }
                  const last = page.messages[page.messages.length - 1]
                  if (!page.hasMore || !last) break
                  after = last.seq
                }
              }
        // Presence of the account's agents comes along, so the widget can say whether anyone is there.
        const match = (e: ParleyEvent) =>
          e.conversationId === conversation.id || (e.name === EVENTS.presenceUpdated && e.accountId === conversation.accountId)
        return eventStream(ctx, match, replay)
      },
      resolve: (payload: EventPayload) => payload,
    },
    accountEvents: {
      subscribe: (_: unknown, __: unknown, ctx: GqlContext) => {
        const agent = requireAgent(ctx.viewer)
        return eventStream(ctx, (e) => e.accountId === agent.accountId)
      },
      resolve: (payload: EventPayload) => payload,
    },
  },
}
