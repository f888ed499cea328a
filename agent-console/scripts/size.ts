import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { DIST } from './build.ts'

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`

if (!existsSync(join(DIST, 'app.js'))) {
  console.error('agent-console: dist/ is missing; run `npm run build -w agent-console` first')
  process.exit(1)
}
console.log('agent-console sizes (minified):')
for (const file of ['app.js', 'app.css', 'index.html']) {
  const raw = readFileSync(join(DIST, file))
  const gz = gzipSync(raw, { level: 9 })
  console.log(`  ${file.padEnd(11)} ${kb(raw.length).padStart(9)} raw  ${kb(gz.length).padStart(8)} gzip`)
}
