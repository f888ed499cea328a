import { afterAll, beforeAll, describe } from 'bun:test'
import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { chromium, type Browser } from 'playwright-core'
import { reportSkipped } from './db.ts'

/** Debian's chromium, never a downloaded browser. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/** Screenshots and other files a person may want to look at after a run. */
export const ARTIFACTS_DIR = join(import.meta.dir, '../../../test-artifacts')

export function artifactPath(name: string): string {
  mkdirSync(ARTIFACTS_DIR, { recursive: true })
  return join(ARTIFACTS_DIR, name)
}

/**
 * A suite that needs a real browser: runs when chromium is installed, else is announced
 * as skipped (and fails under PARLEY_REQUIRE_ALL_SUITES=1, as in CI).
 */
export function describeWithBrowser(name: string, body: (browser: () => Browser) => void): void {
  if (!existsSync(CHROMIUM_PATH)) {
    reportSkipped(name, `chromium not found at ${CHROMIUM_PATH}`)
    return
  }
  describe(name, () => {
    let browser: Browser | undefined
    beforeAll(async () => {
      browser = await chromium.launch({
        executablePath: CHROMIUM_PATH,
        headless: true,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-quic',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--disable-dev-shm-usage',
        ],
      })
    })
    afterAll(async () => {
      await browser?.close()
    })
    body(() => {
      if (!browser) throw new Error('browser not started')
      return browser
    })
  })
}
