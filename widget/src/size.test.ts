import { expect, test } from 'bun:test'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildWidget } from '../scripts/build.ts'
import { BUDGET, measure } from '../scripts/size.ts'

test('the loader stays within 2 KB gzip and everything needed before the first send within 20 KB', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'parley-widget-size-'))
  try {
    const sizes = measure(await buildWidget(dir))
    console.log(`widget gzip sizes: loader ${sizes.loader} B, app.js ${sizes.app} B, app.css ${sizes.css} B, before first send ${sizes.firstSend} B`)
    expect(sizes.loader).toBeLessThanOrEqual(BUDGET.loader)
    expect(sizes.firstSend).toBeLessThanOrEqual(BUDGET.firstSend)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})

test('the loader never pulls in the app or Preact', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'parley-widget-size-'))
  try {
    const { loader } = await buildWidget(dir)
    expect(loader).not.toMatch(/__H|preact/)
    expect(loader).toMatch(/\/widget\/app\.js\?v=[0-9a-z]+/)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})
