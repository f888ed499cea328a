import type { ZodError } from 'zod'

export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'RATE_LIMITED'
  | 'PAYLOAD_TOO_LARGE'
  | 'SERVICE_UNAVAILABLE'
  | 'INTERNAL_SERVER_ERROR'

const STATUS: Record<ErrorCode, number> = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  INTERNAL_SERVER_ERROR: 500,
  SERVICE_UNAVAILABLE: 503,
}

/** The one error Parley throws on purpose; GraphQL puts `code` into `extensions.code`. */
export class AppError extends Error {
  readonly status: number
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message)
    this.name = 'AppError'
    this.status = STATUS[code]
  }

  static fromZod(err: ZodError, prefix: string[] = []): AppError {
    const issue = err.issues[0]
    const path = [...prefix, ...(issue?.path ?? []).map(String)]
    const field = path.join('.') || 'input'
    const message = `${field}: ${issue?.message ?? 'invalid value'}`
    return new AppError('BAD_USER_INPUT', message, {
      field,
      issues: err.issues.map((i) => ({ path: [...prefix, ...i.path.map(String)].join('.'), message: i.message })),
    })
  }
}

export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} not found`)
export const forbidden = (why: string) => new AppError('FORBIDDEN', why)
