import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { getCookie } from 'hono/cookie'
import { serialize } from 'hono/utils/cookie'
import type { GraphQLSchema } from 'graphql'
import type { Deps } from './deps.ts'
import { AppError } from './errors.ts'
import { SESSION_COOKIE } from './graphql/context.ts'
import { createGraphQLHttp } from './graphql/yoga.ts'
import { mountConsole } from './http/console-routes.ts'
import { mountHealth } from './http/health.ts'
import { mountWidget } from './http/widget-routes.ts'

export interface AppEnv {
  Bindings: { ip: string }
}

/** Everything that is not a WebSocket upgrade: health, GraphQL over HTTP, static files. */
export function createApp(deps: Deps, schema: GraphQLSchema) {
  const app = new Hono<AppEnv>()
  const yoga = createGraphQLHttp(deps, schema)
  const secureCookies = (deps.config.PUBLIC_URL ?? '').startsWith('https://')

  app.use(
    '*',
    bodyLimit({
      maxSize: deps.config.REQUEST_MAX_BYTES,
      onError: () => {
        throw new AppError('PAYLOAD_TOO_LARGE', `request body: at most ${deps.config.REQUEST_MAX_BYTES} bytes`)
      },
    }),
  )

  mountHealth(app, deps)

  app.on(['GET', 'POST', 'OPTIONS'], '/graphql', async (c) => {
    const cookies: string[] = []
    const cookie = (value: string, maxAge: number) =>
      serialize(SESSION_COOKIE, value, { httpOnly: true, sameSite: 'Lax', path: '/', secure: secureCookies, maxAge })
    const res = await yoga.fetch(c.req.raw, {
      ip: c.env?.ip ?? 'unknown',
      cookieToken: getCookie(c, SESSION_COOKIE),
      setCookie: (token, expiresAt) => cookies.push(cookie(token, Math.floor((expiresAt.getTime() - Date.now()) / 1000))),
      clearCookie: () => cookies.push(cookie('', 0)),
    })
    if (cookies.length === 0) return res
    const headers = new Headers(res.headers)
    for (const c of cookies) headers.append('set-cookie', c)
    return new Response(res.body, { status: res.status, statusText: res.statusText, headers })
  })

  mountWidget(app, deps)
  mountConsole(app, deps)

  app.notFound((c) => c.json({ error: { code: 'NOT_FOUND', message: `no route for ${c.req.method} ${c.req.path}` } }, 404))
  app.onError((err, c) => {
    if (err instanceof AppError) return c.json({ error: { code: err.code, message: err.message } }, err.status as 400)
    console.error('unhandled', err)
    return c.json({ error: { code: 'INTERNAL_SERVER_ERROR', message: 'Unexpected error.' } }, 500)
  })
  return app
}
