import { handleProtocols } from 'graphql-ws/use/bun'
import { createApp } from './app.ts'
import type { Deps } from './deps.ts'
import { createPresenceTracker } from './domain/presence/index.ts'
import { selfOrigins, SESSION_COOKIE } from './graphql/context.ts'
import { buildSchema } from './graphql/schema.ts'
import { createGraphQLSocketHandler, type SocketData } from './graphql/ws.ts'

export interface RunningServer {
  url: string
  port: number
  stop(): Promise<void>
}


/** Bun.serve: WebSocket upgrades on /graphql go to graphql-ws, everything else to the Hono app. */
export function startServer(deps: Deps, opts: { port?: number; hostname?: string } = {}): RunningServer {
  const schema = buildSchema()
  const app = createApp(deps, schema)
  const presence = createPresenceTracker(deps)
  const websocket = createGraphQLSocketHandler(deps, schema, presence)
  const server = Bun.serve({
    port: opts.port ?? deps.config.PORT,
    hostname: opts.hostname ?? deps.config.HOST,
    maxRequestBodySize: deps.config.REQUEST_MAX_BYTES * 2,
    fetch(req, srv) {
      const ip = srv.requestIP(req)?.address ?? 'unknown'
      const url = new URL(req.url)
      if (url.pathname === '/graphql' && req.headers.get('upgrade')?.toLowerCase() === 'websocket') {
        if (!handleProtocols(req.headers.get('sec-websocket-protocol') ?? '')) {
          return new Response('expected the graphql-transport-ws subprotocol', { status: 400 })
        }
        const data: SocketData = {
          ip,
          cookieToken: readSessionCookie(req),
          origin: { value: req.headers.get('origin'), self: selfOrigins(deps, req.url) },
        }
        if (srv.upgrade(req, { data: data as never })) return undefined
        return new Response('WebSocket upgrade failed', { status: 500 })
      }
      return app.fetch(req, { ip })
    },
    websocket,
  })
  const port = server.port ?? 0
  const host = opts.hostname === '0.0.0.0' || !opts.hostname ? 'localhost' : opts.hostname
  return {
    url: `http://${host}:${port}`,
    port,
    stop: async () => {
      await server.stop(true)
      await presence.stop()
    },
  }
}

function readSessionCookie(req: Request): string | undefined {
  const header = req.headers.get('cookie')
  if (!header) return undefined
  const m = new RegExp(`(?:^|;\\s*)${SESSION_COOKIE}=([^;]+)`).exec(header)
  return m?.[1] ? decodeURIComponent(m[1]) : undefined
}
