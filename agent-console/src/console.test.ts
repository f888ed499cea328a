import { afterAll, beforeAll, expect, test } from 'bun:test'
import type { BrowserContext, Page } from 'playwright-core'
import { CONVERSATION_EVENTS, createTestAccount, SEND, startTestApi, startVisitor, type TestAccount, type TestApi } from '../../api/src/testing/api.ts'
import { artifactPath, describeWithBrowser } from '../../api/src/testing/browser.ts'
import { freshDb, testDeps } from '../../api/src/testing/db.ts'
import type { Deps } from '../../api/src/deps.ts'
import { sendMessage } from '../../api/src/domain/message/index.ts'
import { viewerFromToken } from '../../api/src/graphql/context.ts'
import { startServer } from '../../api/src/server.ts'
import { buildConsole } from '../scripts/build.ts'

const PASSWORD = 'correct horse battery'
/** Each browser test is bounded (30 s); the file takes about 50 s on a busy 2-core box. */
const TEST_TIMEOUT = 30_000
const CREATE_AGENT = `mutation($i: CreateAgentInput!) { createAgent(input: $i) { id } }`
const CREATE_LABEL = `mutation($i: CreateLabelInput!) { createLabel(input: $i) { id name } }`
const VISITOR_MESSAGES = `query($id: ID!) { messages(conversationId: $id, afterSeq: 0) { nodes { seq body kind senderType } } }`

