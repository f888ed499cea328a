import { pruneAuthRecords } from '@parley/api/src/domain/auth/index.ts'
import type { JobKind } from '../job-kind.ts'

/** Hourly clean-up of expired sessions and old failed sign-ins, so those tables stay small. */
export const pruneAuth: JobKind = {
  name: 'prune-auth',
  queue: { policy: 'stately', retryLimit: 0, expireInSeconds: 300 },
  everySeconds: () => 3600,
  pollSeconds: () => 30,
  async run(deps) {
    const { sessions, failures } = await pruneAuthRecords(deps)
    return sessions + failures === 0 ? null : `deleted ${sessions} expired session(s) and ${failures} old failed sign-in(s)`
  },
}
