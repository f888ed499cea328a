import { beforeAll, expect, test } from 'bun:test'
import { Hono } from 'hono'
import type { AppEnv } from '../../api/src/app.ts'
import type { Deps } from '../../api/src/deps.ts'
import { mountConsole } from '../../api/src/http/console-routes.ts'
import { buildConsole } from './build.ts'

const app = new Hono<AppEnv>()
mountConsole(app, {} as Deps)
let built: { js: number; css: number }

beforeAll(async () => {
  built = await buildConsole()
}, 20_000)

test('the build writes a minified app with its assets under /console/', async () => {
  const html = await (await app.request('/console/')).text()
  const js = /src="(\/console\/app\.js\?v=\w+)"/.exec(html)?.[1]
  const css = /href="(\/console\/app\.css\?v=\w+)"/.exec(html)?.[1]
  expect(js).toBeDefined()
  expect(css).toBeDefined()
  const jsRes = await app.request(js!)
  expect(jsRes.headers.get('content-type')).toContain('text/javascript')
  expect(jsRes.headers.get('cache-control')).toContain('immutable')
  expect((await jsRes.text()).length).toBe(built.js)
  expect((await app.request(css!)).headers.get('content-type')).toContain('text/css')
  // Minified: no source-sized whitespace left.
  expect(built.js).toBeLessThan(400_000)
})

test('client routes get the app shell; missing assets are 404s; /console redirects', async () => {
  for (const path of ['/console/conversations/5b0e8c1e-0000-4000-8000-000000000000', '/console/settings/agents', '/console/index.html']) {
    const res = await app.request(path)
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toBe('no-cache')
    expect(await res.text()).toContain('<div id="app">')
  }
  expect((await app.request('/console/app.js.map')).status).toBe(404)
  expect((await app.request('/console/../../package.json')).status).not.toBe(200)
  const redirect = await app.request('/console')
  expect(redirect.status).toBe(302)
  expect(redirect.headers.get('location')).toBe('/console/')
})
