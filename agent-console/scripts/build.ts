import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'

const ROOT = join(import.meta.dir, '..')
export const DIST = join(ROOT, 'dist')
/** Where the API serves the console (api/src/http/console-routes.ts). */
export const BASE = '/console/'

const short = (text: string) => Bun.hash(text).toString(36).slice(0, 8)

function page(js: string, css: string) {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>Parley</title>
<link rel="icon" href="data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 32 32'%3E%3Crect width='32' height='32' rx='8' fill='%234f46e5'/%3E%3Cpath d='M9 10h14v9H14l-5 4z' fill='white'/%3E%3C/svg%3E">
<link rel="stylesheet" href="${BASE}app.css?v=${short(css)}">
</head>
<body>
<div id="app"><div class="boot" role="status">Loading Parley…</div></div>
<script type="module" src="${BASE}app.js?v=${short(js)}"></script>
</body>
</html>
`
}

/**
 * Builds the console into dist/: index.html, app.js and app.css (minified by default). Files are
 * overwritten in place, never the folder removed, so a server running meanwhile keeps serving.
 */
export async function buildConsole(opts: { minify?: boolean; outdir?: string } = {}) {
  const outdir = opts.outdir ?? DIST
  const minify = opts.minify ?? true
  await mkdir(outdir, { recursive: true })
  const js = await Bun.build({
    entrypoints: [join(ROOT, 'src/main.tsx')],
    target: 'browser',
    minify,
    sourcemap: 'none',
    define: { 'process.env.NODE_ENV': '"production"' },
  })
  const css = await Bun.build({ entrypoints: [join(ROOT, 'src/styles.css')], minify })
  for (const r of [js, css]) if (!r.success) throw new AggregateError(r.logs, 'console build failed')
  const jsText = await js.outputs[0]!.text()
  const cssText = await css.outputs[0]!.text()
  await Bun.write(join(outdir, 'app.js'), jsText)
  await Bun.write(join(outdir, 'app.css'), cssText)
  await Bun.write(join(outdir, 'index.html'), page(jsText, cssText))
  return { js: jsText.length, css: cssText.length }
}

if (import.meta.main) {
  const t0 = performance.now()
  const sizes = await buildConsole({ minify: !process.argv.includes('--dev') })
  console.log(`agent-console: built dist/ (app.js ${sizes.js} B, app.css ${sizes.css} B) in ${Math.round(performance.now() - t0)} ms`)
}
