import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth'
import { execute, specifiedRules, subscribe, validate, type GraphQLSchema } from 'graphql'
import { makeHandler } from 'graphql-ws/use/bun'
import type { Deps } from '../deps.ts'
import { bearerToken, makeMemo, viewerFromToken, type GqlContext } from './context.ts'
import { toGraphQLError } from './errors.ts'

/** What the HTTP upgrade learned about the socket before handing it to graphql-ws. */
export interface SocketData {
  ip: string
  cookieToken?: string
}

/** Named close codes (graphql-ws style): 4400-4499 are ours, short reasons. */
export const CloseCode = {
  Unauthorized: 4401,
  Forbidden: 4403,
} as const

export function createGraphQLSocketHandler(deps: Deps, schema: GraphQLSchema) {
  const rules = [...specifiedRules, maxDepthRule({ n: deps.config.GRAPHQL_MAX_DEPTH })]
  return makeHandler<Record<string, unknown> | undefined>({
    schema,
    execute,
    subscribe,
    validate: (s, doc) => validate(s, doc, rules),
    // A context per operation: the viewer is re-resolved from the connection's token.
    context: async (ctx): Promise<GqlContext> => {
      const params = ctx.connectionParams ?? {}
      const data = ctx.extra.socket.data as unknown as SocketData
      const token = bearerToken(typeof params.authorization === 'string' ? params.authorization : undefined) ?? data.cookieToken
      return { deps, viewer: await viewerFromToken(deps, token), token, ip: data.ip, memo: makeMemo() }
    },
    onNext: (_ctx, _id, _payload, _args, result) => {
      if (result.errors?.length) return { ...result, errors: result.errors.map((e) => toGraphQLError(e).toJSON()) }
    },
    onError: (_ctx, _id, _payload, errors) => errors.map((e) => toGraphQLError(e).toJSON()),
  })
}
