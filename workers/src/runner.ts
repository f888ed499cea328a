import type PgBoss from 'pg-boss'
import type { Deps } from '@parley/api/src/deps.ts'
import { createBoss, type ParleyBoss } from './boss.ts'
import type { JobKind } from './job-kind.ts'
import { JOB_KINDS } from './jobs/index.ts'

export interface WorkerLogger {
  info(line: string): void
  error(line: string, err: unknown): void
}

export interface StartWorkersOptions {
  /** The job kinds to run; every kind when absent. */
  jobs?: readonly JobKind[]
  logger?: WorkerLogger
}

export interface Workers {
  /** Stops taking jobs, waits for running ones, and leaves no timer behind. */
  stop(): Promise<void>
}

const consoleLogger: WorkerLogger = {
  info: (line) => console.log(line),
  error: (line, err) => console.error(line, err),
}

/**
 * Starts pg-boss on the API's database and works every job kind. Several processes may
 * run this against one database. pg-boss hands each job to one worker.
 */
export async function startWorkers(deps: Deps, opts: StartWorkersOptions = {}): Promise<Workers> {
  const logger = opts.logger ?? consoleLogger
  const boss = createBoss(deps)
  const timers: ReturnType<typeof setInterval>[] = []
  let stopping: Promise<void> | undefined
  const stop = () =>
    (stopping ??= (async () => {
      for (const t of timers) clearInterval(t)
      await boss.stop({ graceful: true, wait: true, timeout: 30_000 })
    })())

  await boss.start()
  try {
    for (const kind of opts.jobs ?? JOB_KINDS) {
      await register(deps, boss, kind, logger, timers)
    }
  } catch (err) {
    await stop()
    throw err
  }
  return { stop }
}

async function register(
  deps: Deps,
  boss: ParleyBoss,
  kind: JobKind,
  logger: WorkerLogger,
  timers: ReturnType<typeof setInterval>[],
): Promise<void> {
  // createQueue leaves an existing queue as it is. updateQueue then applies options that
  // changed since the queue was created.
  const queue = { ...kind.queue, name: kind.name }
  await boss.createQueue(kind.name, queue)
  await boss.updateQueue(kind.name, queue)

  const handle = boss.tracked(async (jobs: PgBoss.Job<unknown>[]) => {
    for (const job of jobs) {
      try {
        const line = await kind.run(deps, job.data)
        if (line) logger.info(`${kind.name}: ${line}`)
      } catch (err) {
        logger.error(`${kind.name}: job ${job.id} failed`, err)
        throw err
      }
    }
  })
  const workerId = await boss.work(kind.name, { pollingIntervalSeconds: kind.pollSeconds(deps.config), batchSize: 1 }, handle)

  const every = kind.everySeconds?.(deps.config)
  if (!every) return
  // Periodic work as throttled sends, not a job that schedules its successor. Every process
  // offers a job each interval, and pg-boss's unique index on the throttle slot keeps one
  // per interval across all of them. Nothing has to seed the work or keep a chain going:
  // a crashed process only stops its own offers.
  const offer = async () => {
    try {
      // The process whose offer won the slot fetches at once instead of at its next poll.
      if (await boss.sendThrottled(kind.name, {}, {}, every)) boss.notifyWorker(workerId)
    } catch (err) {
      logger.error(`${kind.name}: could not queue a run`, err)
    }
  }
  await offer()
  timers.push(setInterval(() => void offer(), every * 1000))
}
