import type { Hono } from 'hono'
import type { AppEnv } from '../app.ts'
import { sql } from '../db/index.ts'
import type { Deps } from '../deps.ts'

/** GET /health: 200 when the database answers, 503 (with the reason) when it does not. */
export function mountHealth(app: Hono<AppEnv>, deps: Deps) {
  app.get('/health', async (c) => {
    try {
      await deps.db.query(sql`select 1`)
      return c.json({ status: 'ok', database: deps.db.kind })
    } catch (err) {
      return c.json({ status: 'unavailable', database: deps.db.kind, error: String((err as Error)?.message ?? err) }, 503)
    }
  })
}
