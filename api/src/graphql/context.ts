import type { Deps } from '../deps.ts'
import { AppError } from '../errors.ts'
import { resolveSession, verifyVisitorToken } from '../domain/auth/index.ts'
import type { Viewer } from '../viewer.ts'

export const SESSION_COOKIE = 'parley_session'

export interface GqlContext {
  deps: Deps
  viewer: Viewer
  ip: string
  /** Present on HTTP requests: lets signIn/signOut set the console's cookie. */
  cookies?: { set(token: string, expiresAt: Date): void; clear(): void }
  /** The raw token the viewer presented, so signOut can revoke it. */
  token?: string
  /** Per-operation memo so a page of rows does not load the same agent twice. */
  memo: <T>(key: string, load: () => Promise<T>) => Promise<T>
}

export function bearerToken(authorization: string | null | undefined): string | undefined {
  if (!authorization) return undefined
  const m = /^Bearer\s+(\S+)$/i.exec(authorization.trim())
  return m?.[1]
}

/**
 * Turns a presented token into a viewer. Visitor tokens carry a signature after a dot;
 * agent session tokens are opaque. A bad token leaves the viewer anonymous with the reason,
 * so public operations still work and protected ones say why they refused.
 */
export async function viewerFromToken(deps: Deps, token: string | undefined): Promise<Viewer> {
  if (!token) return { type: 'anonymous' }
  if (token.includes('.')) {
    try {
      return { type: 'visitor', ...verifyVisitorToken(deps.secret, token) }
    } catch (err) {
      return { type: 'anonymous', reason: err instanceof AppError ? err.message : 'visitor token is invalid' }
    }
  }
  const agent = await resolveSession(deps, token)
  return agent ?? { type: 'anonymous', reason: 'session is invalid or has expired; sign in again' }
}

export function makeMemo(): GqlContext['memo'] {
  const cache = new Map<string, Promise<unknown>>()
  return <T>(key: string, load: () => Promise<T>) => {
    let p = cache.get(key) as Promise<T> | undefined
    if (!p) {
      p = load()
      cache.set(key, p)
    }
    return p
  }
}
