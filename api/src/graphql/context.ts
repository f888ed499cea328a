import type { Deps } from '../deps.ts'
import { AppError } from '../errors.ts'
import { resolveSession, verifyVisitorToken } from '../domain/auth/index.ts'
import { getInbox } from '../domain/inbox/index.ts'
import { isOriginAllowed, originRefusal } from '../domain/inbox/allowed-origin.ts'
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
  /** The page the browser request came from, and this API's own origins (the /demo page, the console). */
  origin?: { value: string | null; self: string[] }
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
export async function viewerFromToken(deps: Deps, token: string | undefined, origin?: GqlContext['origin']): Promise<Viewer> {
  if (!token) return { type: 'anonymous' }
  if (token.includes('.')) {
    let claims
    try {
      claims = verifyVisitorToken(deps.secret, token)
    } catch (err) {
      return { type: 'anonymous', reason: err instanceof AppError ? err.message : 'visitor token is invalid' }
    }
    // A visitor token works only from the pages its inbox allows, never from another site.
    if (origin?.value) {
      const inbox = await getInbox(deps, claims.accountId, claims.inboxId).catch(() => null)
      if (!inbox || !isOriginAllowed(origin.value, inbox.allowedDomains, origin.self)) {
        return { type: 'anonymous', reason: originRefusal(origin.value), originRefused: true }
      }
    }
    return { type: 'visitor', ...claims }
  }
  const agent = await resolveSession(deps, token)
  return agent ?? { type: 'anonymous', reason: 'session is invalid or has expired; sign in again' }
}

/** The origins that are this API itself: where the request was addressed, and PUBLIC_URL. */
export function selfOrigins(deps: Deps, requestUrl: string): string[] {
  const list = [new URL(requestUrl).origin]
  if (deps.config.PUBLIC_URL) list.push(new URL(deps.config.PUBLIC_URL).origin)
  return list
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
