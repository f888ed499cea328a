import { expect, test } from 'bun:test'
import { sql } from '@parley/api/src/db/index.ts'
import type { Deps } from '@parley/api/src/deps.ts'
import { describeEachDb } from '@parley/api/src/testing/db.ts'
import type { JobKind } from './job-kind.ts'
import { startWorkers, type WorkerLogger } from './runner.ts'

function probe(name: string, run: JobKind['run']): JobKind {
  return { name, queue: { policy: 'stately', retryLimit: 0 }, everySeconds: () => 1, pollSeconds: () => 1, run }
}

async function jobStates(deps: Deps, name: string): Promise<string[]> {
  const rows = await deps.db.query<{ state: string }>(sql`select state::text from pgboss.job where name = ${name} order by created_on`)
  return rows.map((r) => r.state)
}

function captureLog(): WorkerLogger & { lines: string[] } {
  const lines: string[] = []
  return { lines, info: (line) => lines.push(line), error: (line, err) => lines.push(`${line}: ${(err as Error).message}`) }
}

describeEachDb('workers runner', ({ deps }) => {
  test('stop waits for a running job, which ends completed', async () => {
    const steps: string[] = []
    let started!: () => void
    const running = new Promise<void>((resolve) => (started = resolve))
    const slow = probe('slow-probe', async () => {
      steps.push('run started')
      started()
      await Bun.sleep(400)
      steps.push('run ended')
      return 'slept'
    })
    const log = captureLog()
    const workers = await startWorkers(deps(), { jobs: [slow], logger: log })
    await running
    await workers.stop()
    steps.push('stopped')

    expect(steps).toEqual(['run started', 'run ended', 'stopped'])
    expect(log.lines).toEqual(['slow-probe: slept'])
    expect((await jobStates(deps(), 'slow-probe'))[0]).toBe('completed')
  }, 30_000)

  test('a failing run is logged and its job marked failed', async () => {
    const log = captureLog()
    let failed!: () => void
    const done = new Promise<void>((resolve) => (failed = resolve))
    const broken = probe('broken-probe', async () => {
      setTimeout(failed, 50)
      throw new Error('no luck')
    })
    const workers = await startWorkers(deps(), { jobs: [broken], logger: log })
    await done
    await workers.stop()

    expect(log.lines[0]).toMatch(/^broken-probe: job [0-9a-f-]{36} failed: no luck$/)
    expect((await jobStates(deps(), 'broken-probe'))[0]).toBe('failed')
  }, 30_000)

  test('stop is idempotent and leaves no timers behind', async () => {
    const workers = await startWorkers(deps(), { jobs: [probe('idle-probe', async () => null)] })
    await Promise.all([workers.stop(), workers.stop()])
    await workers.stop()
    const before = (await jobStates(deps(), 'idle-probe')).length
    await Bun.sleep(1500)
    expect((await jobStates(deps(), 'idle-probe')).length).toBe(before)
  }, 30_000)
})
