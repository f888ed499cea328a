/**
 * `npm run bench`: Parley's realtime path against its two limits, in one bounded run on
 * this machine over loopback. See HELP.
 */
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import postgres from 'postgres'
import { Child } from './child.ts'
import type { GqlSocket } from './gql-socket.ts'
import { flood, paced, type Pair } from './load.ts'
import { cpuSplit, describeMachine, loadAverage, openFileLimit, sampleCpu } from './machine.ts'
import { bounded, createVisitor, openIdle, ParleyPair, RelayPair, signIn, type Visitor } from './parley.ts'
import { formatReport, rssSlopeKB, type BenchReport } from './report.ts'

const HELP = `Parley benchmark: realtime throughput, latency and memory against the raw limits.

Usage: npm run bench [-- options]        (runs: bun api/bench/index.ts)

Options:
  --idle N             idle visitor sockets, one conversationEvents subscription each (default 2000, max 10000)
  --pairs P            visitor/agent pairs that talk (default 10)
  --messages M         messages in the throughput phase (default 5000); the latency phase sends min(M, 10 s × R)
  --rate R             paced send rate of the latency phase, msg/s (default 500)
  --window W           unacknowledged messages per pair in the throughput phase (default 4)
  --duration-limit S   hard stop for the whole run, seconds (default 900)
  -h, --help           show this help

DATABASE_URL=postgres://…  runs the server on a fresh database created from that URL (dropped at
the end; the role must be allowed to create databases); without it, on a fresh file-backed PGlite
in a temporary folder. The server runs in its own process so its RSS is its own.

It needs about N + 2P + 100 open files in each process: raise the limit first (ulimit -n 65535)
if the run says so. PARLEY_BENCH_SERVER_FLAGS passes runtime flags to the server process
(e.g. "--cpu-prof-md --cpu-prof-dir=/tmp/prof" to profile it). Nothing is asserted; the figures are printed with the targets of issue 5.`

const LIMITS = { idle: 10_000, pairs: 500, messages: 1_000_000, rate: 100_000, window: 1000 }

function parseOptions() {
  const { values } = parseArgs({
    options: {
      idle: { type: 'string', default: '2000' },
      pairs: { type: 'string', default: '10' },
      messages: { type: 'string', default: '5000' },
      rate: { type: 'string', default: '500' },
      window: { type: 'string', default: '4' },
      'duration-limit': { type: 'string', default: '900' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  })
  if (values.help) {
    console.log(HELP)
    process.exit(0)
  }
  const int = (name: keyof typeof values, min: number, max: number) => {
    const raw = values[name] as string
    const n = Number(raw)
    if (!Number.isInteger(n) || n < min || n > max) {
      console.error(`--${name}: expected an integer from ${min} to ${max}, received ${JSON.stringify(raw)}`)
      process.exit(64)
    }
    return n
  }
  return {
    idle: int('idle', 2, LIMITS.idle),
    pairs: int('pairs', 1, LIMITS.pairs),
    messages: int('messages', 1, LIMITS.messages),
    rate: int('rate', 1, LIMITS.rate),
    window: int('window', 1, LIMITS.window),
    durationLimit: int('duration-limit', 10, 24 * 3600),
  }
}

const log = (msg: string) => process.stderr.write(`bench: ${msg}\n`)

/** Progress on stderr at most every second, and at the end. */
function progress(label: string, total: number) {
  let last = 0
  return (done: number) => {
    const now = Date.now()
    if (done === total || now - last >= 1000) {
      last = now
      log(`${label} ${done}/${total}`)
    }
  }
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url)
  u.pathname = `/${name}`
  return u.toString()
}

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await Bun.sleep(50)
  }
}

