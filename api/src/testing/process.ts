import { join } from 'node:path'

const MAIN = join(import.meta.dir, '../main.ts')

export interface ApiProcess {
  url: string
  port: number
  output: () => string
  kill(signal?: NodeJS.Signals): Promise<number>
}

export async function freePort(): Promise<number> {
  const s = Bun.serve({ port: 0, hostname: '127.0.0.1', fetch: () => new Response() })
  const port = s.port!
  s.stop(true)
  return port
}

/** `npm run start:api` as a child process on a loopback port; resolves once /health answers. */
export async function spawnApi(env: Record<string, string>, args = ['--api', '--no-seed'], port?: number): Promise<ApiProcess> {
  const p = port ?? (await freePort())
  const proc = Bun.spawn([process.execPath, MAIN, ...args], {
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(p), ...env },
    stdout: 'pipe',
    stderr: 'pipe',
  })
  let out = ''
  for (const stream of [proc.stdout, proc.stderr]) {
    void (async () => {
      const reader = stream.getReader()
      const decoder = new TextDecoder()
      for (;;) {
        const { value, done } = await reader.read()
        if (done) break
        out += decoder.decode(value)
      }
    })()
  }
  const url = `http://127.0.0.1:${p}`
  const deadline = Date.now() + 30_000
  while (Date.now() < deadline) {
    const ok = await fetch(`${url}/health`).then((r) => r.ok).catch(() => false)
    if (ok) break
    if (proc.exitCode !== null) throw new Error(`API process exited early:\n${out}`)
    await Bun.sleep(100)
  }
  return {
    url,
    port: p,
    output: () => out,
    async kill(signal = 'SIGTERM') {
      proc.kill(signal)
      return proc.exited
    },
  }
}
