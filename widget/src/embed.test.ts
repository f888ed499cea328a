import { afterAll, beforeAll, expect, test } from 'bun:test'
import type { BrowserContext, Page } from 'playwright-core'
import { createTestAccount, SEND, startTestApi, type TestAccount, type TestApi } from '../../api/src/testing/api.ts'
import { artifactPath, describeWithBrowser } from '../../api/src/testing/browser.ts'
import { freshDb, testDeps } from '../../api/src/testing/db.ts'
import type { Deps } from '../../api/src/deps.ts'
import { buildWidget } from '../scripts/build.ts'

const STEP_MS = 10_000
/** Explicit per test: bun's default is 5 s, and a timeout makes bun kill every child process of the file, chromium included. */
const TEST_MS = 30_000
const STORED = `query($id: ID!) { conversation(id: $id) { messages(first: 100) { nodes { seq body senderType clientMessageId } } } }`

/**
 * The widget as a visitor meets it: the /demo page served by the API embeds widget.js with
 * the snippet, in Debian's chromium. Agents act through the GraphQL API.
 */
describeWithBrowser('widget on the demo page', (browser) => {
  let deps: Deps
  let drop: () => Promise<void>
  let api: TestApi
  let acme: TestAccount
  const contexts: BrowserContext[] = []

  beforeAll(async () => {
    await buildWidget()
    const fresh = await freshDb('pglite')
    drop = fresh.drop
    deps = await testDeps(fresh.db)
    api = await startTestApi(deps)
    acme = await createTestAccount(deps, api)
  }, 60_000)
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {})
    await api?.stop()
    await deps?.bus.close()
    await drop?.()
  }, TEST_MS)

  async function visitor(opts: { width?: number; height?: number; hostile?: boolean; context?: BrowserContext; token?: string } = {}) {
    let context = opts.context
    if (!context) {
      context = await browser().newContext({ viewport: { width: opts.width ?? 1280, height: opts.height ?? 800 }, reducedMotion: 'reduce' })
      context.setDefaultTimeout(STEP_MS)
      contexts.push(context)
    }
    const page = await context.newPage()
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    await page.goto(`${api.server.url}/demo?token=${opts.token ?? acme.inbox.websiteToken}${opts.hostile ? '&hostile=1' : ''}`)
    return { context, page, errors }
  }
  const openChat = async (page: Page) => {
    await page.locator('button.l').click()
    await page.locator('.p textarea').waitFor()
  }
  const send = async (page: Page, text: string) => {
    await page.locator('.p textarea').fill(text)
    await page.locator('.p textarea').press('Enter')
  }
  /** The conversation id the widget keeps in the page's localStorage, once it has one. */
  const waitForConversation = async (page: Page, token = acme.inbox.websiteToken) => {
    const handle = await page.waitForFunction((t) => JSON.parse(localStorage.getItem(`parley:${t}:session`) ?? '{}').conversationId, token)
    return (await handle.jsonValue()) as string
  }
  const stored = async (id: string) => {
    const r = await api.http(STORED, { id }, acme.adminToken)
    return r.data!.conversation.messages.nodes as { seq: number; body: string; senderType: string }[]
  }
  const agentSays = (id: string, body: string) => api.http(SEND, { i: { conversationId: id, clientMessageId: crypto.randomUUID(), body } }, acme.adminToken)
  const bubbles = (page: Page) => page.locator('.log .bd').allTextContents()
  const bubble = (page: Page, text: string) => page.locator('.log li', { hasText: text })

  test('open, send, and an agent reply sent through the API appears; the visitor sees it was read', async () => {
    const { page, errors } = await visitor()
    await openChat(page)
    await send(page, 'Hi, where is my order?')
    await bubble(page, 'Hi, where is my order?').and(page.locator('[data-status="sent"]')).waitFor()
    const id = await waitForConversation(page)
    await api.http(`mutation($i: SetTypingInput!) { setTyping(input: $i) }`, { i: { conversationId: id, isTyping: true } }, acme.adminToken)
    await page.locator('.ty', { hasText: 'typing' }).waitFor()
    await page.screenshot({ path: artifactPath('widget-agent-typing.png') })
    await agentSays(id, 'Hello! It ships today: https://example.com/track')
    await bubble(page, 'It ships today').waitFor()
    await page.locator('.ty').waitFor({ state: 'detached' })
    const link = page.locator('.log a')
    expect(await link.getAttribute('rel')).toBe('noopener nofollow ugc')
    expect(await link.getAttribute('href')).toBe('https://example.com/track')
    await api.http(`mutation($i: MarkReadInput!) { markRead(input: $i) { seq } }`, { i: { conversationId: id, seq: 2 } }, acme.adminToken)
    await bubble(page, 'Hi, where is my order?').and(page.locator('[data-status="read"]')).waitFor()
    await page.screenshot({ path: artifactPath('widget-desktop.png') })
    // Nothing leaks out: a page element with the widget's class names keeps the page's styles.
    const probe = await page.evaluate(() => {
      const el = document.createElement('div')
      el.className = 'p h m log bd'
      document.body.append(el)
      const s = getComputedStyle(el)
      return [s.position, s.display, s.backgroundColor]
    })
    expect(probe).toEqual(['static', 'block', 'rgba(0, 0, 0, 0)'])
    expect(errors).toEqual([])
  }, TEST_MS)

  test('offline: two messages wait, marked as sending; back online each is stored once, in order', async () => {
    const { context, page } = await visitor()
    await openChat(page)
    await send(page, 'first, while online')
    const id = await waitForConversation(page)
    await bubble(page, 'first, while online').and(page.locator('[data-status="sent"]')).waitFor()

    await context.setOffline(true)
    await page.locator('.n', { hasText: 'You are offline' }).waitFor()
    await send(page, 'offline one')
    await send(page, 'offline two')
    expect(await page.locator('.log li[data-status="sending"]').count()).toBe(2)
    await page.screenshot({ path: artifactPath('widget-offline.png') })
    expect((await stored(id)).length).toBe(1)

    await context.setOffline(false)
    await page.locator('.log li[data-status="sending"]').first().waitFor({ state: 'detached' })
    await page.waitForFunction(() => true)
    const rows = await stored(id)
    expect(rows.map((m) => m.body)).toEqual(['first, while online', 'offline one', 'offline two'])
    expect(rows.map((m) => m.seq)).toEqual([1, 2, 3])
    expect(await bubbles(page)).toEqual(['first, while online', 'offline one', 'offline two'])
  }, TEST_MS)

  test('a reload restores the conversation, and a message queued before the reload is still sent once', async () => {
    const { context, page } = await visitor()
    await openChat(page)
    await send(page, 'before the reload')
    const id = await waitForConversation(page)
    await agentSays(id, 'agent answer')
    await bubble(page, 'agent answer').waitFor()
    await context.setOffline(true)
    await page.locator('.n', { hasText: 'You are offline' }).waitFor()
    await send(page, 'queued, then reloaded')
    await context.setOffline(false)
    await page.reload()
    // A returning visitor with a conversation gets the app at once (unread replies), no click needed.
    await bubble(page, 'queued, then reloaded').and(page.locator('[data-status="sent"]')).waitFor({ state: 'attached' })
    await openChat(page)
    expect(await bubbles(page)).toEqual(['before the reload', 'agent answer', 'queued, then reloaded'])
    expect((await stored(id)).map((m) => m.body)).toEqual(['before the reload', 'agent answer', 'queued, then reloaded'])
  }, TEST_MS)

  test('two tabs show the same conversation live, every message once, even when both were open before it began', async () => {
    const a = await visitor()
    await openChat(a.page)
    const b = await visitor({ context: a.context })
    await openChat(b.page)
    // Tab A starts the conversation; tab B learns of it through the storage event.
    await send(a.page, 'from tab A')
    const id = await waitForConversation(a.page)
    await bubble(b.page, 'from tab A').waitFor()
    await send(b.page, 'from tab B')
    await agentSays(id, 'to both tabs')
    const expected = ['from tab A', 'from tab B', 'to both tabs']
    for (const { page } of [a, b]) {
      await bubble(page, 'to both tabs').waitFor()
      await bubble(page, 'from tab B').and(page.locator('[data-status="sent"]')).waitFor()
      expect(await bubbles(page)).toEqual(expected)
    }
    expect((await stored(id)).map((m) => m.body)).toEqual(expected)
  }, TEST_MS)

  test('a hostile host stylesheet (* { all: unset !important }) leaves the widget laid out and working', async () => {
    const { page } = await visitor({ hostile: true })
    const launcher = await page.locator('button.l').boundingBox()
    expect(launcher).toMatchObject({ width: 56, height: 56, x: 1280 - 20 - 56, y: 800 - 20 - 56 })
    await openChat(page)
    const panel = (await page.locator('.p').boundingBox())!
    expect(panel.width).toBe(370)
    expect(panel.x + panel.width).toBe(1280 - 20)
    expect(await page.locator('.p').evaluate((el) => getComputedStyle(el).fontFamily)).toContain('system-ui')
    await send(page, 'hostile page, still fine')
    await bubble(page, 'hostile page, still fine').and(page.locator('[data-status="sent"]')).waitFor()
    await page.screenshot({ path: artifactPath('widget-hostile-css.png') })
  }, TEST_MS)

  test('on a 375 px phone the panel is full screen; message text is never parsed as HTML', async () => {
    const { page } = await visitor({ width: 375, height: 740 })
    await openChat(page)
    expect(await page.locator('.p').boundingBox()).toMatchObject({ x: 0, y: 0, width: 375, height: 740 })
    await send(page, '<img src=x onerror="window.__pwned=1"> <b>bold?</b>')
    const id = await waitForConversation(page)
    await agentSays(id, '<script>window.__pwned=2</script> javascript:alert(1) thanks, see www.example.com')
    await bubble(page, 'thanks, see').waitFor()
    expect(await page.locator('.p img, .p b, .p script').count()).toBe(0)
    expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined()
    expect(await page.locator('.log a').evaluateAll((as) => as.map((a) => a.getAttribute('href')))).toEqual(['https://www.example.com'])
    await page.screenshot({ path: artifactPath('widget-mobile-375.png') })
  }, TEST_MS)

  test('while closed, a reply shows an unread badge on the launcher and in the title; opening clears both', async () => {
    const { page } = await visitor()
    await openChat(page)
    await send(page, 'ping')
    const id = await waitForConversation(page)
    await page.keyboard.press('Escape')
    await page.locator('.p').waitFor({ state: 'hidden' })
    await page.evaluate(() => {
      const w = window as unknown as { seen: unknown[]; Parley: { on: (e: string, f: (d: unknown) => void) => void } }
      w.seen = []
      w.Parley.on('message', (d) => w.seen.push(d))
    })
    await agentSays(id, 'pong')
    await page.waitForFunction(() => (window as unknown as { seen: unknown[] }).seen.length > 0)
    expect(await page.evaluate(() => (window as unknown as { seen: unknown[] }).seen)).toMatchObject([{ body: 'pong', seq: 2 }])
    await page.locator('.b', { hasText: '1' }).waitFor()
    expect(await page.title()).toMatch(/^\(1\) /)
    await page.screenshot({ path: artifactPath('widget-unread.png') })
    await page.evaluate(() => (window as unknown as { Parley: { open: () => void } }).Parley.open())
    await page.waitForFunction(() => !document.title.startsWith('('))
    expect(await page.locator('.b').textContent()).toBe('')
  }, TEST_MS)

  test('identify with a wrong hash is refused visibly; the visitor can still chat as a guest', async () => {
    const { page } = await visitor()
    await page.evaluate(() => {
      const P = (window as unknown as { Parley: { identify: (i: unknown) => void; open: () => void } }).Parley
      P.identify({ userId: 'user-42', userHash: '0'.repeat(64), name: 'Mallory' })
      P.open()
    })
    await page.locator('.p [role="alert"]', { hasText: 'could not verify' }).waitFor()
    await send(page, 'guest message')
    await bubble(page, 'guest message').and(page.locator('[data-status="sent"]')).waitFor()
  }, TEST_MS)

  test('keyboard only: Tab reaches the launcher, Enter opens with focus in the composer, Escape closes and returns focus', async () => {
    const { page } = await visitor()
    await page.locator('body').click({ position: { x: 5, y: 300 } })
    let guard = 0
    while (!(await page.evaluate(() => document.activeElement?.hasAttribute('data-parley'))) && guard++ < 20) await page.keyboard.press('Tab')
    expect(await page.locator('button.l').getAttribute('aria-label')).toBe('Chat with us')
    await page.keyboard.press('Enter')
    await page.locator('.p textarea').waitFor()
    await page.waitForFunction(() => document.querySelector('[data-parley]')?.shadowRoot?.activeElement?.tagName === 'TEXTAREA')
    expect(await page.locator('.p').getAttribute('role')).toBe('dialog')
    expect(await page.locator('.log').getAttribute('aria-live')).toBe('polite')
    await page.keyboard.type('typed with the keyboard')
    await page.keyboard.press('Enter')
    await bubble(page, 'typed with the keyboard').and(page.locator('[data-status="sent"]')).waitFor()
    await page.keyboard.press('Escape')
    await page.locator('.p').waitFor({ state: 'hidden' })
    expect(await page.evaluate(() => document.querySelector('[data-parley]')?.shadowRoot?.activeElement?.className)).toContain('l')
    expect(await page.locator('button.l').getAttribute('aria-expanded')).toBe('false')
  }, TEST_MS)

  test('a reply that came while the visitor was away shows as a badge on the next visit, before any click', async () => {
    const { context, page } = await visitor()
    await openChat(page)
    await send(page, 'I will come back later')
    const id = await waitForConversation(page)
    await bubble(page, 'I will come back later').and(page.locator('[data-status="sent"]')).waitFor()
    await page.close()
    await agentSays(id, 'Answered while you were away')
    const next = await context.newPage()
    await next.goto(`${api.server.url}/demo?token=${acme.inbox.websiteToken}`)
    await next.locator('.b', { hasText: '1' }).waitFor()
    expect(await next.locator('button.l').getAttribute('aria-label')).toBe('Chat with us (1 unread)')
    expect(await next.title()).toMatch(/^\(1\) /)
  }, TEST_MS)

  test('JS API: open, close, toggle and on() work; shutdown forgets the visitor and its history', async () => {
    const { page } = await visitor()
    await page.evaluate(() => {
      const w = window as unknown as { log: string[]; Parley: Record<string, (...a: unknown[]) => unknown> }
      w.log = []
      // Called before the app has loaded: queued by the loader, replayed once it has.
      w.Parley.on!('open', () => w.log.push('open'))
      w.Parley.on!('close', () => w.log.push('close'))
      w.Parley.open!()
    })
    await page.locator('.p textarea').waitFor()
    await send(page, 'remember me?')
    await bubble(page, 'remember me?').and(page.locator('[data-status="sent"]')).waitFor()
    await page.evaluate(() => {
      const P = (window as unknown as { Parley: Record<string, () => void> }).Parley
      P.toggle!()
      P.toggle!()
      P.close!()
    })
    await page.locator('.p').waitFor({ state: 'hidden' })
    expect(await page.evaluate(() => (window as unknown as { log: string[] }).log)).toEqual(['open', 'close', 'open', 'close'])
    await page.evaluate(() => (window as unknown as { Parley: { shutdown: () => void } }).Parley.shutdown())
    await page.reload()
    await openChat(page)
    await page.locator('.p .g').first().waitFor()
    expect(await page.locator('.log li').count()).toBe(0)
  }, TEST_MS)

  test('pre-chat form: the email is validated before the chat starts and lands on the contact', async () => {
    const shop = await createTestAccount(deps, api)
    const updated = await api.http(
      `mutation($i: UpdateWebInboxInput!) { updateWebInbox(input: $i) { id } }`,
      { i: { id: shop.inbox.id, widget: { preChatForm: { enabled: true, requireEmail: true }, color: '#7c3aed', greeting: 'Tell us who you are.', position: 'LEFT' } } },
      shop.adminToken,
    )
    expect(updated.errors).toBeUndefined()
    const { page } = await visitor({ token: shop.inbox.websiteToken! })
    await page.locator('button.l').click()
    const form = page.locator('.p form.cf')
    await form.waitFor()
    expect(await page.locator('.p textarea').count()).toBe(0)
    await form.getByLabel('Name').fill('Grace')
    await form.getByLabel('Email').fill('not-an-email')
    await form.getByRole('button', { name: 'Start chat' }).click()
    await page.locator('.p [role="alert"]', { hasText: 'valid email' }).waitFor()
    await page.screenshot({ path: artifactPath('widget-prechat.png') })
    await form.getByLabel('Email').fill('grace@example.test')
    await form.getByRole('button', { name: 'Start chat' }).click()
    await page.locator('.p textarea').waitFor()
    await send(page, 'hello after the form')
    const id = await waitForConversation(page, shop.inbox.websiteToken)
    // updateVisitorContact runs beside the send: wait for it rather than race it.
    const contact = await eventually('details on the contact', async () => {
      const c = await contactOf(id, shop.adminToken)
      return c.email ? c : undefined
    })
    expect([contact.name, contact.email]).toEqual(['Grace', 'grace@example.test'])
    expect(contact.attributes.claimedUserId).toBeUndefined()
    // Colour and position come from the inbox settings.
    expect(await page.locator('.p .h').evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(124, 58, 237)')
    expect((await page.locator('.p').boundingBox())?.x).toBe(20)
    expect((await page.locator('button.l').boundingBox())?.x).toBe(20)
  }, TEST_MS)

  test("on a customer's own origin: loader, app, HTTP and socket all work cross-origin; storage is the customer's", async () => {
    const apiOrigin = api.server.url
    // Another origin: the API listens on 127.0.0.1, the customer page is served as localhost.
    const shop = Bun.serve({
      port: 0,
      hostname: '127.0.0.1',
      fetch: () =>
        new Response(
          `<!doctype html><title>Shop</title><h1>Customer site</h1><script src="${apiOrigin}/widget.js" data-website-token="${acme.inbox.websiteToken}" async></script>`,
          { headers: { 'content-type': 'text/html' } },
        ),
    })
    try {
      const context = await browser().newContext({ viewport: { width: 1280, height: 800 }, reducedMotion: 'reduce' })
      context.setDefaultTimeout(STEP_MS)
      contexts.push(context)
      const page = await context.newPage()
      const errors: string[] = []
      page.on('pageerror', (e) => errors.push(e.message))
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()))
      await page.goto(`http://localhost:${shop.port}/`)
      await openChat(page)
      await send(page, 'from the customer site')
      await bubble(page, 'from the customer site').and(page.locator('[data-status="sent"]')).waitFor()
      const id = await waitForConversation(page)
      await agentSays(id, 'hello, customer site')
      await bubble(page, 'hello, customer site').waitFor()
      expect(new URL(page.url()).host).toBe(`localhost:${shop.port}`)
      expect(errors).toEqual([])
    } finally {
      shop.stop(true)
    }
  }, TEST_MS)

  /** Polls the API until `fn` returns something truthy (no fixed sleeps). */
  async function eventually<T>(what: string, fn: () => Promise<T | undefined | false>, timeoutMs = STEP_MS): Promise<T> {
    const deadline = Date.now() + timeoutMs
    for (;;) {
      const v = await fn()
      if (v) return v
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
      await new Promise((r) => setTimeout(r, 100))
    }
  }
  const contactOf = async (id: string, token = acme.adminToken) =>
    (await api.http(`query($id: ID!) { conversation(id: $id) { contact { name email attributes } } }`, { id }, token)).data!.conversation.contact as {
      name: string | null
      email: string | null
      attributes: Record<string, unknown>
    }

  test('away: no agent connected → out-of-office message and email ask, message still stored; an agent signing in switches it to online live', async () => {
    const shop = await createTestAccount(deps, api)
    const { page, errors } = await visitor({ token: shop.inbox.websiteToken! })
    await openChat(page)
    await page.locator('.p[data-availability="away"]').waitFor()
    expect(await page.locator('.p .s').textContent()).toContain('Away')
    const card = page.locator('.p form.cf.k')
    await card.getByText('We are away right now').waitFor()
    await send(page, 'Is anyone there tonight?')
    await bubble(page, 'Is anyone there tonight?').and(page.locator('[data-status="sent"]')).waitFor()
    const id = await waitForConversation(page, shop.inbox.websiteToken)
    await page.screenshot({ path: artifactPath('widget-away.png') })
    await card.getByLabel('Email').fill('night.owl@example.test')
    await card.getByRole('button', { name: 'Notify me' }).click()
    await page.locator('.p .oo', { hasText: 'We are away right now' }).waitFor()
    expect((await eventually('email on the contact', async () => (await contactOf(id, shop.adminToken)).email))).toBe('night.owl@example.test')
    expect((await contactOf(id, shop.adminToken)).attributes.claimedUserId).toBeUndefined()

    // An agent signs in and opens the console's socket: presence reaches the widget live.
    const agent = api.socket(shop.adminToken)
    try {
      const r = await agent.request(`mutation { setAvailability(availability: ONLINE) { presence } }`)
      expect(r.errors).toBeUndefined()
      await page.locator('.p[data-availability="online"]').waitFor()
      expect(await page.locator('.p .s').textContent()).toContain('Online')
      expect(await page.locator('.p .oo').count()).toBe(0)
      await page.screenshot({ path: artifactPath('widget-online.png') })
    } finally {
      await agent.close()
    }
    expect(errors).toEqual([])
  }, TEST_MS)

  test('visitor context: the agent sees the page the visitor is on, and a pushState navigation updates it', async () => {
    const { page } = await visitor()
    await openChat(page)
    await send(page, 'where am I?')
    const id = await waitForConversation(page)
    const first = await contactOf(id)
    expect(String(first.attributes.pageUrl)).toContain('/demo?token=')
    expect(first.attributes).toMatchObject({ userAgent: expect.stringContaining('Chrome'), locale: expect.any(String), timezone: expect.any(String) })
    await page.evaluate(() => history.pushState({}, '', location.pathname + location.search + '&step=checkout'))
    const moved = await eventually('page url updated', async () => {
      const url = String((await contactOf(id)).attributes.pageUrl)
      return url.includes('step=checkout') && url
    })
    expect(moved).toContain('/demo?')
    // A burst of navigations (pushState, hash) is throttled; the last page is what the agent ends up seeing.
    await page.evaluate(() => {
      history.pushState({}, '', location.pathname + location.search.replace('checkout', 'a'))
      history.replaceState({}, '', location.pathname + location.search.replace('=a', '=b'))
      location.hash = 'done'
    })
    await eventually('last page of the burst', async () => String((await contactOf(id)).attributes.pageUrl).endsWith('step=b#done'))
  }, TEST_MS)

  test('delivery marks: Sent, then Delivered and Read as the agent acknowledges and reads; agent replies become DELIVERED once the widget has them', async () => {
    const { page } = await visitor()
    await openChat(page)
    await send(page, 'tracking number please')
    await bubble(page, 'tracking number please').and(page.locator('[data-status="sent"]')).waitFor()
    const id = await waitForConversation(page)
    expect(await bubble(page, 'tracking number please').locator('.meta').textContent()).toContain('Sent')
    const ack = await api.http(`mutation($i: AcknowledgeDeliveryInput!) { acknowledgeDelivery(input: $i) { seq } }`, { i: { conversationId: id, seq: 1 } }, acme.adminToken)
    expect(ack.errors).toBeUndefined()
    await bubble(page, 'tracking number please').and(page.locator('[data-status="delivered"]')).waitFor()
    expect(await bubble(page, 'tracking number please').locator('.meta').textContent()).toContain('Delivered')
    await page.screenshot({ path: artifactPath('widget-delivered.png') })
    await api.http(`mutation($i: MarkReadInput!) { markRead(input: $i) { seq } }`, { i: { conversationId: id, seq: 1 } }, acme.adminToken)
    await bubble(page, 'tracking number please').and(page.locator('[data-status="read"]')).waitFor()
    expect(await bubble(page, 'tracking number please').locator('.meta').textContent()).toContain('Read')

    // Closed (nothing is read), the widget still receives the reply and acknowledges it.
    await page.keyboard.press('Escape')
    await page.locator('.p').waitFor({ state: 'hidden' })
    const reply = await agentSays(id, 'It is PX-123.')
    const replyId = reply.data!.sendMessage.message.id as string
    await page.locator('.b', { hasText: '1' }).waitFor()
    const status = await eventually('reply delivered', async () => {
      const r = await api.http(`query($id: ID!) { conversation(id: $id) { messages { nodes { id deliveryStatus } } } }`, { id }, acme.adminToken)
      const m = (r.data!.conversation.messages.nodes as { id: string; deliveryStatus: string }[]).find((n) => n.id === replyId)
      return m && m.deliveryStatus !== 'STORED' && m.deliveryStatus
    })
    expect(status).toBe('DELIVERED')
    // A reload shows the positions it learns on load.
    await page.reload()
    await openChat(page)
    await bubble(page, 'tracking number please').and(page.locator('[data-status="read"]')).waitFor()
  }, TEST_MS)

  test('allowed domains: on an origin the inbox does not allow, the widget says chat is unavailable and logs the API message', async () => {
    const shop = await createTestAccount(deps, api)
    const updated = await api.http(
      `mutation($i: UpdateWebInboxInput!) { updateWebInbox(input: $i) { id allowedDomains } }`,
      { i: { id: shop.inbox.id, allowedDomains: ['shop.example', '*.shop.example'] } },
      shop.adminToken,
    )
    expect(updated.errors).toBeUndefined()
    const apiOrigin = api.server.url
    const site = Bun.serve({
      port: 0,
      hostname: '127.0.0.1',
      fetch: () =>
        new Response(
          `<!doctype html><title>Elsewhere</title><h1>Not an allowed site</h1><script src="${apiOrigin}/widget.js" data-website-token="${shop.inbox.websiteToken}" async></script>`,
          { headers: { 'content-type': 'text/html' } },
        ),
    })
    try {
      const context = await browser().newContext({ viewport: { width: 1280, height: 800 }, reducedMotion: 'reduce' })
      context.setDefaultTimeout(STEP_MS)
      contexts.push(context)
      const page = await context.newPage()
      const warnings: string[] = []
      page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()))
      await page.goto(`http://localhost:${site.port}/`)
      await page.locator('button.l').click()
      await page.locator('.p .n', { hasText: 'Chat is not available here right now.' }).waitFor()
      expect(await page.locator('.p textarea').count()).toBe(0)
      const logged = await eventually('console warning', async () => warnings.find((w) => w.startsWith('[Parley]')))
      // The API's own message, naming the refused origin.
      expect(logged).toContain(`localhost:${site.port}`)
      await page.screenshot({ path: artifactPath('widget-refused-origin.png') })
    } finally {
      site.stop(true)
    }
  }, TEST_MS)

  test('allowed domains over the socket: once the origin is removed, the reconnecting socket is refused (4403) and the widget says so', async () => {
    const shop = await createTestAccount(deps, api)
    const apiOrigin = api.server.url
    const site = Bun.serve({
      port: 0,
      hostname: '127.0.0.1',
      fetch: () =>
        new Response(`<!doctype html><title>Shop</title><h1>Allowed, then not</h1><script src="${apiOrigin}/widget.js" data-website-token="${shop.inbox.websiteToken}" async></script>`, {
          headers: { 'content-type': 'text/html' },
        }),
    })
    const setDomains = async (allowedDomains: string[]) => {
      const r = await api.http(`mutation($i: UpdateWebInboxInput!) { updateWebInbox(input: $i) { id } }`, { i: { id: shop.inbox.id, allowedDomains } }, shop.adminToken)
      expect(r.errors).toBeUndefined()
    }
    try {
      await setDomains([`localhost:${site.port}`])
      const context = await browser().newContext({ viewport: { width: 1280, height: 800 }, reducedMotion: 'reduce' })
      context.setDefaultTimeout(STEP_MS)
      contexts.push(context)
      const page = await context.newPage()
      const warnings: string[] = []
      page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()))
      await page.goto(`http://localhost:${site.port}/`)
      await openChat(page)
      await send(page, 'allowed here')
      await bubble(page, 'allowed here').and(page.locator('[data-status="sent"]')).waitFor()
      await setDomains(['shop.example'])
      // Drop the socket: it reconnects from an origin that is no longer allowed.
      await context.setOffline(true)
      await page.locator('.n', { hasText: 'You are offline' }).waitFor()
      await context.setOffline(false)
      await page.locator('.p .n', { hasText: 'Chat is not available here right now.' }).waitFor()
      const logged = await eventually('console warning', async () => warnings.find((w) => w.startsWith('[Parley]')))
      expect(logged).toContain('4403')
      expect(logged).toContain(`localhost:${site.port}`)
    } finally {
      site.stop(true)
    }
  }, TEST_MS)
})
