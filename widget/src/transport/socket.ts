import { backoffDelay } from './backoff.ts'

/**
 * A small graphql-transport-ws client (the protocol graphql-ws speaks), written for the
 * widget instead of bundling graphql-ws: it re-subscribes after every reconnect with
 * variables computed *then* (so a conversation resumes from the last sequence number
 * seen, not the one it started with), goes quiet while the browser is offline, and
 * stays a few hundred bytes.
 */

export interface GqlError {
  message: string
  extensions?: { code?: string; field?: string }
}

export interface GqlResult<T = any> {
  data?: T | null
  errors?: GqlError[]
}

export type SocketState = 'idle' | 'connecting' | 'open' | 'offline' | 'closed'

export interface SocketOptions {
  url: string
  /** Read at every connect, so a renewed token is used on the next one. */
  connectionParams: () => Record<string, unknown>
  WebSocketImpl?: typeof WebSocket
  random?: () => number
  /** Ping period; the socket is dropped when no pong comes within the next period. */
  pingMs?: number
  ackTimeoutMs?: number
  onState?: (state: SocketState) => void
  /** The server refused the connection itself (4xxx close code); no reconnect follows. */
  onFatal?: (code: number, reason: string) => void
}

export interface Sink {
  next(result: GqlResult): void
  /** Errors the server sent for this operation; a subscription is not retried after one. */
  error(errors: GqlError[]): void
}

interface Operation {
  id: string
  query: string
  variables: () => Record<string, unknown>
  sink: Sink
  /** Subscriptions survive reconnects; requests end with the socket. */
  live: boolean
  /** The result so far of a request, delivered on complete. */
  onDone?: (error?: Error) => void
}

/** A request could not complete because the connection was lost; its outcome is unknown. */
export class ConnectionLost extends Error {
  constructor() {
    super('connection lost')
  }
}

/** Close codes after which reconnecting cannot help. */
const FATAL = new Set([4400, 4401, 4403, 4406, 4409, 4429])

export function createSocket(opts: SocketOptions) {
  const WS = opts.WebSocketImpl ?? WebSocket
  const pingMs = opts.pingMs ?? 20_000
  const ops = new Map<string, Operation>()
  let ws: WebSocket | undefined
  let state: SocketState = 'idle'
  let attempt = 0
  let nextId = 0
  let retryTimer: ReturnType<typeof setTimeout> | undefined
  let pingTimer: ReturnType<typeof setInterval> | undefined
  let awaitingPong = false
  let wanted = false
  let offline = false

  const setState = (s: SocketState) => {
    if (s === state) return
    state = s
    opts.onState?.(s)
  }
  const send = (msg: unknown) => ws?.readyState === 1 && ws.send(JSON.stringify(msg))
  const startOp = (op: Operation) => send({ id: op.id, type: 'subscribe', payload: { query: op.query, variables: op.variables() } })

  function connect() {
    clearTimeout(retryTimer)
    if (!wanted || offline || ws) return
    setState('connecting')
    const socket = new WS(opts.url, 'graphql-transport-ws')
    ws = socket
    const ackTimer = setTimeout(() => socket.close(4408, 'Connection acknowledgement timeout'), opts.ackTimeoutMs ?? 10_000)
    socket.onopen = () => send({ type: 'connection_init', payload: opts.connectionParams() })
    socket.onmessage = (ev) => {
      let msg: { type: string; id?: string; payload?: any }
      try {
        msg = JSON.parse(String(ev.data))
      } catch {
        return
      }
      if (msg.type === 'connection_ack') {
        clearTimeout(ackTimer)
        attempt = 0
        setState('open')
        pingTimer = setInterval(() => {
          if (awaitingPong) return socket.close(4499, 'No pong')
          awaitingPong = true
          send({ type: 'ping' })
        }, pingMs)
        for (const op of ops.values()) if (op.live) startOp(op)
        return
      }
      if (msg.type === 'ping') return send({ type: 'pong' })
      if (msg.type === 'pong') {
        awaitingPong = false
        return
      }
      const op = msg.id ? ops.get(msg.id) : undefined
      if (!op) return
      if (msg.type === 'next') op.sink.next(msg.payload)
      else if (msg.type === 'error') {
        ops.delete(op.id)
        op.sink.error(msg.payload)
        op.onDone?.()
      } else if (msg.type === 'complete') {
        ops.delete(op.id)
        op.onDone?.()
      }
    }
    socket.onclose = (ev) => {
      clearTimeout(ackTimer)
      clearInterval(pingTimer)
      awaitingPong = false
      if (ws !== socket) return
      ws = undefined
      for (const op of [...ops.values()]) {
        if (op.live) continue
        ops.delete(op.id)
        op.onDone?.(new ConnectionLost())
      }
      if (FATAL.has(ev.code)) {
        wanted = false
        setState('closed')
        opts.onFatal?.(ev.code, ev.reason)
        return
      }
      if (!wanted) return setState('closed')
      if (offline) return setState('offline')
      setState('connecting')
      retryTimer = setTimeout(connect, backoffDelay(attempt++, opts.random))
    }
  }

  function drop() {
    const socket = ws
    ws = undefined
    socket?.close(1000, 'Normal Closure')
    // onclose of a dropped socket is ignored above, so settle its operations here.
    clearInterval(pingTimer)
    awaitingPong = false
    for (const op of [...ops.values()]) {
      if (op.live) continue
      ops.delete(op.id)
      op.onDone?.(new ConnectionLost())
    }
  }

  return {
    get state() {
      return state
    },
    start() {
      wanted = true
      connect()
    },
    /** Closes for good (until start); subscriptions are kept and resume on start. */
    stop() {
      wanted = false
      clearTimeout(retryTimer)
      drop()
      setState('closed')
    },
    /** The browser's online/offline signal: sockets survive a lost network for minutes, so act on it. */
    setOnline(online: boolean) {
      if (online === !offline) return
      offline = !online
      if (offline) {
        clearTimeout(retryTimer)
        drop()
        if (wanted) setState('offline')
      } else {
        attempt = 0
        connect()
      }
    },
    /** Reconnect now (e.g. a tab became visible again), skipping the backoff wait. */
    kick() {
      if (!ws && wanted && !offline) {
        attempt = 0
        connect()
      }
    },
    /** One query or mutation over the socket; rejects with ConnectionLost when not connected or dropped mid-way. */
    request<T = any>(query: string, variables: Record<string, unknown> = {}): Promise<GqlResult<T>> {
      return new Promise((resolve, reject) => {
        if (state !== 'open') return reject(new ConnectionLost())
        let result: GqlResult<T> = {}
        const op: Operation = {
          id: String(++nextId),
          query,
          variables: () => variables,
          live: false,
          sink: { next: (r) => (result = r), error: (errors) => (result = { errors }) },
          onDone: (err) => (err ? reject(err) : resolve(result)),
        }
        ops.set(op.id, op)
        startOp(op)
      })
    },
    /** A subscription kept across reconnects; `variables` is called at every (re)subscribe. */
    subscribe(query: string, variables: () => Record<string, unknown>, sink: Sink): () => void {
      const op: Operation = { id: String(++nextId), query, variables, sink, live: true }
      ops.set(op.id, op)
      if (state === 'open') startOp(op)
      return () => {
        if (ops.delete(op.id)) send({ id: op.id, type: 'complete' })
      }
    },
  }
}

export type Socket = ReturnType<typeof createSocket>
