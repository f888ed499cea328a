import { backoffDelay } from '../transport/backoff.ts'
import { ConnectionLost, createSocket, type GqlError, type SocketState } from '../transport/socket.ts'
import { ACK, CONTACT, CONTEXT, EVENTS, httpGql, MARK_READ, MESSAGES, SEND, START_CONVERSATION, TYPING, type ChatMessage, type Identity, type VisitorContext, type WidgetSettings } from './api.ts'
// The API's own rule, so a tab left open follows the clock exactly as the server would.
import { withinBusinessHours } from '../../../api/src/domain/inbox/business-hours.ts'
import { createOutbox, newClientMessageId, type OutboxEntry } from './outbox.ts'
import { latestConversation, startSession, visitorConversations } from './session.ts'
import { namespaced, storagePrefix, type KeyValue } from './store.ts'
import { insertMessage, type FailedEntry } from './timeline.ts'
import { createTypingSignal } from './typing.ts'

export interface ChatOptions {
  /** Origin of the Parley API, e.g. https://chat.example.com */
  base: string
  websiteToken: string
  storage: KeyValue
  WebSocketImpl?: typeof WebSocket
  fetchImpl?: typeof fetch
  random?: () => number
  pingMs?: number
  /** Where the visitor is (page URL, title…), sent with every session start. */
  context?: () => VisitorContext
  /** How long delivery acknowledgements are gathered before one is sent. */
  ackDelayMs?: number
  /** How often business hours are re-evaluated against the clock (default a minute). */
  hoursCheckMs?: number
  /** Without a conversation (no presence events yet), how old availability may be when the panel opens. */
  availabilityTtlMs?: number
}

export interface ChatState {
  /** `failed`: the widget cannot work here (unknown website token, origin refused). */
  phase: 'booting' | 'ready' | 'failed'
  connection: SocketState
  inboxName: string
  settings?: WidgetSettings
  conversationId?: string
  messages: ChatMessage[]
  pending: OutboxEntry[]
  failed: FailedEntry[]
  readSeqOfOtherSide: number
  /** The agents' delivery position: their client received every message up to here. */
  deliveredSeqOfOtherSide: number
  /** Whether an agent is available now (live, from presence events). */
  agentsOnline: boolean
  /** Whether now is inside the inbox's business hours (true when they are off). */
  withinBusinessHours: boolean
  /** The visitor's own read position, for the unread badge. */
  readSeq: number
  unread: number
  agentTyping: boolean
  /** Earlier messages exist on the server that are not shown (history is paged back on demand). */
  hasOlder: boolean
  identityVerified: boolean
  /** Shown to the visitor: e.g. identity verification refused. */
  notice?: string
  error?: string
  preChatDone: boolean
}

export type ChatEvent = 'message' | 'unread' | 'ready' | 'error' | 'identified'

interface SavedSession {
  token: string
  contactId: string
  conversationId?: string
}

const HISTORY_LIMIT = 100
const AGENT_TYPING_TTL_MS = 8000
/** Everything kept about the visitor, cleared by shutdown(). */
const VISITOR_KEYS = ['session', 'outbox', 'history', 'streamSeq', 'readSeq', 'readOther', 'deliveredOther', 'preChatDone']
/** What belongs to one conversation, cleared when the visitor becomes another contact. */
const CONVERSATION_KEYS = ['streamSeq', 'history', 'readSeq', 'readOther', 'deliveredOther']

/**
 * One visitor's conversation, independent of any UI: boots a session over HTTP, keeps one
 * socket, resumes the event stream from the last sequence number received through it,
 * and drains a persistent outbox strictly in order.
 */
