import type { Hono } from 'hono'
import type { AppEnv } from '../app.ts'
import type { Deps } from '../deps.ts'
import { STATIC_DIRS, staticFile } from './static.ts'

/** index.html names its assets with a content hash (?v=…), so they may be cached for good; the shell never. */
const IMMUTABLE = 'public, max-age=31536000, immutable'
const REVALIDATE = 'no-cache'

function withCaching(res: Response, cacheControl: string): Response {
  res.headers.set('cache-control', cacheControl)
  res.headers.set('x-content-type-options', 'nosniff')
  return res
}

/**
 * The agent console at /console: assets by path; any other route (/console/conversations/…,
 * /console/settings/…) gets the app shell, which routes on the client. A missing file with
 * an extension is a 404, not the shell, so a stale asset URL fails loudly.
 */
export function mountConsole(app: Hono<AppEnv>, _deps: Deps) {
  app.get('/console', (c) => c.redirect('/console/'))
  app.get('/console/*', (c) => {
    const rel = c.req.path.slice('/console/'.length)
    const asset = rel && rel !== 'index.html' ? staticFile(STATIC_DIRS.console, rel) : null
    if (asset) return withCaching(asset, c.req.query('v') ? IMMUTABLE : REVALIDATE)
    if (/\.[a-z0-9]+$/i.test(rel) && rel !== 'index.html') return c.notFound()
    const shell = staticFile(STATIC_DIRS.console, 'index.html')
    if (!shell) {
      return c.text('The agent console is not built yet. Run `npm run build` (or `npm run build -w agent-console`).', 503)
    }
    return withCaching(shell, REVALIDATE)
  })
}
