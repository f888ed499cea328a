import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth'
import { createYoga, type YogaInitialContext } from 'graphql-yoga'
import type { GraphQLSchema } from 'graphql'
import type { Deps } from '../deps.ts'
import { bearerToken, makeMemo, selfOrigins, SESSION_COOKIE, viewerFromToken, type GqlContext } from './context.ts'
import { toGraphQLError } from './errors.ts'

export interface HttpServerContext {
  ip: string
  setCookie: (token: string, expiresAt: Date) => void
  clearCookie: () => void
  cookieToken?: string
}

export function createGraphQLHttp(deps: Deps, schema: GraphQLSchema) {
  return createYoga<HttpServerContext>({
    schema,
    graphqlEndpoint: '/graphql',
    // Subscriptions go over graphql-ws; yoga's SSE transport stays off.
    graphiql: { subscriptionsProtocol: 'WS' },
    landingPage: false,
    maskedErrors: { maskError: (err) => toGraphQLError(err) },
    // Yoga logs every error it masks, expected ones too; toGraphQLError logs the unexpected.
    logging: { debug: () => {}, info: () => {}, warn: (...a: unknown[]) => console.warn(...a), error: () => {} },
    plugins: [maxDepthPlugin({ n: deps.config.GRAPHQL_MAX_DEPTH, exposeLimits: true })],
    // Customer sites call the visitor API cross-origin without credentials; only the API's own
    // pages (the console) may send the session cookie.
    cors: (request) => {
      const origin = request.headers.get('origin')
      const own = origin !== null && selfOrigins(deps, request.url).includes(origin)
      return { origin: origin ?? '*', credentials: own, methods: ['GET', 'POST'], allowedHeaders: ['content-type', 'authorization'] }
    },
    context: async (init: YogaInitialContext & HttpServerContext): Promise<GqlContext> => {
      const token = bearerToken(init.request.headers.get('authorization')) ?? init.cookieToken
      const origin = { value: init.request.headers.get('origin'), self: selfOrigins(deps, init.request.url) }
      return {
        deps,
        origin,
        viewer: await viewerFromToken(deps, token, origin),
        token,
        ip: init.ip,
        cookies: { set: init.setCookie, clear: init.clearCookie },
        memo: makeMemo(),
      }
    },
  })
}

export { SESSION_COOKIE }
