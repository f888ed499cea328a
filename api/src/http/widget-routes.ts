import type { Context, Hono } from 'hono'
import type { AppEnv } from '../app.ts'
import { sql } from '../db/index.ts'
import type { Deps } from '../deps.ts'
import { STATIC_DIRS, staticFile } from './static.ts'

/**
 * The embeddable widget: /widget.js (loader), /widget/* (app chunks), and /demo, a plain
 * customer-like page that embeds it exactly as the snippet says.
 */
export function mountWidget(app: Hono<AppEnv>, deps: Deps) {
  // The loader's URL never changes, so it is cached briefly; the app is fetched by a
  // content-hashed ?v= and can be cached for good. Customer sites are other origins, and
  // app.js is loaded with import(), which needs CORS.
  app.get('/widget.js', (c) => asset(c, 'widget.js', 'public, max-age=300'))
  app.get('/widget/*', (c) => asset(c, c.req.path.slice('/widget/'.length), c.req.query('v') ? 'public, max-age=31536000, immutable' : 'no-cache'))

  app.get('/demo', async (c) => {
    const asked = c.req.query('token')
    const token = asked ?? (await firstWebsiteToken(deps))
    if (!token || !SAFE_TOKEN.test(token)) {
      return c.html(page('Parley demo', '<main><h1>No web inbox yet</h1><p>Create a web inbox in the console, or open <code>/demo?token=&lt;website token&gt;</code>.</p></main>', ''), 404)
    }
    return c.html(demoPage(token, c.req.query('hostile') === '1'))
  })
}

function asset(c: Context<AppEnv>, relative: string, cacheControl: string) {
  const res = staticFile(STATIC_DIRS.widget, relative)
  if (!res) return c.notFound()
  res.headers.set('cache-control', cacheControl)
  res.headers.set('access-control-allow-origin', '*')
  res.headers.set('cross-origin-resource-policy', 'cross-origin')
  return res
}

const SAFE_TOKEN = /^[A-Za-z0-9_-]{1,128}$/

async function firstWebsiteToken(deps: Deps): Promise<string | undefined> {
  const [row] = await deps.db.query<{ token: string }>(sql`
    select website_token as token from inboxes
    where channel = 'web' and website_token is not null order by created_at limit 1`)
  return row?.token
}

/** What a hostile theme might ship; ?hostile=1 adds it so anyone can see the widget hold up. */
const HOSTILE_CSS = '* { all: unset !important; }'

function page(title: string, body: string, head: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${title}</title>
<style>
  body { margin: 0; font: 16px/1.6 Georgia, serif; color: #2d2a26; background: #faf7f2; }
  header { background: #2f4f3a; color: #fff; padding: 18px 32px; font: 600 20px/1.2 system-ui, sans-serif; }
  main { max-width: 720px; margin: 0 auto; padding: 32px; }
  .hero { background: #e9e2d3; border-radius: 12px; padding: 28px; margin: 0 0 24px; }
  .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(180px, 1fr)); gap: 16px; }
  .card { background: #fff; border: 1px solid #e2dccf; border-radius: 10px; padding: 16px; }
  code { background: #efe9dc; padding: 2px 6px; border-radius: 4px; }
</style>
${head}
</head>
<body>
${body}
</body>
</html>`
}

function demoPage(token: string, hostile: boolean): string {
  const body = `<header>Acme Outdoor Gear</header>
<main>
  <section class="hero">
    <h1>Gear for every trail</h1>
    <p>This is a plain page of a made-up shop. The chat button in the corner is the Parley widget,
    embedded with the one line below, exactly as a customer would paste it.</p>
    <p><code>&lt;script src="/widget.js" data-website-token="${token}" async&gt;&lt;/script&gt;</code></p>
  </section>
  <div class="grid">
    <div class="card"><h3>Tents</h3><p>Two-person, three-season, 1.9 kg.</p></div>
    <div class="card"><h3>Backpacks</h3><p>38 litres with a rain cover.</p></div>
    <div class="card"><h3>Stoves</h3><p>Boils a litre in three minutes.</p></div>
  </div>
  <p>Try <a href="?token=${token}&amp;hostile=1">the page with a hostile stylesheet</a> (<code>* { all: unset !important }</code>).</p>
</main>
<script src="/widget.js" data-website-token="${token}" async></script>`
  return page('Acme Outdoor Gear — Parley demo', body, hostile ? `<style>${HOSTILE_CSS}</style>` : '')
}
