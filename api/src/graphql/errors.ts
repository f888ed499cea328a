import { GraphQLError } from 'graphql'
import { AppError } from '../errors.ts'

/** Postgres/driver failures that mean "the database is not reachable right now". */
function isDatabaseUnavailable(err: unknown): boolean {
  const e = err as { code?: string; message?: string }
  return (
    ['ECONNREFUSED', 'ECONNRESET', 'CONNECTION_CLOSED', 'CONNECTION_ENDED', 'CONNECT_TIMEOUT', '57P01', '57P03'].includes(e?.code ?? '') ||
    /PGlite is closed/i.test(e?.message ?? '')
  )
}

/**
 * The one place errors become GraphQL errors: an AppError keeps its message and code,
 * anything else is logged and masked, so internals never reach a client.
 */
export function toGraphQLError(err: unknown): GraphQLError {
  if (err instanceof GraphQLError && err.extensions?.code) return err
  const original = err instanceof GraphQLError && err.originalError ? err.originalError : err
  const path = err instanceof GraphQLError ? err.path : undefined
  if (original instanceof AppError) {
    return new GraphQLError(original.message, {
      path,
      extensions: { code: original.code, ...original.details, http: { status: original.status } },
    })
  }
  if (original instanceof GraphQLError) return original
  if (isDatabaseUnavailable(original)) {
    return new GraphQLError('the database is unavailable; retry shortly', {
      path,
      extensions: { code: 'SERVICE_UNAVAILABLE', retryable: true },
    })
  }
  console.error('unexpected error', original)
  return new GraphQLError('Unexpected error.', { path, extensions: { code: 'INTERNAL_SERVER_ERROR' } })
}
