/**
 * Load drivers shared by Parley and the raw relay: a flood with a bounded window per pair
 * (throughput) and a paced schedule at a fixed rate (latency). Ids name each message;
 * the pair's receiving side reports them back to the running phase.
 */

export interface Pair {
  /** Starts sending message `id`; the pair reports stored/delivered/failed to `phase`. */
  send(id: string, phase: Phase): void
}

export interface PhaseResult {
  sent: number
  delivered: number
  failed: number
  firstFailure?: string
  /** First send start → last delivery, seconds. */
  seconds: number
  /** Delivered messages per second over `seconds`. */
  rate: number
  /**
   * Send start → event received at the other side, ms. Messages still undelivered at the
   * deadline count with their age then, so percentiles stay honest lower bounds.
   */
  latency: Float64Array
  /** How many of `latency` are such lower bounds. */
  censored: number
  /** Send start → the sender's own mutation result (stored), ms; empty for the relay. */
  stored: Float64Array
  timedOut: boolean
}

export class Phase {
  private starts = new Map<string, number>()
  private pairOf = new Map<string, number>()
  private settled = new Set<string>()
  private latency: number[] = []
  private stored: number[] = []
  private failed = 0
  private firstFailure: string | undefined
  private firstSend = 0
  private lastDelivery = 0
  private waiter: (() => void) | undefined
  /** Called when a message settles (delivered or failed), with its pair index. */
  onSettle: ((pair: number) => void) | undefined

  constructor(private expected: number) {}

  sent(id: string, pair: number) {
    const now = performance.now()
    if (this.starts.size === 0) this.firstSend = now
    this.starts.set(id, now)
    this.pairOf.set(id, pair)
  }

  markStored(id: string) {
    const t = this.starts.get(id)
    if (t !== undefined) this.stored.push(performance.now() - t)
  }

  markDelivered(id: string) {
    const t = this.starts.get(id)
    if (t === undefined || this.settled.has(id)) return
    const now = performance.now()
    this.latency.push(now - t)
    this.lastDelivery = now
    this.settle(id)
  }

  markFailed(id: string, reason: string) {
    if (!this.starts.has(id) || this.settled.has(id)) return
    this.failed++
    this.firstFailure ??= reason
    this.settle(id)
  }

  private settle(id: string) {
    this.settled.add(id)
    this.onSettle?.(this.pairOf.get(id)!)
    if (this.settled.size >= this.expected) this.waiter?.()
  }

  /** Waits until every expected message settled or the deadline passed. */
  async finish(deadline: number): Promise<PhaseResult> {
    let timedOut = false
    if (this.settled.size < this.expected) {
      const left = Math.max(0, deadline - performance.now())
      timedOut = await new Promise<boolean>((resolve) => {
        const t = setTimeout(() => resolve(true), left)
        this.waiter = () => {
          clearTimeout(t)
          resolve(false)
        }
      })
    }
    const delivered = this.latency.length
    const end = performance.now()
    const pending = [...this.starts].filter(([id]) => !this.settled.has(id)).map(([, t]) => end - t)
    const seconds = delivered ? (this.lastDelivery - this.firstSend) / 1000 : 0
    return {
      sent: this.starts.size,
      delivered,
      failed: this.failed,
      firstFailure: this.firstFailure,
      seconds,
      rate: seconds > 0 ? delivered / seconds : 0,
      latency: Float64Array.from([...this.latency, ...pending]).sort(),
      censored: pending.length,
      stored: Float64Array.from(this.stored).sort(),
      timedOut,
    }
  }
}

/** Sends `total` messages spread over the pairs, at most `window` unsettled per pair. */
export function flood(pairs: Pair[], total: number, window: number, tag: string, deadline: number): Promise<PhaseResult> {
  const phase = new Phase(total)
  const quota = pairs.map((_, i) => Math.floor(total / pairs.length) + (i < total % pairs.length ? 1 : 0))
  const inflight = pairs.map(() => 0)
  const sentCount = pairs.map(() => 0)
  const pump = (i: number) => {
    while (inflight[i]! < window && sentCount[i]! < quota[i]!) {
      const id = `${tag}-${i}-${sentCount[i]}`
      inflight[i]!++
      sentCount[i]!++
      phase.sent(id, i)
      pairs[i]!.send(id, phase)
    }
  }
  phase.onSettle = (i) => {
    inflight[i]!--
    pump(i)
  }
  pairs.forEach((_, i) => pump(i))
  return phase.finish(deadline)
}

/**
 * Sends `count` messages at `rate` per second, round-robin over the pairs, whatever the
 * server's backlog: latency is measured from each actual send start.
 */
export async function paced(pairs: Pair[], count: number, rate: number, tag: string, deadline: number, graceMs: number): Promise<PhaseResult> {
  const phase = new Phase(count)
  const interval = 1000 / rate
  const t0 = performance.now()
  let k = 0
  while (k < count && performance.now() < deadline) {
    const due = Math.min(count, Math.floor((performance.now() - t0) / interval) + 1)
    for (; k < due; k++) {
      const i = k % pairs.length
      const id = `${tag}-${i}-${k}`
      phase.sent(id, i)
      pairs[i]!.send(id, phase)
    }
    await Bun.sleep(1)
  }
  return phase.finish(Math.min(deadline, performance.now() + graceMs))
}

export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[idx]!
}