export function createChat(opts: ChatOptions) {
  const store = namespaced(opts.storage, storagePrefix(opts.websiteToken))
  const outbox = createOutbox(store)
  const endpoint = opts.base.replace(/\/$/, '') + '/graphql'
  const listeners = new Set<(s: ChatState) => void>()
  const handlers = new Map<ChatEvent, Set<(data?: unknown) => void>>()

  let session = store.get<SavedSession>('session')
  /** Highest seq received through the ordered event stream: the resume point. */
  let streamSeq = store.get<number>('streamSeq') ?? 0
  let state: ChatState = {
    phase: 'booting',
    connection: 'idle',
    inboxName: '',
    settings: store.get<WidgetSettings>('settings'),
    conversationId: session?.conversationId,
    messages: store.get<ChatMessage[]>('history') ?? [],
    pending: outbox.entries(),
    failed: [],
    readSeqOfOtherSide: store.get<number>('readOther') ?? 0,
    deliveredSeqOfOtherSide: store.get<number>('deliveredOther') ?? 0,
    // Until the session says otherwise: no "away" flash while booting.
    agentsOnline: true,
    withinBusinessHours: true,
    readSeq: store.get<number>('readSeq') ?? 0,
    unread: 0,
    agentTyping: false,
    hasOlder: false,
    identityVerified: false,
    preChatDone: store.get<boolean>('preChatDone') ?? false,
  }
  state.unread = countUnread(state.messages, state.readSeq)
  // The cache keeps the latest messages only; anything before its first one can be paged in.
  state.hasOlder = (state.messages[0]?.seq ?? 1) > 1

  let visible = false
  let flushing = false
  let stopped = false
  let unsubscribe: (() => void) | undefined
  let bootAttempt = 0
  let bootTimer: ReturnType<typeof setTimeout> | undefined
  /** The boot in flight, so identify() called during start-up waits for it instead of racing it. */
  let booting: Promise<void> = Promise.resolve()
  let identity: Identity | undefined
  let agentTypingTimer: ReturnType<typeof setTimeout> | undefined
  /** Highest agent message received, and the highest acknowledged to the API. */
  let receivedSeq = 0
  let ackedSeq = 0
  let ackTimer: ReturnType<typeof setTimeout> | undefined
  /** Re-evaluates business hours as the clock moves, for a tab left open. */
  let hoursTimer: ReturnType<typeof setInterval> | undefined
  /** When agentsOnline was last learned from a session start. */
  let availabilityAt = 0
  /** Contact details given before the session was ready. */
  let pendingContact: { name?: string; email?: string } | undefined

  const socket = createSocket({
    url: endpoint.replace(/^http/, 'ws'),
    connectionParams: () => (session ? { authorization: `Bearer ${session.token}` } : {}),
    WebSocketImpl: opts.WebSocketImpl,
    random: opts.random,
    pingMs: opts.pingMs,
    onState: (connection) => {
      update({ connection })
      if (connection === 'open') {
        void flush()
        if (visible) markRead()
        scheduleAck()
        // Read and delivery positions that moved while the socket was down are not replayed.
        void refreshPositions()
      }
    },
    // 4403: the socket's Origin is not in the inbox's allowed domains (the close reason is short, so name it here).
    onFatal: (code, reason) =>
      fail(`${reason || 'connection refused'} (${code})${code === 4403 && typeof location !== 'undefined' ? `: ${location.origin}` : ''}`),
  })

  function emit(event: ChatEvent, data?: unknown) {
    for (const fn of handlers.get(event) ?? []) {
      try {
        fn(data)
      } catch (err) {
        console.error('[Parley] listener failed', err)
      }
    }
  }

  function update(patch: Partial<ChatState>) {
    const before = state.unread
    state = { ...state, ...patch }
    if (patch.messages || patch.readSeq !== undefined) state.unread = countUnread(state.messages, state.readSeq)
    for (const fn of listeners) fn(state)
    if (state.unread !== before) emit('unread', state.unread)
  }

  function fail(error: string) {
    console.warn(`[Parley] ${error}`)
    update({ phase: 'failed', error })
    emit('error', { message: error })
  }

  function saveSession(next: SavedSession | undefined) {
    session = next
    if (next) store.set('session', next)
    else store.remove('session')
  }

  function forgetConversation() {
    unsubscribe?.()
    unsubscribe = undefined
    streamSeq = 0
    for (const k of CONVERSATION_KEYS) store.remove(k)
    if (session) saveSession({ ...session, conversationId: undefined })
    receivedSeq = ackedSeq = 0
    update({ conversationId: undefined, messages: [], hasOlder: false, readSeq: 0, readSeqOfOtherSide: 0, deliveredSeqOfOtherSide: 0 })
  }

  /** Moves the agents' read or delivery position forward (never back). */
  function otherSide(kind: 'read' | 'delivered', seq: number) {
    const key = kind === 'read' ? 'readSeqOfOtherSide' : 'deliveredSeqOfOtherSide'
    if (seq <= state[key]) return
    store.set(kind === 'read' ? 'readOther' : 'deliveredOther', seq)
    update({ [key]: seq })
  }

  async function refreshPositions() {
    const id = state.conversationId
    if (!session || !id) return
    const c = (await visitorConversations(endpoint, session.token, opts.fetchImpl))?.find((x) => x.id === id)
    if (!c || id !== state.conversationId) return
    otherSide('read', c.readSeqOfOtherSide)
    otherSide('delivered', c.deliveredSeqOfOtherSide)
  }

  /** Tells the API, at most once per ackDelayMs, the highest agent message this client has received. */
  function scheduleAck() {
    if (ackTimer || receivedSeq <= ackedSeq) return
    ackTimer = setTimeout(() => {
      ackTimer = undefined
      const id = state.conversationId
      const seq = receivedSeq
      if (!id || seq <= ackedSeq || socket.state !== 'open') return
      ackedSeq = seq
      socket.request(ACK, { i: { conversationId: id, seq } }).then(
        (r) => r.errors && (ackedSeq = Math.min(ackedSeq, seq - 1)),
        () => (ackedSeq = Math.min(ackedSeq, seq - 1)),
      )
    }, opts.ackDelayMs ?? 500)
  }

  function accept(m: ChatMessage, live: boolean) {
    if (m.senderType !== 'VISITOR' && m.seq > receivedSeq) {
      receivedSeq = m.seq
      scheduleAck()
    }
    const messages = insertMessage(state.messages, m)
    if (m.clientMessageId) outbox.remove(m.clientMessageId)
    if (messages === state.messages) {
      if (m.clientMessageId && state.pending.some((p) => p.clientMessageId === m.clientMessageId)) update({ pending: outbox.entries() })
      return
    }
    store.set('history', messages.slice(-HISTORY_LIMIT))
    const patch: Partial<ChatState> = { messages, pending: outbox.entries() }
    if (m.senderType !== 'VISITOR') patch.agentTyping = false
    if (visible && m.senderType !== 'VISITOR') patch.readSeq = Math.max(state.readSeq, m.seq)
    update(patch)
    if (live && m.senderType !== 'VISITOR') {
      emit('message', { body: m.body, senderName: m.senderName, seq: m.seq })
      if (visible) markRead()
    }
  }

  function subscribeConversation() {
    unsubscribe?.()
    const conversationId = state.conversationId
    if (!conversationId) return
    unsubscribe = socket.subscribe(EVENTS, () => ({ id: conversationId, after: streamSeq }), {
      next: (r) => {
        if (r.errors?.length) return onStreamError(r.errors)
        const e = r.data?.conversationEvents
        if (!e || conversationId !== state.conversationId) return
        if (e.message) {
          // The stream is ordered, so its highest seq is a safe resume point; a send
          // response is not (an agent reply with a lower seq may still be on its way).
          if (e.message.seq > streamSeq) {
            streamSeq = e.message.seq
            store.set('streamSeq', streamSeq)
          }
          accept(e.message, true)
        } else if (e.typing && e.typing.actorType !== 'VISITOR') {
          clearTimeout(agentTypingTimer)
          if (e.typing.isTyping) agentTypingTimer = setTimeout(() => update({ agentTyping: false }), AGENT_TYPING_TTL_MS)
          update({ agentTyping: e.typing.isTyping })
        } else if (e.read && e.read.readerType !== 'VISITOR') {
          otherSide('read', e.read.seq)
        } else if (e.delivered && e.delivered.readerType !== 'VISITOR') {
          otherSide('delivered', e.delivered.seq)
        } else if (e.presence) {
          update({ agentsOnline: e.presence.agentsOnline })
        }
      },
      error: onStreamError,
    })
  }

  function onStreamError(errors: GqlError[]) {
    const code = errors[0]?.extensions?.code
    unsubscribe = undefined
    if (code === 'UNAUTHENTICATED') return void restartSession()
    // The conversation is not ours any more (another contact after identify, or deleted).
    console.warn('[Parley] conversation stream refused:', errors[0]?.message)
    forgetConversation()
    void discoverConversation()
  }

  async function discoverConversation() {
    if (!session) return
    const latest = await latestConversation(endpoint, session.token, opts.fetchImpl)
    if (!latest || state.conversationId || !session) return
    saveSession({ ...session, conversationId: latest.id })
    update({ conversationId: latest.id })
    otherSide('read', latest.readSeqOfOtherSide)
    otherSide('delivered', latest.deliveredSeqOfOtherSide)
    // A long conversation on a new device: show the latest page and resume the stream after
    // it, instead of replaying everything from the first message.
    const page = await fetchPage(latest.id)
    if (page && state.conversationId === latest.id) {
      for (const m of page.nodes) accept(m, false)
      const last = page.nodes[page.nodes.length - 1]
      if (last && last.seq > streamSeq) {
        streamSeq = last.seq
        store.set('streamSeq', streamSeq)
      }
      // Replies the visitor has never seen still count as unread on this device.
      update({ hasOlder: page.hasMore })
    }
    subscribeConversation()
  }

  async function fetchPage(conversationId: string, before?: number): Promise<{ nodes: ChatMessage[]; hasMore: boolean } | undefined> {
    if (!session) return
    const r = await httpGql(endpoint, MESSAGES, { id: conversationId, before }, session.token, opts.fetchImpl).catch(() => undefined)
    return r?.data?.messages
  }

  /** startVisitorSession, retried with backoff while the network is down. */
  async function boot(): Promise<void> {
    clearTimeout(bootTimer)
    if (stopped) return
    const outcome = await startSession(endpoint, { websiteToken: opts.websiteToken, visitorToken: session?.token, identity, context: opts.context?.() }, opts.fetchImpl)
    if (!outcome.ok) {
      switch (outcome.reason) {
        case 'network':
          if (bootAttempt === 0) console.warn(`[Parley] cannot reach ${opts.base} (${outcome.message}); retrying`)
          bootTimer = setTimeout(boot, backoffDelay(bootAttempt++, opts.random))
          return
        case 'identity':
          // Refused visibly, and the visitor carries on anonymously.
          identity = undefined
          update({ notice: `We could not verify who you are, so you are chatting as a guest. (${outcome.message})` })
          emit('error', { code: outcome.code, message: outcome.message })
          return boot()
        case 'stale-token':
          saveSession(undefined)
          forgetConversation()
          return boot()
        case 'refused':
          return fail(outcome.message)
      }
    }
    bootAttempt = 0
    const s = outcome.session
    const sameContact = session?.contactId === s.contactId
    if (session && !sameContact) forgetConversation()
    saveSession({ token: s.token, contactId: s.contactId, conversationId: sameContact ? session?.conversationId : undefined })
    store.set('settings', s.widget)
    update({
      phase: 'ready',
      inboxName: s.inboxName,
      settings: s.widget,
      identityVerified: s.identityVerified,
      agentsOnline: s.agentsOnline,
      withinBusinessHours: s.withinBusinessHours,
      error: undefined,
    })
    if (pendingContact) void saveContact(pendingContact)
    availabilityAt = Date.now()
    clearInterval(hoursTimer)
    if (s.widget.businessHours?.enabled) {
      hoursTimer = setInterval(() => {
        const within = withinBusinessHours(state.settings?.businessHours)
        if (within !== state.withinBusinessHours) update({ withinBusinessHours: within })
      }, opts.hoursCheckMs ?? 60_000)
    }
    emit('ready')
    if (identity) emit('identified', { verified: s.identityVerified })
    if (state.conversationId) subscribeConversation()
    else await discoverConversation()
    socket.start()
    void flush()
  }

  async function restartSession() {
    await booting
    socket.stop()
    booting = boot()
    await booting
  }

  /** Sends the outbox one message at a time, oldest first, so the server stores them in the order written. */
  async function flush(): Promise<void> {
    if (flushing || socket.state !== 'open' || !session) return
    flushing = true
    try {
      for (;;) {
        const entry = outbox.entries()[0]
        if (!entry || socket.state !== 'open') break
        if (!state.conversationId) {
          const r = await socket.request(START_CONVERSATION)
          const c = r.data?.startConversation
          if (!c) throw new Error(r.errors?.[0]?.message ?? 'could not start a conversation')
          saveSession({ ...session!, conversationId: c.id })
          update({ conversationId: c.id })
          subscribeConversation()
        }
        const r = await socket.request(SEND, { i: { conversationId: state.conversationId, clientMessageId: entry.clientMessageId, body: entry.body } })
        const message = r.data?.sendMessage?.message as ChatMessage | undefined
        if (message) {
          accept(message, false)
          continue
        }
        if (r.errors?.[0]?.extensions?.code === 'UNAUTHENTICATED') {
          // The visitor token expired mid-visit: renew it; the entry stays and goes out after.
          void restartSession()
          break
        }
        // The server answered and said no (too long, conversation closed…): retrying will not help.
        outbox.remove(entry.clientMessageId)
        update({ pending: outbox.entries(), failed: [...state.failed, { ...entry, error: r.errors?.[0]?.message ?? 'not sent' }] })
      }
    } catch (err) {
      // A lost connection leaves the entry in the outbox; the next 'open' sends it again, same id.
      if (!(err instanceof ConnectionLost)) console.error('[Parley] send failed', err)
    } finally {
      flushing = false
    }
  }

  function markRead() {
    const last = state.messages[state.messages.length - 1]
    if (!last || !state.conversationId) return
    if (last.seq > state.readSeq) {
      store.set('readSeq', last.seq)
      update({ readSeq: last.seq })
    }
    if (socket.state === 'open') socket.request(MARK_READ, { i: { conversationId: state.conversationId, seq: last.seq } }).catch(() => {})
  }

  /**
   * Presence events come with a conversation's stream; before the first message the panel
   * re-asks on open (at most every 30 s) whether anyone is there.
   */
  async function refreshAvailability() {
    if (!session || state.conversationId || state.phase !== 'ready' || Date.now() - availabilityAt < (opts.availabilityTtlMs ?? 30_000)) return
    availabilityAt = Date.now()
    const outcome = await startSession(endpoint, { websiteToken: opts.websiteToken, visitorToken: session.token, context: opts.context?.() }, opts.fetchImpl)
    if (!outcome.ok || !session || outcome.session.contactId !== session.contactId) return
    saveSession({ ...session, token: outcome.session.token })
    update({ agentsOnline: outcome.session.agentsOnline, withinBusinessHours: outcome.session.withinBusinessHours })
  }

  async function saveContact(details: { name?: string; email?: string }) {
    if (!session) return void (pendingContact = details)
    pendingContact = undefined
    const r = await httpGql(endpoint, CONTACT, { i: details }, session.token, opts.fetchImpl).catch(() => undefined)
    // Not stored (offline…): tried again with the next session start.
    if (!r?.data?.updateVisitorContact) pendingContact ??= details
  }

  const typing = createTypingSignal((isTyping) => {
    if (socket.state !== 'open' || !state.conversationId) return
    socket.request(TYPING, { i: { conversationId: state.conversationId, isTyping } }).catch(() => {})
  })

  const onStorage = (e: StorageEvent) => {
    // Another tab of this site changed the outbox or started a conversation: keep in step.
    if (e.key === store.key('outbox')) update({ pending: outbox.entries() })
    if (e.key === store.key('readSeq')) update({ readSeq: Math.max(state.readSeq, store.get<number>('readSeq') ?? 0) })
    if (e.key === store.key('session') && !state.conversationId) {
      const next = store.get<SavedSession>('session')
      if (next?.conversationId && next.contactId === session?.contactId) {
        session = next
        update({ conversationId: next.conversationId })
        subscribeConversation()
      }
    }
  }
  const onOnline = () => socket.setOnline(true)
  const onOffline = () => socket.setOnline(false)

  return {
    get state() {
      return state
    },
    subscribe(fn: (s: ChatState) => void) {
      listeners.add(fn)
      return () => void listeners.delete(fn)
    },
    on(event: ChatEvent, fn: (data?: unknown) => void) {
      if (!handlers.has(event)) handlers.set(event, new Set())
      handlers.get(event)!.add(fn)
      return () => void handlers.get(event)?.delete(fn)
    },
    start() {
      stopped = false
      if (typeof window !== 'undefined' && window.addEventListener) {
        window.addEventListener('storage', onStorage)
        window.addEventListener('online', onOnline)
        window.addEventListener('offline', onOffline)
        if (navigator.onLine === false) socket.setOnline(false)
      }
      booting = boot()
      return booting
    },
    /** Queues a message; it is shown at once as "sending" and survives reloads until stored. */
    send(body: string) {
      const text = body.trim()
      if (!text) return
      outbox.add({ clientMessageId: newClientMessageId(), body: text, at: Date.now() })
      update({ pending: outbox.entries() })
      typing.stop()
      void flush()
    },
    /** Pages in the messages before the first one shown. */
    async loadOlder() {
      const first = state.messages[0]
      const id = state.conversationId
      if (!first || !id) return update({ hasOlder: false })
      const page = await fetchPage(id, first.seq)
      if (!page || id !== state.conversationId) return
      let messages = state.messages
      for (const m of page.nodes) messages = insertMessage(messages, m)
      update({ messages, hasOlder: page.hasMore })
    },
    /** Puts a failed message back in the outbox. */
    retry(clientMessageId: string) {
      const entry = state.failed.find((f) => f.clientMessageId === clientMessageId)
      if (!entry) return
      outbox.add({ clientMessageId: newClientMessageId(), body: entry.body, at: Date.now() })
      update({ failed: state.failed.filter((f) => f !== entry), pending: outbox.entries() })
      void flush()
    },
    /** The visitor is typing: tells agents at most every few seconds, and stops after a pause. */
    typing: () => typing.keystroke(),
    /** The conversation is on screen: what is shown counts as read. */
    setVisible(v: boolean) {
      visible = v
      if (v) {
        markRead()
        socket.kick()
        void refreshAvailability()
      }
    },
    identify(next: Identity) {
      identity = next
      // The host page knows the visitor's email: no need to ask for it.
      if (next.email) {
        store.set('preChatDone', true)
        update({ preChatDone: true })
      }
      return restartSession()
    },
    /** Pre-chat form and "email me" card: name and email kept (unverified) on the visitor's contact. */
    savePreChat(details: { name?: string; email?: string }) {
      store.set('preChatDone', true)
      update({ preChatDone: true })
      return saveContact(details)
    },
    /** The visitor moved to another page: agents see where they are. */
    async updateContext(context: VisitorContext) {
      if (!session) return
      await httpGql(endpoint, CONTEXT, { i: context }, session.token, opts.fetchImpl).catch(() => undefined)
    },
    /** Logout: forgets the visitor, its conversation and unsent messages on this device. */
    shutdown() {
      stopped = true
      clearTimeout(bootTimer)
      clearTimeout(ackTimer)
      clearInterval(hoursTimer)
      ackTimer = undefined
      pendingContact = undefined
      socket.stop()
      unsubscribe?.()
      unsubscribe = undefined
      identity = undefined
      if (typeof window !== 'undefined' && window.removeEventListener) {
        window.removeEventListener('storage', onStorage)
        window.removeEventListener('online', onOnline)
        window.removeEventListener('offline', onOffline)
      }
      typing.stop()
      for (const k of VISITOR_KEYS) store.remove(k)
      session = undefined
      streamSeq = 0
      update({ phase: 'booting', conversationId: undefined, messages: [], hasOlder: false, pending: [], failed: [], readSeq: 0, readSeqOfOtherSide: 0, deliveredSeqOfOtherSide: 0, notice: undefined, preChatDone: false })
    },
    /** Test hooks: the socket, to simulate drops. */
    socket,
  }
}

export type Chat = ReturnType<typeof createChat>

function countUnread(messages: ChatMessage[], readSeq: number): number {
  return messages.filter((m) => m.senderType !== 'VISITOR' && m.seq > readSeq).length
}
