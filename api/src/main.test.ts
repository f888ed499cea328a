import { expect, test } from 'bun:test'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort } from './testing/process.ts'

const MAIN = join(import.meta.dir, 'main.ts')


// The 15 s start-up target is measured, not asserted (tests check behaviour): the time is printed.
test('npm start on an empty data folder answers /health, prints the seeded login, and stops on Ctrl-C', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'parley-start-'))
  const port = await freePort()
  const proc = Bun.spawn([process.execPath, MAIN], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', PARLEY_DATA_DIR: dataDir, DATABASE_URL: '', PARLEY_DEMO_PASSWORD: '' },
    stdout: 'pipe',
    stderr: 'pipe',
  })
  let output = ''
  const reader = (async () => {
    const stream = proc.stdout.getReader()
    const decoder = new TextDecoder()
    for (;;) {
      const { value, done } = await stream.read()
      if (done) break
      output += decoder.decode(value)
    }
  })()
  try {
    const started = Date.now()
    let health: unknown
    while (Date.now() - started < 60_000) {
      health = await fetch(`http://127.0.0.1:${port}/health`).then((r) => r.json()).catch(() => undefined)
      if (health) break
      await Bun.sleep(100)
    }
    expect(health).toEqual({ status: 'ok', database: 'pglite' })
    console.log(`npm start: /health answered ${Date.now() - started} ms after launch on an empty data folder`)
    while (!/website token: \S+/.test(output) && Date.now() - started < 70_000) await Bun.sleep(50)
    const login = /login:\s+(\S+)\s+password: (\S+)/.exec(output)
    expect(login?.[1]).toBe('admin@parley.local')
    const signIn = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `mutation($i: SignInInput!) { signIn(input: $i) { agent { role } } }`, variables: { i: { email: login![1], password: login![2] } } }),
    }).then((r) => r.json())
    expect(signIn.data.signIn.agent.role).toBe('ADMIN')
    proc.kill('SIGINT')
    expect(await proc.exited).toBe(0)
    await reader
    expect(output).toContain('shutting down')
  } finally {
    proc.kill('SIGKILL')
    rmSync(dataDir, { recursive: true, force: true })
  }
}, 100_000)