describeWithBrowser('agent console in a browser', (browser) => {
  let api: TestApi
  let deps: Deps
  let drop: () => Promise<void>
  let acme: TestAccount
  let adminEmail: string
  let agentEmail: string
  const contexts: BrowserContext[] = []

  beforeAll(async () => {
    await buildConsole()
    const fresh = await freshDb('pglite')
    drop = fresh.drop
    // Low per-email limit so the rate-limit message can be shown; the per-IP limit stays out of the way.
    deps = await testDeps(fresh.db, { SIGN_IN_MAX_FAILURES_PER_EMAIL: 2, SIGN_IN_MAX_FAILURES_PER_IP: 1000 })
    api = await startTestApi(deps)
    acme = await createTestAccount(deps, api)
    adminEmail = `ada-${acme.accountId.slice(0, 6)}@example.test`
    agentEmail = `bob-${acme.accountId.slice(0, 6)}@example.test`
    for (const [email, name, role] of [
      [adminEmail, 'Ada Admin', 'ADMIN'],
      [agentEmail, 'Bob Agent', 'AGENT'],
    ]) {
      const res = await api.http(CREATE_AGENT, { i: { email, name, role, password: PASSWORD } }, acme.adminToken)
      expect(res.errors).toBeUndefined()
    }
    for (const [name, color] of [
      ['billing', '#f59e0b'],
      ['bug', '#ef4444'],
    ]) {
      await api.http(CREATE_LABEL, { i: { name, color } }, acme.adminToken)
    }
  }, 30_000)

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {})
    await api?.stop()
    await deps?.bus.close()
    await drop?.()
  }, 10_000)

  async function openConsole(width = 1440, height = 900, go = true): Promise<Page> {
    const context = await browser().newContext({ baseURL: api.server.url, viewport: { width, height } })
    contexts.push(context)
    const page = await context.newPage()
    page.setDefaultTimeout(10_000)
    page.on('pageerror', (e) => console.error('browser error:', e.message))
    if (go) await page.goto('/console/')
    return page
  }

  const sessions = new Map<string, Promise<string>>()
  /** A console already signed in (session cookie from one API sign-in per agent, reused). */
  async function openConsoleAs(email: string, width = 1440, height = 900): Promise<Page> {
    if (!sessions.has(email)) sessions.set(email, signInToken(email))
    const token = await sessions.get(email)!
    const page = await openConsole(width, height, false)
    await page.context().addCookies([{ name: 'parley_session', value: token, url: api.server.url }])
    await page.goto('/console/')
    await page.getByRole('heading', { name: 'Conversations' }).waitFor()
    return page
  }

  async function signIn(page: Page, email: string, password = PASSWORD) {
    await page.getByLabel('Work email').fill(email)
    await page.getByLabel('Password').fill(password)
    await page.getByRole('button', { name: 'Sign in' }).click()
  }

  async function visitorSays(websiteToken: string, body: string, extra: Record<string, unknown> = {}) {
    const v = await startVisitor(api, websiteToken, extra)
    const res = await api.http(SEND, { i: { conversationId: v.conversationId, clientMessageId: crypto.randomUUID(), body } }, v.token)
    expect(res.errors).toBeUndefined()
    return v
  }

  test('sign-in explains a wrong password and a rate limit, and the session survives a reload', async () => {
    const page = await openConsole()
    await signIn(page, adminEmail, 'not the password')
    await expect(page.getByRole('alert').textContent()).resolves.toContain('do not match')
    // Guessing at one address trips the per-email limit (2 in this suite).
    const guessed = `mallory-${acme.accountId.slice(0, 6)}@example.test`
    for (let i = 0; i < 3; i++) await signIn(page, guessed, `guess ${i}`)
    await page.getByRole('alert').filter({ hasText: 'Too many failed attempts' }).waitFor()
    await page.screenshot({ path: artifactPath('console-sign-in-rate-limited.png') })

    const fresh = await openConsole()
    await signIn(fresh, agentEmail)
    await fresh.getByRole('heading', { name: 'Conversations' }).waitFor()
    await fresh.reload()
    await fresh.getByRole('heading', { name: 'Conversations' }).waitFor()
    expect(await fresh.getByLabel('Work email').count()).toBe(0)

    await fresh.getByRole('button', { name: /Account menu/ }).click()
    await fresh.getByRole('menuitem', { name: 'Sign out' }).click()
    await fresh.getByText('You are signed out.').waitFor()
    await fresh.reload()
    await fresh.getByLabel('Work email').waitFor()
  }, TEST_TIMEOUT)

  test('a visitor message appears live in Unassigned; the agent assigns, replies, notes and resolves; the visitor gets the reply and never the note', async () => {
    // Some history so the inbox has rows to show.
    const grace = await visitorSays(acme.inbox.websiteToken!, 'Do you ship to Canada?', { identity: { userId: 'u-grace', name: 'Grace Hopper', email: 'grace@example.test' } })
    await visitorSays(acme.inbox.websiteToken!, 'I was charged twice for my subscription this month.', { identity: { userId: 'u-alan', name: 'Alan Turing' } })

    const page = await openConsoleAs(adminEmail)
    await page.getByRole('tab', { name: 'Unassigned' }).click()
    await page.getByRole('link', { name: /Alan Turing/ }).waitFor()

    const visitor = await visitorSays(acme.inbox.websiteToken!, 'Hi! My order #1234 has not arrived yet.', {
      identity: { userId: 'u-linus', name: 'Linus Torvalds', email: 'linus@example.test' },
    })
    const row = page.locator('.row', { hasText: 'Linus Torvalds' })
    await row.getByText('My order #1234 has not arrived yet.').waitFor()
    // New activity puts it at the top of the list.
    expect(await page.locator('.row').first().textContent()).toContain('Linus Torvalds')
    await expect(row.locator('.badge').textContent()).resolves.toBe('1')
    // Activity on an older conversation moves its row to the top and bumps its unread count.
    await api.http(SEND, { i: { conversationId: grace.conversationId, clientMessageId: 'grace-2', body: 'Also: do you ship to Mexico?' } }, grace.token)
    await page.locator('.row').first().getByText('Also: do you ship to Mexico?').waitFor()
    await expect(page.locator('.row', { hasText: 'Grace Hopper' }).locator('.badge').textContent()).resolves.toBe('2')
    await page.screenshot({ path: artifactPath('console-inbox.png') })

    await row.getByRole('link').click()
    await page.getByRole('region', { name: 'Conversation with Linus Torvalds' }).getByRole('heading', { name: 'Linus Torvalds' }).waitFor()
    await page.locator('.msg--in', { hasText: 'My order #1234' }).waitFor()

    await page.getByRole('button', { name: 'Assign to me' }).click()
    await page.locator('.event', { hasText: 'assigned this to Ada Admin' }).waitFor()
    // Unassigned no longer holds it: the row left the list live.
    await row.waitFor({ state: 'detached' })

    const composer = page.getByRole('combobox', { name: /Reply to Linus/ })
    await composer.fill('Sorry about that! Let me check')
    await composer.press('Shift+Enter')
    await composer.pressSequentially('with the courier.')
    await composer.press('Enter')
    await page.locator('.msg--out:not(.msg--note)', { hasText: 'with the courier.' }).waitFor()

    await page.getByRole('tab', { name: 'Private note' }).click()
    const note = page.getByRole('combobox', { name: /Private note/ })
    await note.fill('VIP customer, offer free shipping')
    await note.press('Enter')
    await page.locator('.msg--note', { hasText: 'VIP customer' }).waitFor()

    await page.getByLabel('Priority').selectOption('HIGH')
    await page.locator('.event', { hasText: 'set the priority to high' }).waitFor()
    await page.getByRole('button', { name: 'Add label' }).click()
    // A controlled checkbox: it shows checked once the API confirms, so click and wait for the chip.
    await page.getByRole('checkbox', { name: 'billing' }).click()
    await page.locator('.chip', { hasText: 'billing' }).first().waitFor()
    await page.keyboard.press('Escape')
    await page.screenshot({ path: artifactPath('console-conversation.png') })

    await page.getByRole('button', { name: 'Resolve' }).click()
    await page.locator('.pane__title .status-pill', { hasText: 'Resolved' }).waitFor()

    const seen = await api.http(VISITOR_MESSAGES, { id: visitor.conversationId }, visitor.token)
    const bodies = seen.data!.messages.nodes.map((m: { body: string }) => m.body)
    expect(bodies).toEqual(['Hi! My order #1234 has not arrived yet.', 'Sorry about that! Let me check\nwith the courier.'])
    expect(JSON.stringify(seen.data)).not.toContain('VIP customer')
  }, TEST_TIMEOUT)

  test('message bodies are shown as text, never as HTML', async () => {
    const page = await openConsoleAs(adminEmail)
    await page.getByRole('tab', { name: 'Unassigned' }).click()
    await visitorSays(acme.inbox.websiteToken!, '<img src=x onerror="window.pwned=1"><b>bold?</b>')
    const row = page.locator('.row', { hasText: '<b>bold?</b>' })
    await row.waitFor()
    await row.getByRole('link').click()
    await page.locator('.msg--in', { hasText: '<img src=x' }).waitFor()
    expect(await page.locator('.timeline img, .timeline b').count()).toBe(0)
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined()

    // A conversation that does not exist (or is another account's) gets a designed state, not a blank pane.
    await page.goto(`/console/conversations/${crypto.randomUUID()}`)
    await page.getByText('Conversation not found').waitFor()
  }, TEST_TIMEOUT)

  test('admins get settings with the widget snippet; a non-admin sees no settings and the API refuses', async () => {
    const admin = await openConsoleAs(adminEmail)
    await admin.getByRole('link', { name: 'Settings' }).click()
    await admin.getByRole('heading', { name: 'Inboxes' }).waitFor()
    const snippet = await admin.getByRole('textbox', { name: 'Widget snippet' }).inputValue()
    expect(snippet).toContain(`data-website-token="${acme.inbox.websiteToken}"`)
    expect(snippet).toContain(`${api.server.url}/widget.js`)
    await admin.screenshot({ path: artifactPath('console-settings.png') })

    await admin.getByRole('link', { name: 'Labels' }).click()
    await admin.getByLabel('Name').fill('vip')
    await admin.getByRole('button', { name: 'Create label' }).click()
    await admin.getByText('Label “vip” created.').waitFor()
    await admin.locator('.table-list strong', { hasText: 'vip' }).waitFor()

    await admin.getByRole('link', { name: 'Teams' }).click()
    await admin.getByLabel('Team name').fill('Billing')
    await admin.getByRole('button', { name: 'Create team' }).click()
    await admin.getByLabel('Add a member to Billing').selectOption({ label: 'Bob Agent' })
    await admin.getByRole('button', { name: 'Remove Bob Agent from Billing' }).waitFor()
    await admin.getByRole('link', { name: 'Agents' }).click()
    await admin.locator('.table-list li', { hasText: 'Bob Agent' }).getByText('Billing').waitFor()
    await admin.screenshot({ path: artifactPath('console-settings-agents.png') })

    const agent = await openConsoleAs(agentEmail)
    expect(await agent.getByRole('link', { name: 'Settings' }).count()).toBe(0)
    await agent.goto('/console/settings/inboxes')
    await agent.waitForURL((url) => url.pathname === '/console/')
    await agent.getByRole('heading', { name: 'Conversations' }).waitFor()
    expect(await agent.getByText('Widget snippet').count()).toBe(0)

    const token = await signInToken(agentEmail)
    const refused = await api.http(CREATE_LABEL, { i: { name: 'sneaky' } }, token)
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN')
  }, TEST_TIMEOUT)

  test('keyboard: j/k and Enter open, a assigns, r writes a reply, e resolves, ? lists the shortcuts; typing shows live; the title counts unread', async () => {
    const page = await openConsoleAs(agentEmail)
    await page.getByRole('tab', { name: 'Unassigned' }).click()
    const v = await visitorSays(acme.inbox.websiteToken!, 'Can I change my plan?', { identity: { userId: 'u-kb', name: 'Katherine Johnson' } })
    await page.locator('.row', { hasText: 'Katherine Johnson' }).waitFor()
    await page.waitForFunction(() => /^\(\d+\) Parley$/.test(document.title))

    await page.keyboard.press('j')
    await page.locator('.row.is-focused', { hasText: 'Katherine Johnson' }).waitFor()
    await page.keyboard.press('Enter')
    const pane = page.getByRole('region', { name: 'Conversation with Katherine Johnson' })
    await pane.waitFor()
    expect(new URL(page.url()).pathname).toBe(`/console/conversations/${v.conversationId}`)

    await api.http(`mutation($i: SetTypingInput!) { setTyping(input: $i) }`, { i: { conversationId: v.conversationId, isTyping: true } }, v.token)
    await page.getByText('Katherine Johnson is typing…').waitFor()

    await page.keyboard.press('a')
    await page.locator('.event', { hasText: 'assigned this to Bob Agent' }).waitFor()
    const visitorSocket = api.socket(v.token)
    const visitorFeed = visitorSocket.subscribe(CONVERSATION_EVENTS, { id: v.conversationId })
    await visitorFeed.settle(300)
    await page.keyboard.press('r')
    await page.waitForFunction(() => document.activeElement?.tagName === 'TEXTAREA')
    await page.keyboard.type('Yes, from Billing in your account.')
    // The visitor sees the agent typing before the reply lands.
    const [typingEvent] = await visitorFeed.waitFor(1, (e) => e.conversationEvents.typing?.isTyping === true)
    expect(typingEvent!.conversationEvents.typing.actorType).toBe('AGENT')
    await page.keyboard.press('Enter')
    const reply = pane.locator('.msg--out', { hasText: 'from Billing' })
    await reply.waitFor()
    const replySeq = Number(await reply.getAttribute('data-seq'))
    await api.http(`mutation($i: MarkReadInput!) { markRead(input: $i) { seq } }`, { i: { conversationId: v.conversationId, seq: replySeq } }, v.token)
    await reply.getByText('Seen').waitFor()
    visitorFeed.dispose()
    await visitorSocket.close()
    await page.keyboard.press('Escape')
    await page.keyboard.press('e')
    await pane.locator('.pane__title .status-pill', { hasText: 'Resolved' }).waitFor()

    await page.keyboard.press('?')
    await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor()
    await page.screenshot({ path: artifactPath('console-shortcuts.png') })
    await page.keyboard.press('Escape')
    await page.getByRole('dialog').waitFor({ state: 'detached' })
  }, TEST_TIMEOUT)

  test('older messages load when scrolling up; on a tablet the status menu pends and snoozes and details open on demand', async () => {
    const v = await startVisitor(api, acme.inbox.websiteToken!, { identity: { userId: 'u-long', name: 'Margaret Hamilton' } })
    await Promise.all(
      Array.from({ length: 45 }, (_, i) =>
        api.http(SEND, { i: { conversationId: v.conversationId, clientMessageId: `m-${i}`, body: `Message number ${i + 1}` } }, v.token),
      ),
    )
    const page = await openConsoleAs(adminEmail, 1024, 768)
    await page.goto(`/console/conversations/${v.conversationId}`)
    const pane = page.getByRole('region', { name: 'Conversation with Margaret Hamilton' })
    await pane.locator('.msg[data-seq="45"]').waitFor()
    expect(await pane.locator('.msg[data-seq="1"]').count()).toBe(0)
    await pane.getByRole('log').evaluate((el) => (el.scrollTop = 0))
    await pane.locator('.msg[data-seq="1"]').waitFor()
    await pane.locator('.timeline__start').waitFor()
    const seqs = await pane.locator('.msg').evaluateAll((els) => els.map((e) => Number((e as HTMLElement).dataset.seq)))
    expect(seqs).toEqual(Array.from({ length: 45 }, (_, i) => i + 1))
    await page.screenshot({ path: artifactPath('console-tablet.png') })

    // The status menu: pending, then snoozed with its time; the details open over the chat on a tablet.
    await pane.getByRole('button', { name: 'Snooze or mark pending' }).click()
    await page.getByRole('menuitem', { name: /Mark as pending/ }).click()
    await pane.locator('.pane__title .status-pill', { hasText: 'Pending' }).waitFor()
    await pane.getByRole('button', { name: 'Snooze or mark pending' }).click()
    await page.getByRole('menuitem', { name: 'For 1 hour' }).click()
    await pane.locator('.pane__title .status-pill', { hasText: 'Snoozed' }).waitFor()
    await pane.locator('.event', { hasText: 'snoozed this until' }).waitFor()
    expect(await page.getByRole('complementary').count()).toBe(0)
    await page.getByRole('button', { name: 'Show details' }).click()
    await page.getByRole('complementary', { name: 'Contact and conversation details' }).waitFor()
  }, TEST_TIMEOUT)

  test('a hidden tab gets a desktop notification for a new visitor message; list filters narrow by label; every control has a name', async () => {
    const page = await openConsole()
    await page.addInitScript(() => {
      const shown: { title: string; body: string }[] = []
      ;(window as unknown as { shown: typeof shown }).shown = shown
      class FakeNotification {
        static permission = 'granted'
        static requestPermission = async () => 'granted'
        onclick: (() => void) | null = null
        constructor(title: string, opts: { body: string }) {
          shown.push({ title, body: opts.body })
        }
        close() {}
      }
      ;(window as unknown as { Notification: unknown }).Notification = FakeNotification
      Object.defineProperty(document, 'visibilityState', { get: () => (window as unknown as { hidden?: boolean }).hidden ? 'hidden' : 'visible' })
    })
    await page.reload()
    await signIn(page, adminEmail)
    await page.getByRole('heading', { name: 'Conversations' }).waitFor()
    await page.evaluate(() => ((window as unknown as { hidden: boolean }).hidden = true))
    const ida = await visitorSays(acme.inbox.websiteToken!, 'Is anybody there?', { identity: { userId: 'u-notify', name: 'Ida Lovelace' } })
    await page.waitForFunction(() => (window as unknown as { shown: { body: string }[] }).shown.some((n) => n.body.includes('Is anybody there?')))
    await page.evaluate(() => ((window as unknown as { hidden: boolean }).hidden = false))

    const labelled = await api.http(
      `mutation($i: SetConversationLabelsInput!) { setConversationLabels(input: $i) { id } }`,
      { i: { conversationId: ida.conversationId, labels: ['bug'] } },
      acme.adminToken,
    )
    expect(labelled.errors).toBeUndefined()
    await page.getByRole('tab', { name: 'All' }).click()
    await page.getByLabel('Status').selectOption('')
    await page.getByRole('button', { name: /^Filters/ }).click()
    await page.getByLabel('Label').selectOption('bug')
    await page.waitForFunction(() => document.querySelectorAll('.row').length === 1)
    expect(await page.locator('.row').first().textContent()).toContain('Ida Lovelace')
    await page.getByLabel('Label').selectOption('')
    await page.locator('.row', { hasText: 'Ida Lovelace' }).getByRole('link').click()
    await page.getByRole('region', { name: 'Conversation with Ida Lovelace' }).waitFor()

    const unnamed = await page.evaluate(() =>
      [...document.querySelectorAll('button, a[href], input, select, textarea, [role="tab"]')]
        .filter((el) => {
          const e = el as HTMLElement
          const labelled = (e as HTMLInputElement).labels?.length || e.getAttribute('aria-label') || e.getAttribute('aria-labelledby') || e.title
          return !labelled && !e.textContent?.trim()
        })
        .map((el) => el.outerHTML.slice(0, 120)),
    )
    expect(unnamed).toEqual([])
  }, TEST_TIMEOUT)

  test('the list pages on scroll: 25 rows first, the rest when the agent reaches the end', async () => {
    const token = acme.inbox.websiteToken!
    await Promise.all(Array.from({ length: 26 }, (_, i) => startVisitor(api, token, { identity: { userId: `u-page-${i}`, name: `Paged Visitor ${i + 1}` } })))
    const page = await openConsoleAs(adminEmail)
    await page.getByRole('tab', { name: 'All' }).click()
    await page.getByLabel('Status').selectOption('')
    await page.waitForFunction(() => document.querySelectorAll('.row').length === 25)
    const total = Number((await api.http(`query { conversations(first: 100) { nodes { id } } }`, {}, acme.adminToken)).data!.conversations.nodes.length)
    await page.locator('.inbox__scroll').evaluate((el) => (el.scrollTop = el.scrollHeight))
    await page.waitForFunction((n) => document.querySelectorAll('.row').length === n, total)
    const ids = await page.locator('.row').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.id))
    expect(new Set(ids).size).toBe(total)
  }, TEST_TIMEOUT)

  test('canned responses: an admin creates /refund in settings; an agent types /ref, picks it and sends; the visitor gets the full text', async () => {
    const REFUND = 'We have refunded your payment. It reaches your card within 5 to 10 business days.'
    const admin = await openConsoleAs(adminEmail)
    await admin.goto('/console/settings/canned')
    await admin.getByRole('heading', { name: 'Canned responses', level: 2 }).waitFor()
    const create = admin.getByRole('button', { name: 'Create canned response' })
    await admin.getByLabel('Shortcut', { exact: true }).fill('/refund')
    await admin.getByLabel('Message', { exact: true }).fill(REFUND)
    await create.click()
    await admin.getByText('Created /refund.', { exact: false }).waitFor()
    await admin.locator('.canned-table .canned__code', { hasText: '/refund' }).waitFor()
    // A second /refund is refused by the API with a message naming the short code.
    await admin.getByLabel('Shortcut', { exact: true }).fill('refund')
    await admin.getByLabel('Message', { exact: true }).fill('duplicate')
    await create.click()
    await admin.getByRole('alert').filter({ hasText: /refund/ }).waitFor()
    // Edit and delete a second one.
    await admin.getByLabel('Shortcut', { exact: true }).fill('hello')
    await admin.getByLabel('Message', { exact: true }).fill('Hi there!')
    await create.click()
    await admin.locator('.canned-table .canned__code', { hasText: '/hello' }).waitFor()
    await admin.getByRole('button', { name: 'Edit /hello' }).click()
    await admin.locator('.canned-table__edit textarea').fill('Hello, how can I help?')
    await admin.locator('.canned-table__edit').getByRole('button', { name: 'Save' }).click()
    await admin.locator('.canned-table li', { hasText: 'Hello, how can I help?' }).waitFor()
    await admin.screenshot({ path: artifactPath('console-settings-canned.png') })
    admin.once('dialog', (d) => void d.accept())
    await admin.getByRole('button', { name: 'Delete /hello' }).click()
    await admin.locator('.canned-table .canned__code', { hasText: '/hello' }).waitFor({ state: 'detached' })

    const v = await visitorSays(acme.inbox.websiteToken!, 'I would like my money back please.', { identity: { userId: 'u-canned', name: 'Barbara Liskov' } })
    const agent = await openConsoleAs(agentEmail)
    await agent.goto(`/console/conversations/${v.conversationId}`)
    const composer = agent.getByRole('combobox', { name: /Reply to Barbara/ })
    await composer.click()
    await composer.pressSequentially('Hi Barbara! /ref')
    const option = agent.getByRole('option', { name: /\/refund/ })
    await option.waitFor()
    expect(await option.getAttribute('aria-selected')).toBe('true')
    await agent.screenshot({ path: artifactPath('console-canned-suggestions.png') })
    // Esc closes the list without leaving the composer; typing reopens it.
    await composer.press('Escape')
    await option.waitFor({ state: 'detached' })
    await composer.press('u')
    await option.waitFor()
    await composer.press('Enter')
    await option.waitFor({ state: 'detached' })
    expect(await composer.inputValue()).toBe(`Hi Barbara! ${REFUND}`)
    await composer.press('Enter')
    await agent.locator('.msg--out', { hasText: 'within 5 to 10 business days' }).waitFor()

    const seen = await api.http(VISITOR_MESSAGES, { id: v.conversationId }, v.token)
    expect(seen.data!.messages.nodes.map((m: { body: string }) => m.body)).toContain(`Hi Barbara! ${REFUND}`)
  }, TEST_TIMEOUT)

  test('details panel: visitor context (local time, safe page link, browser), live presence dot, previous conversations that open', async () => {
    const context = {
      pageUrl: 'https://shop.example/checkout?step=2',
      pageTitle: 'Checkout – Shop',
      referrer: 'https://search.example/?q=shoes',
      userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36',
      timezone: 'Asia/Tokyo',
      locale: 'ja-JP',
    }
    const v = await visitorSays(acme.inbox.websiteToken!, 'My first question', { identity: { userId: 'u-ctx', name: 'Hedy Lamarr' }, context })
    const resolved = await api.http(
      `mutation($i: SetConversationStatusInput!) { setConversationStatus(input: $i) { number } }`,
      { i: { conversationId: v.conversationId, status: 'RESOLVED' } },
      acme.adminToken,
    )
    const firstNumber = resolved.data!.setConversationStatus.number as number
    const next = await api.http(`mutation { startConversation { id } }`, {}, v.token)
    const secondId = next.data!.startConversation.id as string
    expect(secondId).not.toBe(v.conversationId)
    await api.http(SEND, { i: { conversationId: secondId, clientMessageId: 'ctx-2', body: 'Back again with another question' } }, v.token)

    const page = await openConsoleAs(adminEmail)
    await page.goto(`/console/conversations/${secondId}`)
    const panel = page.getByRole('complementary', { name: 'Contact and conversation details' })
    await panel.getByText('Chrome 120 on macOS').waitFor()
    const link = panel.getByRole('link', { name: 'Checkout – Shop' })
    expect(await link.getAttribute('href')).toBe(context.pageUrl)
    expect(await link.getAttribute('rel')).toBe('noopener nofollow ugc')
    expect(await panel.getByRole('link', { name: 'https://search.example/?q=shoes' }).getAttribute('rel')).toBe('noopener nofollow ugc')
    const tokyo = new Date().toLocaleTimeString('en-US', { timeZone: 'Asia/Tokyo', hour: '2-digit', minute: '2-digit' })
    const shown = (await panel.locator('.fact', { hasText: 'Local time' }).textContent()) ?? ''
    expect(shown).toContain('Asia/Tokyo')
    expect(shown.replace(/\D/g, '').slice(0, 2)).toBe(tokyo.replace(/\D/g, '').slice(0, 2))
    await panel.getByText('ja-JP').waitFor()

    // The visitor opens the widget (a socket): the dot turns green live.
    await panel.locator('.presence-line', { hasText: 'Offline' }).waitFor()
    const visitorSocket = api.socket(v.token)
    const feed = visitorSocket.subscribe(CONVERSATION_EVENTS, { id: secondId })
    try {
      await panel.locator('.presence-line', { hasText: 'Online now' }).waitFor()
      await page.screenshot({ path: artifactPath('console-contact-panel.png') })
    } finally {
      feed.dispose()
      await visitorSocket.close()
    }

    await panel.getByRole('link', { name: new RegExp(`Conversation #${firstNumber}, Resolved`) }).click()
    await page.waitForURL((url) => url.pathname === `/console/conversations/${v.conversationId}`)
    await page.locator('.msg--in', { hasText: 'My first question' }).waitFor()
  }, TEST_TIMEOUT)

  test('tabs show counts; search asks the server (debounced) and takes in new matches live', async () => {
    const page = await openConsoleAs(adminEmail)
    await page.getByRole('tab', { name: 'All' }).click()
    await page.getByLabel('Status').selectOption('OPEN')
    // Asked as the same agent: "mine" is whoever asks.
    const adaToken = await signInToken(adminEmail)
    const expected = async () => (await api.http(`query { conversationCounts(filter: { status: OPEN }) { mine unassigned all } }`, {}, adaToken)).data!.conversationCounts
    const counts = async () => Object.fromEntries(await page.locator('.tab').evaluateAll((els) => els.map((e) => [e.firstChild?.textContent?.trim(), e.querySelector('.tab__count')?.textContent])))
    const want = await expected()
    await page
      .waitForFunction((w) => {
        const n = [...document.querySelectorAll('.tab__count')].map((e) => e.textContent)
        return n.join(',') === [w.mine, w.unassigned, w.all].join(',')
      }, want)
      .catch(async (e) => {
        console.error('tab counts', await counts(), 'API then', want, 'API now', await expected())
        throw e
      })
    expect(await counts()).toEqual({ Mine: String(want.mine), Unassigned: String(want.unassigned), All: String(want.all) })

    // A new conversation bumps Unassigned and All live.
    await visitorSays(acme.inbox.websiteToken!, 'Counting on you', { identity: { userId: 'u-count', name: 'Ada Count' } })
    await page.waitForFunction((w) => document.querySelectorAll('.tab__count')[1]?.textContent === String(w.unassigned + 1), want)

    const search = page.getByRole('searchbox', { name: 'Search conversations' })
    await page.keyboard.press('/')
    await page.waitForFunction(() => document.activeElement?.getAttribute('type') === 'search')
    await page.keyboard.type('zanzibar')
    await page.getByText('Nothing matches “zanzibar”').waitFor()
    await page.waitForFunction(() => [...document.querySelectorAll('.tab__count')].every((e) => e.textContent === '0'))
    // Matched by the server on a message word, live, with the counts following.
    await visitorSays(acme.inbox.websiteToken!, 'Do you deliver to Zanzibar?', { identity: { userId: 'u-zan', name: 'Zora Neale' } })
    await page.locator('.row', { hasText: 'Zora Neale' }).waitFor()
    await page.waitForFunction(() => document.querySelectorAll('.tab__count')[2]?.textContent === '1')
    expect(await page.locator('.row').count()).toBe(1)
    await page.screenshot({ path: artifactPath('console-search.png') })
    // By contact name, on rows never loaded before.
    await search.fill('Ada Count')
    await page.locator('.row', { hasText: 'Ada Count' }).waitFor()
    await page.waitForFunction(() => [...document.querySelectorAll('.row')].every((r) => r.textContent?.includes('Ada Count')))
    await search.press('Escape')
    await page.locator('.row', { hasText: 'Zora Neale' }).waitFor()
  }, TEST_TIMEOUT)

  test('agents: presence shows live in the assignee picker; assigning yourself is no notification, being assigned is; visitor messages are acknowledged as delivered while the tab is hidden', async () => {
    const admin = await openConsoleAs(adminEmail)
    await admin.addInitScript(() => {
      const shown: { title: string; body: string }[] = []
      ;(window as unknown as { shown: typeof shown }).shown = shown
      class FakeNotification {
        static permission = 'granted'
        static requestPermission = async () => 'granted'
        onclick: (() => void) | null = null
        constructor(title: string, opts: { body: string }) {
          shown.push({ title, body: opts.body })
        }
        close() {}
      }
      ;(window as unknown as { Notification: unknown }).Notification = FakeNotification
      Object.defineProperty(document, 'visibilityState', { get: () => ((window as unknown as { hidden?: boolean }).hidden ? 'hidden' : 'visible') })
    })
    await admin.reload()
    await admin.getByRole('heading', { name: 'Conversations' }).waitFor()
    await admin.waitForFunction(() => !document.querySelector('[role="status"].connection'))
    const mine = await visitorSays(acme.inbox.websiteToken!, 'Please take me', { identity: { userId: 'u-self', name: 'Self Assigned' } })
    const given = await visitorSays(acme.inbox.websiteToken!, 'Someone else gives me away', { identity: { userId: 'u-given', name: 'Given Away' } })
    await admin.goto(`/console/conversations/${mine.conversationId}`)
    await admin.locator('select[aria-label="Assignee"]').waitFor()

    // Bob opens the console: the admin's picker says he is online, then away, live.
    const bob = await openConsoleAs(agentEmail)
    await admin.waitForFunction(() => [...document.querySelectorAll('select[aria-label="Assignee"] option')].some((o) => /Bob Agent — online/.test(o.textContent ?? '')))
    await bob.getByRole('button', { name: /Account menu/ }).click()
    await bob.getByRole('menuitemradio', { name: 'Away' }).click()
    await admin.waitForFunction(() => [...document.querySelectorAll('select[aria-label="Assignee"] option')].some((o) => /Bob Agent — away/.test(o.textContent ?? '')))

    await admin.evaluate(() => {
      ;(window as unknown as { hidden: boolean }).hidden = true
      document.dispatchEvent(new Event('visibilitychange'))
    })
    await admin.getByRole('button', { name: 'Assign to me' }).click()
    await admin.locator('.event', { hasText: 'assigned this to Ada Admin' }).waitFor()
    await admin.locator('.control__presence', { hasText: 'online' }).waitFor()
    await admin.screenshot({ path: artifactPath('console-assignee-presence.png') })
    const bobToken = await signInToken(agentEmail)
    const adminId = (await api.http(`query { me { id } }`, {}, await signInToken(adminEmail))).data!.me.id
    const assigned = await api.http(`mutation($i: AssignConversationInput!) { assignConversation(input: $i) { id } }`, { i: { conversationId: given.conversationId, agentId: adminId } }, bobToken)
    expect(assigned.errors).toBeUndefined()
    await admin.waitForFunction(() => (window as unknown as { shown: { title: string; body: string }[] }).shown.some((n) => n.title === 'Assigned to you'))
    const shown = await admin.evaluate(() => (window as unknown as { shown: { title: string; body: string }[] }).shown.filter((n) => n.title === 'Assigned to you'))
    expect(shown.length).toBe(1)
    expect(shown[0]!.body).toContain('Given Away')

    // Hidden tab: nothing is read, but the console acknowledges what it received.
    const sent = await api.http(SEND, { i: { conversationId: mine.conversationId, clientMessageId: 'ack-1', body: 'Are you still there?' } }, mine.token)
    const seq = sent.data!.sendMessage.message.seq as number
    const status = async () => {
      const res = await api.http(`query($id: ID!) { messages(conversationId: $id, afterSeq: 0) { nodes { seq deliveryStatus } } }`, { id: mine.conversationId }, mine.token)
      return (res.data!.messages.nodes as { seq: number; deliveryStatus: string }[]).find((m) => m.seq === seq)?.deliveryStatus
    }
    const deadline = Date.now() + 10_000
    while ((await status()) !== 'DELIVERED' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100))
    expect(await status()).toBe('DELIVERED')
  }, TEST_TIMEOUT)

  test('settings: business hours and the away message are saved per inbox', async () => {
    const admin = await openConsoleAs(adminEmail)
    await admin.goto('/console/settings/inboxes')
    await admin.getByText('Only offer live chat during business hours').click()
    await admin.getByLabel('Business hours time zone').fill('Europe/Paris')
    await admin.getByLabel('Open on Saturday').check()
    await admin.getByLabel('Saturday opens at').fill('10:00')
    await admin.getByLabel('Saturday closes at').fill('09:00')
    await admin.getByRole('alert').filter({ hasText: 'Saturday: closing time must be after opening time.' }).waitFor()
    await admin.getByLabel('Saturday closes at').fill('14:00')
    await admin.getByRole('textbox', { name: /^Away message/ }).fill('We are closed. We reply by email.')
    await admin.getByRole('button', { name: 'Save changes' }).click()
    await admin.getByText('Saved.', { exact: false }).waitFor()
    await admin.getByRole('heading', { name: 'Business hours and away message' }).scrollIntoViewIfNeeded()
    await admin.screenshot({ path: artifactPath('console-settings-business-hours.png') })
    const res = await api.http(`query { inboxes { id widget { outOfOfficeMessage businessHours { enabled timezone days { day open close } } } } }`, {}, acme.adminToken)
    const inbox = (res.data!.inboxes as { id: string; widget: Record<string, any> }[]).find((i) => i.id === acme.inbox.id)!
    expect(inbox.widget.outOfOfficeMessage).toBe('We are closed. We reply by email.')
    expect(inbox.widget.businessHours).toEqual({
      enabled: true,
      timezone: 'Europe/Paris',
      days: [1, 2, 3, 4, 5].map((day) => ({ day, open: '09:00', close: '17:00' })).concat([{ day: 6, open: '10:00', close: '14:00' }]),
    })
  }, TEST_TIMEOUT)

  // Runs last: it stops the suite's server and brings one up on the same port for itself.
  test('after the connection drops the console says so, reconnects and shows what was missed', async () => {
    const v = await visitorSays(acme.inbox.websiteToken!, 'Hello before the outage', { identity: { userId: 'u-outage', name: 'Radia Perlman' } })
    const page = await openConsoleAs(adminEmail)
    await page.goto(`/console/conversations/${v.conversationId}`)
    const pane = page.getByRole('region', { name: 'Conversation with Radia Perlman' })
    await pane.getByText('Hello before the outage').waitFor()

    const port = api.server.port
    await api.server.stop()
    await page.getByText('Reconnecting…').waitFor()
    // Written while no server pushes events: only a catch-up after reconnecting can show it.
    await sendMessage(deps, await viewerFromToken(deps, v.token), { conversationId: v.conversationId, clientMessageId: 'during-outage', body: 'Written during the outage' })
    const again = startServer(deps, { port, hostname: '127.0.0.1' })
    try {
      await pane.getByText('Written during the outage').waitFor({ timeout: 20_000 })
      await page.getByText('Reconnecting…').waitFor({ state: 'detached' })
    } finally {
      await again.stop()
    }
  }, TEST_TIMEOUT)

  async function signInToken(email: string): Promise<string> {
    const res = await api.http(`mutation($i: SignInInput!) { signIn(input: $i) { token } }`, { i: { email, password: PASSWORD } })
    return res.data!.signIn.token
  }
})