async function main() {
  const opts = parseOptions()
  const t0 = performance.now()
  const loadAtStart = loadAverage()
  const hardDeadline = t0 + opts.durationLimit * 1000
  const latencyMessages = Math.min(opts.messages, opts.rate * 10)
  const here = import.meta.dir

  const fdLimit = openFileLimit()
  const fdNeeded = opts.idle + 2 * opts.pairs + 100
  if (fdLimit !== undefined && fdLimit < fdNeeded) {
    throw new Error(`open-file limit is ${fdLimit}, ${opts.idle} idle sockets need about ${fdNeeded}: run \`ulimit -n 65535\` (or lower --idle) and retry`)
  }

  const cleanups: (() => Promise<void> | void)[] = []
  const cleanup = async () => {
    for (const c of cleanups.splice(0).reverse()) {
      try {
        await c()
      } catch (err) {
        log(`cleanup: ${err instanceof Error ? err.message : err}`)
      }
    }
  }
  let stage = 'starting'
  const hardStop = setTimeout(async () => {
    log(`duration limit of ${opts.durationLimit} s reached during ${stage}; stopping`)
    await cleanup()
    process.exit(2)
  }, opts.durationLimit * 1000)
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.on(sig, async () => {
      log(`${sig}: stopping`)
      await cleanup()
      process.exit(130)
    })
  }

  try {
    // 1. The server, in its own process, on a fresh database.
    const env: Record<string, string | undefined> = { ...process.env, PARLEY_SECRET: undefined }
    let database: string
    const adminUrl = process.env.DATABASE_URL
    if (adminUrl) {
      const name = `parley_bench_${randomBytes(5).toString('hex')}`
      const admin = postgres(adminUrl, { max: 1, onnotice: () => {} })
      cleanups.push(() => admin.end({ timeout: 5 }))
      await admin.unsafe(`create database ${name}`)
      cleanups.push(async () => {
        await admin.unsafe(`drop database if exists ${name} with (force)`)
      })
      env.DATABASE_URL = withDatabase(adminUrl, name)
      database = `server PostgreSQL, fresh database ${name} (dropped at the end), postgres.js pool of 10, LISTEN/NOTIFY bus`
    } else {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'parley-bench-'))
      cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
      env.DATABASE_URL = undefined
      env.PARLEY_DATA_DIR = dir
      database = `PGlite, file-backed in ${dir} (removed at the end), in-process bus`
    }
    stage = 'server start'
    log(`starting the server (${adminUrl ? 'server PostgreSQL' : 'PGlite; initdb takes a few seconds'})`)
    const serverFlags = (process.env.PARLEY_BENCH_SERVER_FLAGS ?? '').split(/\s+/).filter(Boolean)
    const server = Child.spawn(path.join(here, 'server-process.ts'), env, 'server', serverFlags)
    cleanups.push(() => server.stop())
    const info = await server.ready
    database = `${String(info.dbVersion).split(',')[0]} · ${database}`
    const base = `http://127.0.0.1:${info.port}`
    const wsUrl = `ws://127.0.0.1:${info.port}/graphql`
    log(`server pid ${server.pid} on ${base}, ready in ${info.startupMs} ms`)

    // 2. Visitors over HTTP, then idle sockets in two halves with the server's RSS between.
    stage = 'setup'
    const setupStart = performance.now()
    const adminToken = await signIn(base, String(info.email), String(info.password))
    const total = opts.idle + opts.pairs
    const visitors: Visitor[] = await bounded(total, 16, () => createVisitor(base, String(info.websiteToken)), progress('visitors created', total))
    const idleVisitors = visitors.slice(0, opts.idle)
    const pairVisitors = visitors.slice(opts.idle)

    let idleErrors = 0
    const onIdleError = (msg: string) => {
      if (idleErrors++ === 0) log(`an idle subscription failed: ${msg}`)
    }
    let idleRetries = 0
    const onIdleRetry = (msg: string) => {
      if (idleRetries++ === 0) log(`an idle socket was refused and is reopened: ${msg}`)
    }
    const sockets: GqlSocket[] = []
    cleanups.push(() => sockets.forEach((s) => s.close()))
    const listeners = async () => Number((await server.call('listeners')).listeners)
    const rss = { counts: [0], bytes: [Number((await server.call('rss')).rss)] }
    const half = Math.floor(opts.idle / 2)
    for (const [from, to] of [
      [0, half],
      [half, opts.idle],
    ] as const) {
      stage = `opening idle sockets ${from}..${to}`
      const opened = await bounded(to - from, 50, (i) => openIdle(wsUrl, idleVisitors[from + i]!, onIdleError, onIdleRetry), progress('idle sockets open', to - from))
      sockets.push(...opened)
      await waitFor(`${to} live subscriptions`, async () => (await listeners()) >= to - idleErrors, 60_000)
      const r = await server.call('rss')
      rss.counts.push(to)
      rss.bytes.push(Number(r.rss))
      log(`server RSS ${(Number(r.rss) / 2 ** 20).toFixed(1)} MiB with ${to} idle subscribed sockets`)
    }
    log(`RSS slope ${rssSlopeKB(rss).toFixed(1)} KB per idle subscribed socket`)

    stage = 'opening pairs'
    let pairErrors = 0
    const pairs = await Promise.all(
      pairVisitors.map((v) =>
        ParleyPair.open(wsUrl, v, adminToken, (msg) => {
          if (pairErrors++ === 0) log(`a pair subscription failed: ${msg}`)
        }),
      ),
    )
    cleanups.push(() => pairs.forEach((p) => p.close()))
    await waitFor('the pairs’ subscriptions', async () => (await listeners()) >= opts.idle - idleErrors + 2 * opts.pairs, 30_000)
    const setupSeconds = (performance.now() - setupStart) / 1000

    // 3. Throughput, then latency at a fixed rate.
    const phaseDeadline = (capMs: number) => Math.min(hardDeadline - 5_000, performance.now() + capMs)
    stage = 'warm-up'
    await flood(pairs, opts.pairs * 10, opts.window, 'warm', phaseDeadline(30_000))
    stage = 'throughput'
    log(`throughput: ${opts.messages} messages over ${opts.pairs} pairs`)
    const cpu0 = sampleCpu(server.pid)
    const throughput = await flood(pairs, opts.messages, opts.window, 'flood', phaseDeadline(300_000))
    const cpu1 = sampleCpu(server.pid)
    log(`throughput: ${throughput.delivered} delivered at ${throughput.rate.toFixed(0)} msg/s`)
    stage = 'latency'
    log(`latency: ${latencyMessages} messages at ${opts.rate} msg/s`)
    const cpu2 = sampleCpu(server.pid)
    const latency = await paced(pairs, latencyMessages, opts.rate, 'paced', phaseDeadline((latencyMessages / opts.rate) * 1000 + 60_000), 30_000)
    const cpu3 = sampleCpu(server.pid)

    // 4a. The database limit: single-row inserts on the same database, through the same client.
    stage = 'raw inserts'
    const insertCount = Math.min(Math.max(opts.messages, 500), 5000)
    const serial = await server.call('rawInserts', { count: insertCount, concurrency: 1 })
    const concurrent = await server.call('rawInserts', { count: insertCount, concurrency: 10 })
    const rawInserts = {
      rate: insertCount / Number(concurrent.seconds),
      serialRate: insertCount / Number(serial.seconds),
      concurrency: 10,
      count: insertCount,
      what:
        info.dbKind === 'postgres'
          ? 'postgres.js single-row INSERTs (autocommit, fsync as configured) on the bench database from the server process, pool of 10'
          : 'PGlite file-backed single-row INSERTs (autocommit) on the server’s own database; PGlite is one connection, so 10 concurrent senders queue',
    }
    log(`raw inserts: ${rawInserts.rate.toFixed(0)}/s concurrent, ${rawInserts.serialRate.toFixed(0)}/s serial`)

    stage = 'stopping the server'
    pairs.forEach((p) => p.close())
    sockets.forEach((s) => s.close())
    await server.stop()

    // 4b. The socket limit: a bare Bun WebSocket relay, same pairs, window and rate.
    stage = 'raw relay'
    const relay = Child.spawn(path.join(here, 'relay-process.ts'), { ...process.env }, 'relay')
    cleanups.push(() => relay.stop())
    const relayInfo = await relay.ready
    const relayPairs: Pair[] = await Promise.all(pairVisitors.map((_, i) => RelayPair.open(`ws://127.0.0.1:${relayInfo.port}`, i)))
    cleanups.push(() => relayPairs.forEach((p) => (p as RelayPair).close()))
    await flood(relayPairs, opts.pairs * 10, opts.window, 'warm', phaseDeadline(30_000))
    const relayFlood = await flood(relayPairs, opts.messages, opts.window, 'flood', phaseDeadline(120_000))
    const relayPaced = await paced(relayPairs, latencyMessages, opts.rate, 'paced', phaseDeadline((latencyMessages / opts.rate) * 1000 + 30_000), 10_000)
    log(`raw relay: ${relayFlood.rate.toFixed(0)} msg/s`)

    stage = 'cleanup'
    await cleanup()
    clearTimeout(hardStop)

    const machine = describeMachine()
    const report: BenchReport = {
      machine,
      load: [loadAtStart, loadAverage()],
      database,
      run: { idle: opts.idle, pairs: opts.pairs, messages: opts.messages, window: opts.window, rate: opts.rate, latencyMessages },
      rss,
      throughput,
      throughputCpu: cpuSplit(cpu0, cpu1, machine.cores),
      latency,
      latencyCpu: cpuSplit(cpu2, cpu3, machine.cores),
      rawInserts,
      relayFlood,
      relayPaced,
      idleErrors: idleErrors + pairErrors,
      idleRetries,
      setupSeconds,
      totalSeconds: (performance.now() - t0) / 1000,
    }
    console.log(formatReport(report))
  } catch (err) {
    log(`failed during ${stage}: ${err instanceof Error ? err.stack ?? err.message : err}`)
    await cleanup()
    clearTimeout(hardStop)
    process.exit(1)
  }
  process.exit(0)
}

await main()
