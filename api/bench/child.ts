import type { Subprocess } from 'bun'

async function* chunks(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) return
    yield value
  }
}

/** Lines a bench child prints for its parent start with this; anything else is its own logging. */
export const LINE_PREFIX = '@bench '

export interface ChildReply {
  id?: number
  ok: boolean
  error?: string
  [key: string]: unknown
}

/**
 * A bench helper process (the Parley server or the raw relay) run apart from the clients,
 * so its RSS and CPU are its own. It speaks JSON lines: commands on stdin, replies on stdout.
 */
export class Child {
  private nextId = 1
  private pending = new Map<number, { resolve: (r: ChildReply) => void; reject: (e: Error) => void }>()
  private readyWaiters: ((r: ChildReply) => void)[] = []
  private failed: Error | undefined
  readonly ready: Promise<ChildReply>

  private constructor(
    readonly proc: Subprocess<'pipe', 'pipe', 'inherit'>,
    label: string,
  ) {
    this.ready = new Promise((resolve, reject) => {
      this.readyWaiters.push(resolve)
      proc.exited.then((code) => {
        this.failed = new Error(`${label} exited with code ${code}`)
        reject(this.failed)
        for (const p of this.pending.values()) p.reject(this.failed)
        this.pending.clear()
      })
    })
    this.ready.catch(() => {})
    void this.readLines(label)
  }

  /** `bunFlags` are extra runtime flags for the child, e.g. ['--cpu-prof-md'] to profile it. */
  static spawn(script: string, env: Record<string, string | undefined>, label: string, bunFlags: string[] = []): Child {
    const proc = Bun.spawn(['bun', ...bunFlags, script], { stdin: 'pipe', stdout: 'pipe', stderr: 'inherit', env: env as Record<string, string> })
    return new Child(proc, label)
  }

  get pid(): number {
    return this.proc.pid
  }

  private async readLines(label: string) {
    const decoder = new TextDecoder()
    let buf = ''
    for await (const chunk of chunks(this.proc.stdout)) {
      buf += decoder.decode(chunk, { stream: true })
      let nl: number
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl)
        buf = buf.slice(nl + 1)
        if (!line.startsWith(LINE_PREFIX)) {
          if (line.trim()) process.stderr.write(`[${label}] ${line}\n`)
          continue
        }
        const reply = JSON.parse(line.slice(LINE_PREFIX.length)) as ChildReply
        if (reply.id === undefined) this.readyWaiters.splice(0).forEach((w) => w(reply))
        else {
          this.pending.get(reply.id)?.resolve(reply)
          this.pending.delete(reply.id)
        }
      }
    }
  }

  async call(cmd: string, args: Record<string, unknown> = {}): Promise<ChildReply> {
    if (this.failed) throw this.failed
    const id = this.nextId++
    const reply = new Promise<ChildReply>((resolve, reject) => this.pending.set(id, { resolve, reject }))
    this.proc.stdin.write(JSON.stringify({ id, cmd, ...args }) + '\n')
    this.proc.stdin.flush()
    const r = await reply
    if (!r.ok) throw new Error(`${cmd}: ${r.error}`)
    return r
  }

  /** Asks the child to stop cleanly, then kills it if it lingers. */
  async stop(timeoutMs = 15_000): Promise<void> {
    if (this.failed) return
    const exited = this.proc.exited
    try {
      await Promise.race([this.call('stop'), Bun.sleep(timeoutMs)])
    } catch {
      // it may exit before answering
    }
    const done = await Promise.race([exited.then(() => true), Bun.sleep(timeoutMs).then(() => false)])
    if (!done) this.proc.kill('SIGKILL')
  }

  kill() {
    if (!this.failed) this.proc.kill('SIGKILL')
  }
}

/** The child's side: announce readiness, then answer commands until `stop`. */
export function serveCommands(handlers: Record<string, (args: Record<string, any>) => Promise<Record<string, unknown>>>) {
  const write = (o: Record<string, unknown>) => process.stdout.write(LINE_PREFIX + JSON.stringify(o) + '\n')
  const decoder = new TextDecoder()
  let buf = ''
  void (async () => {
    for await (const chunk of chunks(Bun.stdin.stream())) {
      buf += decoder.decode(chunk, { stream: true })
      let nl: number
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl)
        buf = buf.slice(nl + 1)
        if (!line.trim()) continue
        const { id, cmd, ...args } = JSON.parse(line) as { id: number; cmd: string }
        const handler = handlers[cmd]
        if (!handler) {
          write({ id, ok: false, error: `unknown command ${cmd}` })
          continue
        }
        handler(args).then(
          (r) => write({ id, ok: true, ...r }),
          (err) => write({ id, ok: false, error: err instanceof Error ? err.message : String(err) }),
        )
      }
    }
    // The parent went away: nothing will ever ask this process to stop.
    process.exit(0)
  })()
  return { announce: (o: Record<string, unknown>) => write({ ok: true, ...o }) }
}

/** Blocks the event loop until `gc` settles and returns the resident set size in bytes. */
export async function settledRss(): Promise<number> {
  for (let i = 0; i < 3; i++) {
    Bun.gc(true)
    await Bun.sleep(100)
  }
  return process.memoryUsage().rss
}
