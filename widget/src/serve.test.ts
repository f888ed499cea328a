import { afterAll, beforeAll, expect, test } from 'bun:test'
import { createTestAccount, startTestApi, type TestAccount, type TestApi } from '../../api/src/testing/api.ts'
import { describeEachDb } from '../../api/src/testing/db.ts'
import { buildWidget } from '../scripts/build.ts'

/** How the API serves the widget (api/src/http/widget-routes.ts): files, caching, CORS, /demo. */
describeEachDb('widget routes', ({ deps }) => {
  let api: TestApi
  let first: TestAccount
  beforeAll(async () => {
    await buildWidget()
    api = await startTestApi(deps())
    first = await createTestAccount(deps(), api)
    await createTestAccount(deps(), api)
  }, 30_000)
  afterAll(() => api.stop())

  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${api.server.url}${path}`, { headers })

  test('the loader is cached briefly, the hashed app for good; both may be loaded from any origin', async () => {
    const loader = await get('/widget.js', { origin: 'https://shop.example' })
    expect(loader.status).toBe(200)
    expect(loader.headers.get('content-type')).toStartWith('text/javascript')
    expect(loader.headers.get('cache-control')).toBe('public, max-age=300')
    expect(loader.headers.get('access-control-allow-origin')).toBe('*')
    const version = /app\.js\?v=([0-9a-z]+)/.exec(await loader.text())?.[1]
    expect(version).toBeTruthy()
    const app = await get(`/widget/app.js?v=${version}`)
    expect(app.headers.get('cache-control')).toContain('immutable')
    expect(app.headers.get('access-control-allow-origin')).toBe('*')
    expect((await get('/widget/app.css')).headers.get('content-type')).toStartWith('text/css')
  }, 20_000)

  test('nothing outside the build is reachable', async () => {
    for (const path of ['/widget/../package.json', '/widget/%2e%2e/package.json', '/widget/nope.js']) {
      expect((await get(path)).status).toBe(404)
    }
  }, 20_000)

  test('/demo embeds the snippet with the first web inbox, or ?token=; a malformed token is refused', async () => {
    const plain = await (await get('/demo')).text()
    expect(plain).toContain(`<script src="/widget.js" data-website-token="${first.inbox.websiteToken}" async></script>`)
    const chosen = await (await get('/demo?token=abc_DEF-123')).text()
    expect(chosen).toContain('data-website-token="abc_DEF-123"')
    const hostile = await get('/demo?token=%22%3E%3Cscript%3Ealert(1)%3C/script%3E')
    expect(hostile.status).toBe(404)
    expect(await hostile.text()).not.toContain('<script>alert(1)')
    expect(await (await get(`/demo?token=${first.inbox.websiteToken}&hostile=1`)).text()).toContain('all: unset !important')
  }, 20_000)
})
