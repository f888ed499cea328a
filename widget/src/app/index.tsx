import { render } from 'preact'
import { createChat, type ChatEvent } from '../chat/chat.ts'
import { browserStorage } from '../chat/store.ts'
import type { AppApi, MountContext, PublicEvent } from './contract.ts'
import { Panel } from './panel.tsx'

const TITLE_BADGE = /^\(\d+\) /

let audio: AudioContext | undefined

/** Two soft notes from an oscillator: no audio file to download. Browsers mute it until the visitor has interacted. */
function chime() {
  try {
    audio ??= new AudioContext()
    const t = audio.currentTime
    for (const [i, freq] of [660, 880].entries()) {
      const osc = audio.createOscillator()
      const gain = audio.createGain()
      osc.frequency.value = freq
      gain.gain.setValueAtTime(0.0001, t + i * 0.12)
      gain.gain.exponentialRampToValueAtTime(0.08, t + i * 0.12 + 0.02)
      gain.gain.exponentialRampToValueAtTime(0.0001, t + i * 0.12 + 0.25)
      osc.connect(gain).connect(audio.destination)
      osc.start(t + i * 0.12)
      osc.stop(t + i * 0.12 + 0.3)
    }
  } catch {
    // No Web Audio here: the badge and title still tell the visitor.
  }
}

/** Where the visitor is, for the agent's contact panel. */
function pageContext() {
  let timezone: string | undefined
  try {
    timezone = Intl.DateTimeFormat().resolvedOptions().timeZone
  } catch {}
  return {
    pageUrl: location.href,
    pageTitle: document.title.replace(TITLE_BADGE, ''),
    referrer: document.referrer || undefined,
    userAgent: navigator.userAgent,
    timezone,
    locale: navigator.language,
  }
}

const CONTEXT_THROTTLE_MS = 2000

/**
 * Single-page sites change the URL with pushState/replaceState (no event) or the hash:
 * report the new page at most every 2 s, the last one always.
 */
function watchNavigation(report: () => void) {
  let last = location.href
  let timer: ReturnType<typeof setTimeout> | undefined
  let lastSent = 0
  const changed = () => {
    if (timer) return
    // Trailing: the page has usually set its new title by then.
    timer = setTimeout(() => {
      timer = undefined
      if (location.href === last) return
      last = location.href
      lastSent = Date.now()
      report()
    }, Math.max(300, lastSent + CONTEXT_THROTTLE_MS - Date.now()))
  }
  for (const method of ['pushState', 'replaceState'] as const) {
    const original = history[method]
    history[method] = function (this: History, ...args: Parameters<History['pushState']>) {
      const r = original.apply(this, args)
      changed()
      return r
    }
  }
  addEventListener('popstate', changed)
  addEventListener('hashchange', changed)
}

/** Called by the loader once app.js and app.css are in: renders the panel into the shadow root. */
export function mount(ctx: MountContext): AppApi {
  const chat = createChat({ base: ctx.base, websiteToken: ctx.token, storage: browserStorage(), context: pageContext })
  watchNavigation(() => void chat.updateContext(pageContext()))
  const container = document.createElement('div')
  // Inside the launcher's wrapper, so its position class (left/right) applies to the panel too.
  ;(ctx.button.parentElement ?? ctx.root).appendChild(container)
  const handlers = new Map<PublicEvent, Set<(d?: unknown) => void>>()
  const emit = (event: PublicEvent, data?: unknown) => handlers.get(event)?.forEach((fn) => fn(data))
  for (const e of ['message', 'unread', 'ready', 'error', 'identified'] as ChatEvent[]) chat.on(e, (d) => emit(e, d))
  if (ctx.sound) chat.on('message', () => (!open || document.visibilityState !== 'visible') && chime())

  let open = false
  const draw = () => render(<Panel chat={chat} open={open} onClose={api.close} />, container)

  const syncChrome = () => {
    const s = chat.state
    const unread = open ? 0 : s.unread
    ctx.launcher({ open, unread, color: s.settings?.color, position: s.settings?.position, text: s.settings?.launcherText })
    const title = document.title.replace(TITLE_BADGE, '')
    const next = unread ? `(${unread}) ${title}` : title
    if (document.title !== next) document.title = next
  }
  chat.subscribe(syncChrome)

  const visibility = () => chat.setVisible(open && document.visibilityState === 'visible')
  document.addEventListener('visibilitychange', visibility)

  const api: AppApi = {
    open() {
      if (open) return
      open = true
      draw()
      visibility()
      syncChrome()
      emit('open')
    },
    close() {
      if (!open) return
      open = false
      draw()
      visibility()
      syncChrome()
      ctx.button.focus()
      emit('close')
    },
    toggle: () => (open ? api.close() : api.open()),
    identify: ({ traits, ...rest }: Parameters<AppApi['identify']>[0] & { traits?: Record<string, unknown>; attributes?: Record<string, unknown> }) =>
      chat.identify({ ...rest, attributes: traits ?? rest.attributes }),
    on(event, fn) {
      if (!handlers.has(event)) handlers.set(event, new Set())
      handlers.get(event)!.add(fn)
      return () => void handlers.get(event)?.delete(fn)
    },
    shutdown() {
      api.close()
      chat.shutdown()
      syncChrome()
      void chat.start()
    },
  }
  draw()
  syncChrome()
  void chat.start()
  return api
}
