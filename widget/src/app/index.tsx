import { render } from 'preact'
import { createChat, type ChatEvent } from '../chat/chat.ts'
import { browserStorage } from '../chat/store.ts'
import type { AppApi, MountContext, PublicEvent } from './contract.ts'
import { Panel } from './panel.tsx'

const TITLE_BADGE = /^\(\d+\) /

/** Called by the loader once app.js and app.css are in: renders the panel into the shadow root. */
export function mount(ctx: MountContext): AppApi {
  const chat = createChat({ base: ctx.base, websiteToken: ctx.token, storage: browserStorage() })
  const container = document.createElement('div')
  // Inside the launcher's wrapper, so its position class (left/right) applies to the panel too.
  ;(ctx.button.parentElement ?? ctx.root).appendChild(container)
  const handlers = new Map<PublicEvent, Set<(d?: unknown) => void>>()
  const emit = (event: PublicEvent, data?: unknown) => handlers.get(event)?.forEach((fn) => fn(data))
  for (const e of ['message', 'unread', 'ready', 'error', 'identified'] as ChatEvent[]) chat.on(e, (d) => emit(e, d))

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
