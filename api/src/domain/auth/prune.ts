import { sql } from '../../db/index.ts'
import type { Deps } from '../../deps.ts'

/**
 * Deletes what can no longer matter: sessions a day past their expiry or revocation, and
 * failed sign-ins older than twice the rate-limit window. Returns how many rows went.
 */
export async function pruneAuthRecords(deps: Deps): Promise<{ sessions: number; failures: number }> {
  const sessions = await deps.db.query(sql`
    delete from agent_sessions
    where expires_at < now() - interval '1 day' or revoked_at < now() - interval '1 day'
    returning id`)
  const failures = await deps.db.query(sql`
    delete from sign_in_failures
    where failed_at < now() - make_interval(mins => ${deps.config.SIGN_IN_WINDOW_MINUTES * 2})
    returning id`)
  return { sessions: sessions.length, failures: failures.length }
}
