import { expect, test } from 'bun:test'
import path from 'node:path'
import { reportSkipped } from '../src/testing/db.ts'
import { FIGURES } from './report.ts'

const TINY = ['--idle', '20', '--pairs', '2', '--messages', '40', '--rate', '200', '--duration-limit', '60']

/** Runs the real `npm run bench` entry at a tiny size; figures are printed, never asserted. */
async function runBench(databaseUrl: string | undefined) {
  const proc = Bun.spawn(['bun', path.join(import.meta.dir, 'index.ts'), ...TINY], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdout: 'pipe',
    stderr: 'pipe',
  })
  const [stdout, stderr, code] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited])
  if (code !== 0) console.error(stderr)
  expect(code).toBe(0)
  const lines = stdout.split('\n')
  for (const label of Object.values(FIGURES)) {
    expect(lines.some((l) => l.startsWith(label + ' '))).toBe(true)
  }
  expect(stdout).toContain('machine:')
  expect(stdout).toMatch(/throughput phase: 40\/40 delivered/)
  expect(stdout).toContain('idle subscriptions that failed: 0')
}

test('bench runs to completion on PGlite and prints every figure', () => runBench(undefined), 60_000)

if (process.env.TEST_DATABASE_URL) {
  test('bench runs to completion on server PostgreSQL and prints every figure', () => runBench(process.env.TEST_DATABASE_URL), 60_000)
} else {
  reportSkipped('bench [postgres]', 'TEST_DATABASE_URL is not set')
}
