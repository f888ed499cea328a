import type PgBoss from 'pg-boss'
import type { Config } from '@parley/api/src/config.ts'
import type { Deps } from '@parley/api/src/deps.ts'

/** One kind of background job: a pg-boss queue and what a worker does with each job. */
export interface JobKind {
  /** The queue's name, also the prefix of the job's log lines. */
  name: string
  queue: Omit<PgBoss.Queue, 'name'>
  /** How often workers look for new jobs. */
  pollSeconds(config: Config): number
  /**
   * For periodic work: every process offers a job this often, throttled to one job per
   * interval across all processes (see runner.ts).
   */
  everySeconds?(config: Config): number
  /** Does one job. Returns a line to log when something happened, else null. */
  run(deps: Deps, data: unknown): Promise<string | null>
}
