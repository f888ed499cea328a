export interface BackoffOptions {
  /** First delay before jitter, ms. */
  baseMs?: number
  /** Cap before jitter, ms. */
  maxMs?: number
}

/**
 * Exponential backoff with "equal jitter": half the window is fixed, half random, so a
 * thousand widgets dropped by one deploy do not reconnect in the same instant, yet no
 * retry comes sooner than half its step.
 */
export function backoffDelay(attempt: number, random: () => number = Math.random, opts: BackoffOptions = {}): number {
  const base = opts.baseMs ?? 500
  const max = opts.maxMs ?? 30_000
  const window = Math.min(max, base * 2 ** Math.max(0, attempt))
  return Math.round(window / 2 + random() * (window / 2))
}
