import { Client, fetchExchange, mapExchange, subscriptionExchange } from '@urql/core'
import { createClient as createSocket, type Client as SocketClient } from 'graphql-ws'
import { consoleCache } from './cache.ts'

export interface ConsoleClient {
  urql: Client
  socket: SocketClient
  dispose(): void
}

export interface ClientHooks {
  /** The session ended (expired, revoked, signed out elsewhere). */
  onSessionLost(): void
  /**
   * The event stream is (again) live: lists and timelines should refetch once, to catch what
   * happened between their first fetch, or the drop, and the subscription taking hold.
   */
  onCatchUp(): void
  onSocketState(state: 'connecting' | 'live' | 'offline'): void
}

export const GRAPHQL_PATH = '/graphql'

/** The code the API puts into a GraphQL error (`extensions.code`). */
export function errorCode(error: unknown): string | undefined {
  const e = error as { graphQLErrors?: { extensions?: { code?: unknown } }[] } | undefined
  const code = e?.graphQLErrors?.[0]?.extensions?.code
  return typeof code === 'string' ? code : undefined
}

/** A message fit for a person: the API's own message without urql's prefix. */
export function errorMessage(error: unknown): string {
  const e = error as { graphQLErrors?: { message: string }[]; networkError?: Error; message?: string } | undefined
  if (e?.graphQLErrors?.[0]) return e.graphQLErrors[0].message
  if (e?.networkError) return 'Cannot reach the Parley server. Check your connection and try again.'
  return e?.message ?? 'Something went wrong.'
}

/** A bare client for signing in: HTTP only, no cache (the cookie is the state). */
export function anonymousClient(): Client {
  return new Client({ url: GRAPHQL_PATH, exchanges: [fetchExchange], requestPolicy: 'network-only', fetchOptions: { credentials: 'same-origin' } })
}

/**
 * The signed-in agent's client: queries and mutations over HTTP, subscriptions over one
 * graphql-ws socket; both carry the httpOnly session cookie (same origin).
 */
export function consoleClient(meId: string, hooks: ClientHooks): ConsoleClient {
  const wsUrl = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${GRAPHQL_PATH}`
  // graphql-ws does not acknowledge a subscription: give the subscribe frame a moment to be
  // registered before refetching, so nothing falls between the refetch and the live stream.
  const SUBSCRIBE_SETTLE_MS = 300
  const socket = createSocket({
    url: wsUrl,
    lazy: true,
    keepAlive: 20_000,
    retryAttempts: Infinity,
    shouldRetry: (e) => (e as CloseEvent)?.code !== 4401 && (e as CloseEvent)?.code !== 4403,
    retryWait: async (retries) => new Promise((r) => setTimeout(r, Math.min(1000 * 2 ** retries, 15_000) * (0.5 + Math.random()))),
    on: {
      connecting: () => hooks.onSocketState('connecting'),
      connected: () => {
        hooks.onSocketState('live')
        setTimeout(hooks.onCatchUp, SUBSCRIBE_SETTLE_MS)
      },
      closed: (e) => {
        hooks.onSocketState('offline')
        if ((e as CloseEvent)?.code === 4401) hooks.onSessionLost()
      },
    },
  })
  const urql = new Client({
    url: GRAPHQL_PATH,
    fetchOptions: { credentials: 'same-origin' },
    requestPolicy: 'cache-and-network',
    exchanges: [
      mapExchange({
        onError(error, operation) {
          if (errorCode(error) === 'UNAUTHENTICATED' && operation.kind !== 'mutation') hooks.onSessionLost()
        },
      }),
      consoleCache(meId),
      fetchExchange,
      subscriptionExchange({
        forwardSubscription: (request) => ({
          subscribe: (sink) => ({ unsubscribe: socket.subscribe({ ...request, query: request.query ?? '' }, sink) }),
        }),
      }),
    ],
  })
  return { urql, socket, dispose: () => void socket.dispose() }
}
