import { parseArgs } from 'node:util'
import { loadConfig } from './config.ts'
import { migrate, openDb } from './db/index.ts'
import type { Deps } from './deps.ts'
import { loadServerSecret } from './domain/auth/index.ts'
import { localBus, pgBus } from './events/index.ts'
import { seedDemo } from './seed.ts'
import { startServer } from './server.ts'

const HELP = `Parley: live chat and shared inbox.

Usage: npm start [-- options]     (runs: bun api/src/main.ts)

Options:
  --api        run only the API (HTTP + GraphQL WebSocket)
  --workers    run only the background workers
  --no-seed    do not create the demo account on an empty database
  -h, --help   show this help

Without --api/--workers one process runs both. Configuration comes from the
environment; see .env.example. DATABASE_URL selects server PostgreSQL, else the
embedded database lives in PARLEY_DATA_DIR (default ./.parley).`

async function main() {
  const { values } = parseArgs({
    options: {
      api: { type: 'boolean', default: false },
      workers: { type: 'boolean', default: false },
      'no-seed': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  })
  if (values.help) {
    console.log(HELP)
    return
  }
  const runApi = values.api || !values.workers
  const runWorkers = values.workers || !values.api
  const config = loadConfig()
  const t0 = Date.now()
  const db = await openDb({ databaseUrl: config.DATABASE_URL, dataDir: config.PARLEY_DATA_DIR })
  const applied = await migrate(db)
  if (applied.length) console.log(`migrations applied: ${applied.join(', ')}`)
  const secret = await loadServerSecret(db, config.PARLEY_SECRET)
  // Several processes share a server database, so events travel through it; one embedded process needs no more.
  const bus = db.kind === 'postgres' ? await pgBus(db) : localBus()
  const deps: Deps = { db, bus, config, secret }

  const stops: (() => Promise<void>)[] = []
  if (runApi) {
    const server = startServer(deps)
    stops.unshift(() => server.stop())
    const base = config.PUBLIC_URL ?? server.url
    console.log(`Parley API listening on ${server.url} (database: ${db.kind}, ready in ${Date.now() - t0} ms)`)
    console.log(`  health:   ${base}/health`)
    console.log(`  graphql:  ${base}/graphql (HTTP and WebSocket)`)
    console.log(`  console:  ${base}/console`)
    console.log(`  demo:     ${base}/demo (a customer page with the widget)`)
    if (!values['no-seed']) {
      const demo = await seedDemo(deps)
      console.log(`  login:    ${demo.email}${demo.password ? `  password: ${demo.password}` : demo.created ? '' : '  (password was printed when the demo was seeded; PARLEY_DEMO_PASSWORD sets it for a new data folder)'}`)
      if (demo.websiteToken) console.log(`  website token: ${demo.websiteToken}`)
    }
  }
  // Workers start after the API answers: pg-boss's first start creates its schema, which takes seconds on PGlite.
  if (runWorkers) {
    const { startWorkers } = await import('../../workers/src/index.ts')
    const workers = await startWorkers(deps)
    stops.push(() => workers.stop())
    console.log(`Parley workers running (database: ${db.kind})`)
  }

  let stopping = false
  const shutdown = async (signal: string) => {
    if (stopping) return
    stopping = true
    console.log(`\n${signal}: shutting down`)
    for (const stop of stops) await stop().catch((err) => console.error(err))
    await bus.close()
    await db.close()
    process.exit(0)
  }
  process.on('SIGINT', () => void shutdown('SIGINT'))
  process.on('SIGTERM', () => void shutdown('SIGTERM'))
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err)
  process.exit(1)
})
