import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth'
import { createYoga, type YogaInitialContext } from 'graphql-yoga'
import type { GraphQLSchema } from 'graphql'
import type { Deps } from '../deps.ts'
import { bearerToken, makeMemo, SESSION_COOKIE, viewerFromToken, type GqlContext } from './context.ts'
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
    context: async (init: YogaInitialContext & HttpServerContext): Promise<GqlContext> => {
      const token = bearerToken(init.request.headers.get('authorization')) ?? init.cookieToken
      return {
        deps,
        viewer: await viewerFromToken(deps, token),
        token,
        ip: init.ip,
        cookies: { set: init.setCookie, clear: init.clearCookie },
        memo: makeMemo(),
      }
    },
  })
}

export { SESSION_COOKIE }
