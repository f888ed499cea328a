import type { Hono } from 'hono'
import type { AppEnv } from '../app.ts'
import type { Deps } from '../deps.ts'
import { STATIC_DIRS, staticFile } from './static.ts'

/** The embeddable widget: /widget.js (loader), /widget/* (app chunks). */
export function mountWidget(app: Hono<AppEnv>, _deps: Deps) {
  app.get('/widget.js', (c) => staticFile(STATIC_DIRS.widget, 'widget.js') ?? c.notFound())
  app.get('/widget/*', (c) => staticFile(STATIC_DIRS.widget, c.req.path.slice('/widget/'.length)) ?? c.notFound())
}
