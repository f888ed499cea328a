import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { DIST } from './build.ts'

/** Gzip budgets from the issue: the loader on every page, and all that is needed before the first send. */
export const BUDGET = { loader: 2 * 1024, firstSend: 20 * 1024 }

export const gzipSize = (text: string) => Bun.gzipSync(new TextEncoder().encode(text), { level: 9 }).length

export function measure(files: { loader: string; app: string; css: string }) {
  const loader = gzipSize(files.loader)
  const app = gzipSize(files.app)
  const css = gzipSize(files.css)
  return { loader, app, css, firstSend: loader + app + css }
}

if (import.meta.main) {
  const read = (f: string) => {
    const p = join(DIST, f)
    if (!existsSync(p)) throw new Error(`${p} is missing; run npm run build -w widget first`)
    return readFileSync(p, 'utf8')
  }
  const files = { loader: read('widget.js'), app: read('app.js'), css: read('app.css') }
  const s = measure(files)
  const kb = (n: number) => `${(n / 1024).toFixed(2)} KB`
  console.log(`widget.js (loader)   ${kb(files.loader.length).padStart(9)} raw  ${kb(s.loader).padStart(9)} gzip   budget ${kb(BUDGET.loader)}`)
  console.log(`app.js               ${kb(files.app.length).padStart(9)} raw  ${kb(s.app).padStart(9)} gzip`)
  console.log(`app.css              ${kb(files.css.length).padStart(9)} raw  ${kb(s.css).padStart(9)} gzip`)
  console.log(`before first send    ${''.padStart(13)}  ${kb(s.firstSend).padStart(9)} gzip   budget ${kb(BUDGET.firstSend)}`)
  const over = s.loader > BUDGET.loader || s.firstSend > BUDGET.firstSend
  if (over) console.error('OVER BUDGET')
  process.exit(over ? 1 : 0)
}
