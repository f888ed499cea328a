import type { Hono } from 'hono'
import type { AppEnv } from '../app.ts'
import type { Deps } from '../deps.ts'
import { STATIC_DIRS, staticFile } from './static.ts'

/** The agent console at /console: assets by path, every other route gets the app shell. */
export function mountConsole(app: Hono<AppEnv>, _deps: Deps) {
  app.get('/console', (c) => c.redirect('/console/'))
  app.get('/console/*', (c) => {
    const rel = c.req.path.slice('/console/'.length)
    return (rel && staticFile(STATIC_DIRS.console, rel)) || staticFile(STATIC_DIRS.console, 'index.html') || c.notFound()
  })
}
