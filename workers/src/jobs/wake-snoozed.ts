import { wakeSnoozedConversations } from '@parley/api/src/domain/conversation/index.ts'
import type { JobKind } from '../job-kind.ts'

/** Reopens snoozed conversations whose time has come. */
export const wakeSnoozed: JobKind = {
  name: 'wake-snoozed',
  queue: {
    // Stately: at most one run active and one waiting. A run slower than the interval
    // delays the next one instead of overlapping it, and waiting runs never pile up.
    policy: 'stately',
    // The next interval tries again, so a retry would only duplicate it.
    retryLimit: 0,
    // A run cut short by a crash holds the active slot until it expires. Short, because a
    // run handles at most 500 conversations.
    expireInSeconds: 60,
  },
  everySeconds: (config) => config.SNOOZE_CHECK_SECONDS,
  pollSeconds: (config) => Math.min(config.SNOOZE_CHECK_SECONDS, 2),
  async run(deps) {
    const woken = await wakeSnoozedConversations(deps)
    return woken === 0 ? null : `woke ${woken} snoozed conversation${woken === 1 ? '' : 's'}`
  },
}
