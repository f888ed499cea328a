/**
 * A minimal graphql-transport-ws client for the benchmark: thousands of them share the
 * bench process, so each is one WebSocket, one map and no retry machinery.
 */

export interface GqlPayload {
  data?: Record<string, any> | null
  errors?: { message: string; extensions?: Record<string, unknown> }[]
}

interface Operation {
  next(payload: GqlPayload): void
  error(errors: GqlPayload['errors']): void
  complete(): void
}

export class GqlSocket {
  private ws: WebSocket
  private nextId = 1
  private ops = new Map<string, Operation>()
  readonly ready: Promise<void>
  closed = false

  constructor(url: string, token?: string) {
    this.ws = new WebSocket(url, 'graphql-transport-ws')
    this.ready = new Promise((resolve, reject) => {
      this.ws.onopen = () => this.send({ type: 'connection_init', payload: token ? { authorization: `Bearer ${token}` } : {} })
      this.ws.onmessage = (ev) => {
        const msg = JSON.parse(ev.data as string) as { type: string; id?: string; payload?: any }
        if (msg.type === 'connection_ack') return resolve()
        if (msg.type === 'ping') return this.send({ type: 'pong' })
        const op = msg.id ? this.ops.get(msg.id) : undefined
        if (!op) return
        if (msg.type === 'next') op.next(msg.payload as GqlPayload)
        else if (msg.type === 'error') {
          this.ops.delete(msg.id!)
          op.error(msg.payload)
        } else if (msg.type === 'complete') {
          this.ops.delete(msg.id!)
          op.complete()
        }
      }
      this.ws.onclose = (ev) => {
        const deliberate = this.closed
        this.closed = true
        reject(new Error(`socket closed: ${ev.code} ${ev.reason}`))
        if (deliberate) return this.ops.clear()
        const reason = `socket closed: ${ev.code} ${ev.reason}`
        for (const op of this.ops.values()) op.error([{ message: reason }])
        this.ops.clear()
      }
    })
    this.ready.catch(() => {})
  }

  private send(msg: Record<string, unknown>) {
    this.ws.send(JSON.stringify(msg))
  }

  /** A query or mutation over the socket: resolves with its one result. */
  request(query: string, variables?: Record<string, unknown>): Promise<GqlPayload> {
    return new Promise((resolve) => {
      let result: GqlPayload = {}
      this.start(query, variables, {
        next: (p) => (result = p),
        error: (errors) => resolve({ errors }),
        complete: () => resolve(result),
      })
    })
  }

  subscribe(query: string, variables: Record<string, unknown>, onNext: (p: GqlPayload) => void, onError: (e: GqlPayload['errors']) => void) {
    this.start(query, variables, { next: onNext, error: onError, complete: () => {} })
  }

  private start(query: string, variables: Record<string, unknown> | undefined, op: Operation) {
    if (this.closed) return op.error([{ message: 'socket closed' }])
    const id = String(this.nextId++)
    this.ops.set(id, op)
    this.send({ type: 'subscribe', id, payload: { query, variables } })
  }

  close() {
    if (!this.closed) this.ws.close(1000)
    this.closed = true
  }
}
