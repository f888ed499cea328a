import { mkdirSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

const SRC = join(import.meta.dir, '../src')
export const DIST = join(import.meta.dir, '../dist')

async function bundle(config: Parameters<typeof Bun.build>[0]): Promise<string> {
  const result = await Bun.build(config)
  if (!result.success) throw new AggregateError(result.logs, `build of ${config.entrypoints.join(', ')} failed`)
  const [output] = result.outputs
  if (!output) throw new Error(`no output for ${config.entrypoints.join(', ')}`)
  return output.text()
}

/**
 * Builds the widget into `outdir`: widget.js (the loader, a classic script), app.js (an ES
 * module the loader imports on first open) and app.css (linked into the shadow root).
 * The loader carries a hash of the app, so a new app is fetched as soon as the loader is.
 */
export async function buildWidget(outdir = DIST): Promise<{ loader: string; app: string; css: string }> {
  const app = await bundle({
    entrypoints: [join(SRC, 'app/index.tsx')],
    format: 'esm',
    target: 'browser',
    minify: true,
    define: { 'process.env.NODE_ENV': '"production"' },
  })
  const css = await bundle({ entrypoints: [join(SRC, 'app/app.css')], minify: true, target: 'browser' })
  const version = Bun.hash(app + css).toString(36)
  const loader = await bundle({
    entrypoints: [join(SRC, 'loader/index.ts')],
    format: 'iife',
    target: 'browser',
    minify: true,
    define: { __APP_VERSION__: JSON.stringify(version) },
  })
  mkdirSync(outdir, { recursive: true })
  // Replace each file atomically: a running server may be serving the old build right now.
  for (const [name, text] of [['app.js', app], ['app.css', css], ['widget.js', loader]] as const) {
    const tmp = join(outdir, `.${name}.${process.pid}.tmp`)
    writeFileSync(tmp, text)
    renameSync(tmp, join(outdir, name))
  }
  return { loader, app, css }
}

if (import.meta.main) {
  const t0 = performance.now()
  await buildWidget()
  console.log(`widget built into ${DIST} in ${Math.round(performance.now() - t0)} ms`)
}
