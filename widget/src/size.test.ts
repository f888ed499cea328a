import { afterAll, beforeAll, expect, test } from 'bun:test'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildWidget } from '../scripts/build.ts'
import { BUDGET, measure } from '../scripts/size.ts'

let dir: string
let built: Awaited<ReturnType<typeof buildWidget>>
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'parley-widget-size-'))
  built = await buildWidget(dir)
}, 30_000)
afterAll(() => rmSync(dir, { recursive: true, force: true }))

test('the loader stays within 2 KB gzip and everything needed before the first send within 20 KB', () => {
  const sizes = measure(built)
  console.log(`widget gzip sizes: loader ${sizes.loader} B, app.js ${sizes.app} B, app.css ${sizes.css} B, before first send ${sizes.firstSend} B`)
  expect(sizes.loader).toBeLessThanOrEqual(BUDGET.loader)
  expect(sizes.firstSend).toBeLessThanOrEqual(BUDGET.firstSend)
})

test('the loader never pulls in the app or Preact, and names the app by content hash', () => {
  expect(built.loader).not.toMatch(/__H|preact/)
  expect(built.loader).toMatch(/\/widget\/app\.js\?v=[0-9a-z]+/)
})
