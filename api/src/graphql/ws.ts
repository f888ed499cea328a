import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth'
import { execute, GraphQLError, parse, specifiedRules, subscribe, validate, type DocumentNode, type GraphQLSchema } from 'graphql'
import { makeHandler } from 'graphql-ws/use/bun'
import type { Deps } from '../deps.ts'
import type { PresenceTracker } from '../domain/presence/index.ts'
import { bearerToken, makeMemo, viewerFromToken, type GqlContext } from './context.ts'
import { toGraphQLError } from './errors.ts'

/** What the HTTP upgrade learned about the socket before handing it to graphql-ws. */
export interface SocketData {
  ip: string
  /** The Origin of the upgrade request and this API's own origins. */
  origin: { value: string | null; self: string[] }
  cookieToken?: string
  /** The presence connection of a signed-in socket, closed with it. */
  presenceId?: string
}

/** Named close codes (graphql-ws style): 4400-4499 are ours, short reasons. */
export const CloseCode = {
  Unauthorized: 4401,
  Forbidden: 4403,
} as const

function socketToken(params: Record<string, unknown> | undefined, data: SocketData): string | undefined {
  const auth = params?.authorization
  return bearerToken(typeof auth === 'string' ? auth : undefined) ?? data.cookieToken
}

export function createGraphQLSocketHandler(deps: Deps, schema: GraphQLSchema, presence: PresenceTracker) {
  const rules = [...specifiedRules, maxDepthRule({ n: deps.config.GRAPHQL_MAX_DEPTH })]
  // Clients send the same few documents over and over: parse and validate each once.
  const documents = new Map<string, DocumentNode | readonly GraphQLError[]>()
  const prepare = (query: string): DocumentNode | readonly GraphQLError[] => {
    let cached = documents.get(query)
    if (cached) return cached
    try {
      const document = parse(query)
      const errors = validate(schema, document, rules)
      cached = errors.length ? errors : document
    } catch (err) {
      cached = [err instanceof GraphQLError ? err : new GraphQLError(String(err))]
    }
    if (documents.size >= 500) documents.delete(documents.keys().next().value!)
    documents.set(query, cached)
    return cached
  }
  return makeHandler<Record<string, unknown> | undefined>({
    schema,
    execute,
    subscribe,
    onSubscribe: (_ctx, _id, payload) => {
      const prepared = prepare(payload.query)
      if (Array.isArray(prepared)) return prepared as GraphQLError[]
      return { schema, document: prepared as DocumentNode, variableValues: payload.variables, operationName: payload.operationName }
    },
    // A context per operation: the viewer is re-resolved from the connection's token, so a
    // revoked session stops working at once. The socket's origin is fixed and was checked
    // against the token's inbox in onConnect, so it is not looked up again per operation.
    context: async (ctx): Promise<GqlContext> => {
      const data = ctx.extra.socket.data as unknown as SocketData
      const token = socketToken(ctx.connectionParams, data)
      return { deps, origin: data.origin, viewer: await viewerFromToken(deps, token), token, ip: data.ip, memo: makeMemo() }
    },
    // A signed-in socket counts for its owner's presence while it is open.
    onConnect: async (ctx) => {
      const data = ctx.extra.socket.data as unknown as SocketData
      const viewer = await viewerFromToken(deps, socketToken(ctx.connectionParams, data), data.origin)
      // A visitor token presented from a page its inbox does not allow: refuse the socket.
      if (viewer.type === 'anonymous' && viewer.originRefused) {
        ctx.extra.socket.close(CloseCode.Forbidden, 'origin not allowed')
        return false
      }
      if (viewer.type === 'agent') data.presenceId = await presence.open({ type: 'agent', id: viewer.agentId, accountId: viewer.accountId })
      if (viewer.type === 'visitor') data.presenceId = await presence.open({ type: 'visitor', id: viewer.contactId, accountId: viewer.accountId })
      return true
    },
    onClose: async (ctx) => {
      const data = ctx.extra.socket.data as unknown as SocketData
      if (data.presenceId) await presence.close(data.presenceId)
    },
    onNext: (_ctx, _id, _payload, _args, result) => {
      if (result.errors?.length) return { ...result, errors: result.errors.map((e) => toGraphQLError(e).toJSON()) }
    },
    onError: (_ctx, _id, _payload, errors) => errors.map((e) => toGraphQLError(e).toJSON()),
  })
}
