import { afterEach, expect, test } from 'bun:test'
import { ConnectionLost, createSocket, type SocketState } from './socket.ts'

/** A scripted server end: records what the client sends and lets the test answer. */
class FakeWebSocket {
  static all: FakeWebSocket[] = []
  readyState = 0
  sent: any[] = []
  onopen?: () => void
  onmessage?: (ev: { data: string }) => void
  onclose?: (ev: { code: number; reason: string }) => void
  constructor(
    public url: string,
    public protocol: string,
  ) {
    FakeWebSocket.all.push(this)
  }
  send(data: string) {
    this.sent.push(JSON.parse(data))
  }
  close(code = 1000, reason = '') {
    if (this.readyState === 3) return
    this.readyState = 3
    queueMicrotask(() => this.onclose?.({ code, reason }))
  }
  // server side
  open() {
    this.readyState = 1
    this.onopen?.()
  }
  reply(msg: unknown) {
    this.onmessage?.({ data: JSON.stringify(msg) })
  }
  ack() {
    this.open()
    this.reply({ type: 'connection_ack' })
  }
  drop(code = 1006) {
    this.readyState = 3
    this.onclose?.({ code, reason: '' })
  }
  subscribes() {
    return this.sent.filter((m) => m.type === 'subscribe')
  }
}

const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms))
const latest = () => FakeWebSocket.all[FakeWebSocket.all.length - 1]!

function socket(extra: Partial<Parameters<typeof createSocket>[0]> = {}) {
  const states: SocketState[] = []
  const s = createSocket({
    url: 'ws://test/graphql',
    connectionParams: () => ({ authorization: 'Bearer t' }),
    WebSocketImpl: FakeWebSocket as unknown as typeof WebSocket,
    random: () => 0,
    onState: (st) => states.push(st),
    ...extra,
  })
  return { s, states }
}

afterEach(() => {
  FakeWebSocket.all = []
})

test('speaks graphql-transport-ws: subprotocol, connection_init with the token, subscribe after ack', async () => {
  const { s } = socket()
  s.subscribe('subscription { x }', () => ({ after: 0 }), { next() {}, error() {} })
  s.start()
  const ws = latest()
  expect(ws.protocol).toBe('graphql-transport-ws')
  ws.open()
  expect(ws.sent).toEqual([{ type: 'connection_init', payload: { authorization: 'Bearer t' } }])
  ws.reply({ type: 'connection_ack' })
  expect(ws.subscribes()).toEqual([{ id: '1', type: 'subscribe', payload: { query: 'subscription { x }', variables: { after: 0 } } }])
  ws.reply({ type: 'ping' })
  expect(ws.sent.at(-1)).toEqual({ type: 'pong' })
  s.stop()
})

test('after a drop it reconnects with backoff and re-subscribes with variables computed then (the resume point)', async () => {
  const { s, states } = socket()
  let after = 0
  const seen: unknown[] = []
  s.subscribe('subscription { x }', () => ({ after }), { next: (r) => seen.push(r.data), error() {} })
  s.start()
  latest().ack()
  latest().reply({ id: '1', type: 'next', payload: { data: { seq: 1 } } })
  after = 1
  latest().drop()
  expect(states.at(-1)).toBe('connecting')
  expect(FakeWebSocket.all).toHaveLength(1)
  await tick(300) // first backoff step with random() = 0 is 250 ms
  expect(FakeWebSocket.all).toHaveLength(2)
  latest().ack()
  expect(latest().subscribes()[0].payload.variables).toEqual({ after: 1 })
  expect(seen).toEqual([{ seq: 1 }])
  s.stop()
})

test('a request in flight when the connection drops rejects with ConnectionLost; requests while down fail fast', async () => {
  const { s } = socket()
  s.start()
  latest().ack()
  const pending = s.request('mutation { send }')
  latest().drop()
  await expect(pending).rejects.toBeInstanceOf(ConnectionLost)
  await expect(s.request('mutation { again }')).rejects.toBeInstanceOf(ConnectionLost)
  s.stop()
})

test('a request resolves with its result on complete, and with the errors on error', async () => {
  const { s } = socket()
  s.start()
  latest().ack()
  const ok = s.request('query { a }')
  const bad = s.request('query { b }')
  const [first, second] = latest().subscribes()
  latest().reply({ id: first.id, type: 'next', payload: { data: { a: 1 } } })
  latest().reply({ id: first.id, type: 'complete' })
  latest().reply({ id: second.id, type: 'error', payload: [{ message: 'nope', extensions: { code: 'FORBIDDEN' } }] })
  expect(await ok).toEqual({ data: { a: 1 } })
  expect(await bad).toEqual({ errors: [{ message: 'nope', extensions: { code: 'FORBIDDEN' } }] })
  s.stop()
})

test('offline closes the socket and waits; online reconnects at once', async () => {
  const { s, states } = socket()
  s.start()
  latest().ack()
  s.setOnline(false)
  expect(states.at(-1)).toBe('offline')
  await tick(400)
  expect(FakeWebSocket.all).toHaveLength(1)
  s.setOnline(true)
  expect(FakeWebSocket.all).toHaveLength(2)
  s.stop()
})

test('a 4403 close is final: no reconnect, onFatal is told', async () => {
  const fatal: number[] = []
  const { s } = socket({ onFatal: (code) => fatal.push(code) })
  s.start()
  latest().open()
  latest().drop(4403)
  await tick(400)
  expect(fatal).toEqual([4403])
  expect(FakeWebSocket.all).toHaveLength(1)
  expect(s.state).toBe('closed')
})

test('a missing pong drops the connection so a dead socket is noticed', async () => {
  const { s } = socket({ pingMs: 20 })
  s.start()
  latest().ack()
  const first = latest()
  for (let i = 0; i < 100 && first.readyState !== 3; i++) await tick(20)
  expect(first.sent.filter((m) => m.type === 'ping')).toHaveLength(1)
  expect(first.readyState).toBe(3)
  s.stop()
})
