/** The printed result: one table of figures with the issue's targets beside them. */
import type { CpuSplit, Machine } from './machine.ts'
import { percentile, type PhaseResult } from './load.ts'

/** Every figure line starts with one of these; bench.test.ts checks they are all printed. */
export const FIGURES = {
  delivery: 'Parley persisted + delivered',
  rawInserts: 'raw single-row inserts, concurrent',
  rawInsertsSerial: 'raw single-row inserts, serial',
  deliveryRatio: 'Parley delivery ÷ raw inserts',
  latency: 'Parley latency p50/p95/p99',
  stored: 'Parley send → stored p50/p95/p99',
  relayRate: 'raw relay throughput',
  relayLatency: 'raw relay latency p50/p95/p99',
  latencyRatio: 'Parley p99 ÷ raw relay p99',
  rss: 'server RSS per idle socket',
  rssPoints: 'server RSS at idle counts',
} as const

export interface BenchReport {
  machine: Machine
  /** 1-minute load average at the start and the end: other work on the box skews every figure. */
  load: [number | undefined, number | undefined]
  database: string
  run: { idle: number; pairs: number; messages: number; window: number; rate: number; latencyMessages: number }
  rss: { counts: number[]; bytes: number[] }
  throughput: PhaseResult
  throughputCpu?: CpuSplit
  latency: PhaseResult
  latencyCpu?: CpuSplit
  rawInserts: { rate: number; concurrency: number; serialRate: number; count: number; what: string }
  relayFlood: PhaseResult
  relayPaced: PhaseResult
  idleErrors: number
  /** Idle sockets the server closed during connection init and the bench reopened. */
  idleRetries: number
  setupSeconds: number
  totalSeconds: number
}

const TARGET = { deliveryRatio: 0.5, p99Ms: 50, p99Rate: 500, p99Idle: 5000, rssKB: 30 }

const num = (n: number, digits = 0) => (Number.isFinite(n) ? n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }) : 'n/a')
const ms = (n: number) => (Number.isFinite(n) ? (n < 10 ? num(n, 2) : n < 100 ? num(n, 1) : num(n, 0)) : 'n/a')
const pcts = (sorted: Float64Array, censored = 0) =>
  `${censored ? '≥ ' : ''}${ms(percentile(sorted, 50))} / ${ms(percentile(sorted, 95))} / ${ms(percentile(sorted, 99))} ms`
const mark = (ok: boolean) => (ok ? '✓' : '✗')
const count = (r: PhaseResult) =>
  `${r.delivered}/${r.sent} delivered${r.failed ? `, ${r.failed} failed (${r.firstFailure})` : ''}` +
  `${r.timedOut ? `, stopped at the phase deadline (${r.censored} undelivered count in the percentiles with their age then)` : ''}`
const cores = (c?: CpuSplit) =>
  c ? `server ${num(c.server, 2)} · bench clients ${num(c.client, 2)} · postgres processes ${num(c.postgres, 2)} · everything else on the box ${num(c.other, 2)} · idle ${num(c.idle, 2)} cores` : 'n/a'

export function rssSlopeKB(rss: BenchReport['rss']): number {
  const n = rss.counts.length
  if (n < 2) return NaN
  return (rss.bytes[n - 1]! - rss.bytes[n - 2]!) / (rss.counts[n - 1]! - rss.counts[n - 2]!) / 1024
}

