/**
 * The raw limit for Parley's socket path: a minimal Bun.serve WebSocket relay. A client
 * connects as `?pair=<n>&role=visitor|agent`; whatever one side sends goes to the other.
 * No parsing, no auth, no database.
 */
import type { ServerWebSocket } from 'bun'
import { serveCommands, settledRss } from './child.ts'

interface Peer {
  pair: string
  role: string
}

const pairs = new Map<string, Map<string, ServerWebSocket<Peer>>>()

const server = Bun.serve<Peer, never>({
  port: 0,
  hostname: '127.0.0.1',
  fetch(req, srv) {
    const url = new URL(req.url)
    const data = { pair: url.searchParams.get('pair') ?? '0', role: url.searchParams.get('role') ?? 'visitor' }
    if (srv.upgrade(req, { data })) return undefined
    return new Response('expected a WebSocket', { status: 400 })
  },
  websocket: {
    open(ws) {
      let peers = pairs.get(ws.data.pair)
      if (!peers) pairs.set(ws.data.pair, (peers = new Map()))
      peers.set(ws.data.role, ws)
    },
    message(ws, msg) {
      const other = ws.data.role === 'visitor' ? 'agent' : 'visitor'
      pairs.get(ws.data.pair)?.get(other)?.send(msg)
    },
    close(ws) {
      pairs.get(ws.data.pair)?.delete(ws.data.role)
    },
  },
})

const { announce } = serveCommands({
  async rss() {
    return { rss: await settledRss() }
  },
  async stop() {
    server.stop(true)
    setTimeout(() => process.exit(0), 50)
    return {}
  },
})

announce({ port: server.port })
