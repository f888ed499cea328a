import { createHash, randomBytes } from 'node:crypto'
import type { Deps } from '../../deps.ts'
import type { AgentViewer } from '../../viewer.ts'
import { insertSession, markSessionRevoked, selectSessionViewer } from './queries.ts'

/** The database keeps only this digest, so a leaked table cannot be replayed as sessions. */
function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

// 32 random bytes in base64url are 43 characters; anything far off is not ours.
const MAX_TOKEN_LENGTH = 100

export async function createSession(deps: Deps, agentId: string): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url')
  const { expiresAt } = await insertSession(deps.db, agentId, tokenHash(token), deps.config.SESSION_TTL_HOURS)
  return { token, expiresAt }
}

/** Null when the token is unknown, expired, revoked, or its agent was deactivated. */
export async function resolveSession(deps: Deps, token: string): Promise<AgentViewer | null> {
  if (typeof token !== 'string' || token.length === 0 || token.length > MAX_TOKEN_LENGTH) return null
  return (await selectSessionViewer(deps.db, tokenHash(token))) ?? null
}

export async function revokeSession(deps: Deps, token: string): Promise<void> {
  if (typeof token !== 'string' || token.length === 0 || token.length > MAX_TOKEN_LENGTH) return
  await markSessionRevoked(deps.db, tokenHash(token))
}