export function formatReport(r: BenchReport): string {
  // The limit is the better of the two ways of inserting; the ratio is against it.
  const rawLimit = Math.max(r.rawInserts.rate, r.rawInserts.serialRate)
  const deliveryRatio = r.throughput.rate / rawLimit
  const p99 = percentile(r.latency.latency, 99)
  const relayP99 = percentile(r.relayPaced.latency, 99)
  const slope = rssSlopeKB(r.rss)
  const atTargetLoad = r.run.idle >= TARGET.p99Idle && r.run.rate >= TARGET.p99Rate
  const p99Note = atTargetLoad ? '' : ` (this run: ${r.run.idle} idle, ${r.run.rate} msg/s; the target is at 5,000 idle, 500 msg/s)`

  const rows: [string, string, string, string][] = [
    [FIGURES.delivery, `${num(r.throughput.rate)} msg/s`, `≥ ${TARGET.deliveryRatio}× raw inserts = ${num(TARGET.deliveryRatio * rawLimit)} msg/s`, mark(deliveryRatio >= TARGET.deliveryRatio)],
    [FIGURES.rawInserts, `${num(r.rawInserts.rate)} rows/s`, `limit (${r.rawInserts.concurrency} at a time)`, ''],
    [FIGURES.rawInsertsSerial, `${num(r.rawInserts.serialRate)} rows/s`, 'limit (one at a time)', ''],
    [FIGURES.deliveryRatio, `${num(deliveryRatio, 2)}×`, `≥ ${TARGET.deliveryRatio}× (of the better insert figure)`, mark(deliveryRatio >= TARGET.deliveryRatio)],
    [FIGURES.latency, pcts(r.latency.latency, r.latency.censored), `p99 ≤ ${TARGET.p99Ms} ms${atTargetLoad ? '' : ' *'}`, mark(p99 <= TARGET.p99Ms && r.latency.delivered === r.latency.sent)],
    [FIGURES.stored, pcts(r.latency.stored), '(part of the above)', ''],
    [FIGURES.relayRate, `${num(r.relayFlood.rate)} msg/s`, 'limit', ''],
    [FIGURES.relayLatency, pcts(r.relayPaced.latency, r.relayPaced.censored), `limit (at ${r.run.rate} msg/s)`, ''],
    [FIGURES.latencyRatio, `${num(p99 / relayP99, 1)}×`, '(informative)', ''],
    [FIGURES.rss, `${num(slope, 1)} KB`, `≤ ${TARGET.rssKB} KB`, mark(slope <= TARGET.rssKB)],
    [FIGURES.rssPoints, r.rss.counts.map((c, i) => `${c}: ${num(r.rss.bytes[i]! / 2 ** 20, 1)} MiB`).join(' · '), '(slope between the last two)', ''],
  ]
  const w0 = Math.max(...rows.map((x) => x[0].length))
  const w1 = Math.max(...rows.map((x) => x[1].length))
  const w2 = Math.max(...rows.map((x) => x[2].length))
  const line = (x: string[]) => `${x[0]!.padEnd(w0)}  ${x[1]!.padEnd(w1)}  ${x[2]!.padEnd(w2)}  ${x[3]}`.trimEnd()

  const m = r.machine
  return [
    '',
    `Parley benchmark · ${new Date().toISOString().slice(0, 16)}Z · loopback only`,
    `machine:  ${m.cpu} · ${m.cores} cores · ${num(m.memoryGiB, 1)} GiB RAM · ${m.kernel} · Bun ${m.bun}`,
    `load:     1-min load average ${r.load.map((l) => (l === undefined ? '?' : num(l, 2))).join(' at start, ')} at end (${m.cores} cores; above ${m.cores} means other work competed for the CPU)`,
    `database: ${r.database}`,
    `run:      ${r.run.idle} idle visitor sockets (1 subscription each) · ${r.run.pairs} visitor/agent pairs · ` +
      `throughput ${r.run.messages} msgs (≤ ${r.run.window} in flight per pair) · latency ${r.run.latencyMessages} msgs paced at ${r.run.rate} msg/s`,
    '',
    line(['figure', 'value', 'target', '']),
    line(['-'.repeat(w0), '-'.repeat(w1), '-'.repeat(w2), '-']),
    ...rows.map(line),
    '',
    `throughput phase: ${count(r.throughput)} in ${num(r.throughput.seconds, 2)} s; latency under flood p50/p99 ${ms(percentile(r.throughput.latency, 50))} / ${ms(percentile(r.throughput.latency, 99))} ms`,
    `  cpu: ${cores(r.throughputCpu)}`,
    `latency phase:    ${count(r.latency)} in ${num(r.latency.seconds, 2)} s (${num(r.latency.rate)} msg/s achieved)`,
    `  cpu: ${cores(r.latencyCpu)}`,
    `raw relay:        flood ${count(r.relayFlood)}; paced ${count(r.relayPaced)}`,
    `raw inserts:      ${r.rawInserts.what}, ${r.rawInserts.count} rows per measurement`,
    `idle subscriptions that failed: ${r.idleErrors} · idle sockets reopened after the server timed out their init: ${r.idleRetries} · setup ${num(r.setupSeconds, 1)} s · whole run ${num(r.totalSeconds, 1)} s`,
    ...(atTargetLoad ? [] : [`* ${p99Note.trim().replace(/^\(|\)$/g, '')}`]),
    '',
  ].join('\n')
}
