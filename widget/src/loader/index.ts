/**
 * The snippet's script: draws the launcher in a shadow root and loads the app on first
 * open (or at once for a visitor with a conversation, who may have unread replies).
 * Budget: 2 KB gzip. No dependencies; everything else lives in app.js.
 */
import type { AppApi, LauncherState, MountContext } from '../app/contract.ts'

declare const __APP_VERSION__: string

type Call = [keyof AppApi, unknown[]]

const METHODS: (keyof AppApi)[] = ['open', 'close', 'toggle', 'identify', 'on', 'shutdown']

const CSS =
  ':host{all:initial!important;display:block!important;position:fixed!important;bottom:0!important;right:0!important;width:0!important;height:0!important;z-index:2147483000!important}' +
  '.l{all:initial;position:fixed;bottom:20px;right:20px;width:56px;height:56px;border-radius:50%;background:var(--c,#1f6feb);color:#fff;cursor:pointer;display:flex;align-items:center;justify-content:center;box-shadow:0 4px 14px rgba(0,0,0,.25)}' +
  '.L .l{right:auto;left:20px}.l:focus-visible{outline:3px solid #111;outline-offset:3px}.l svg{width:28px;height:28px;fill:currentColor}' +
  '.b{position:absolute;top:-4px;right:-4px;min-width:20px;height:20px;padding:0 5px;box-sizing:border-box;border-radius:10px;background:#d93025;color:#fff;font:700 12px/20px system-ui,sans-serif;text-align:center}' +
  '.b:empty{display:none}@media (max-width:480px){.o .l{display:none}}'

const CHAT = '<path d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H8l-4 4V6a2 2 0 0 1 2-2z"/>'
const CLOSE = '<path d="M6.4 5 12 10.6 17.6 5 19 6.4 13.4 12l5.6 5.6-1.4 1.4L12 13.4 6.4 19 5 17.6 10.6 12 5 6.4z"/>'

;(() => {
  const w = window as unknown as { Parley?: Record<string, unknown> }
  if (w.Parley?.v) return
  // currentScript is null when a tag manager runs the snippet as a module or from a blob.
  const script = (document.currentScript ?? document.querySelector('script[data-website-token]')) as HTMLScriptElement | null
  const token = script?.dataset.websiteToken
  if (!script || !token) {
    console.error('[Parley] add data-website-token="…" to the widget <script> tag (see the inbox settings).')
    return
  }
  const base = script.src.replace(/\/widget\.js([?#].*)?$/, '')
  const prefix = `parley:${token}:`
  const saved = (k: string) => {
    try {
      return JSON.parse(localStorage.getItem(prefix + k) ?? 'null')
    } catch {
      return null
    }
  }

  const host = document.createElement('div')
  host.setAttribute('data-parley', '')
  const root = host.attachShadow({ mode: 'open' })
  root.innerHTML = `<style>${CSS}</style><div class="w"><button class="l" type="button" aria-expanded="false"><svg viewBox="0 0 24 24" aria-hidden="true">${CHAT}</svg><span class="b" aria-hidden="true"></span></button></div>`
  const wrap = root.firstElementChild!.nextElementSibling as HTMLElement
  const button = wrap.firstElementChild as HTMLButtonElement
  const icon = button.firstElementChild!
  const badge = button.lastElementChild!

  let state: LauncherState = { open: false, unread: 0, text: 'Chat with us' }
  const launcher = (next: Partial<LauncherState>) => {
    state = { ...state, ...next }
    const settings = saved('settings')
    const color = state.color ?? settings?.color
    const text = state.text ?? settings?.launcherText
    if (color) wrap.style.setProperty('--c', color)
    wrap.className = `w${(state.position ?? settings?.position) === 'LEFT' ? ' L' : ''}${state.open ? ' o' : ''}`
    icon.innerHTML = state.open ? CLOSE : CHAT
    button.setAttribute('aria-expanded', String(state.open))
    button.setAttribute('aria-label', state.open ? 'Close chat' : state.unread ? `${text} (${state.unread} unread)` : text)
    button.title = state.open ? 'Close chat' : text
    badge.textContent = state.unread && !state.open ? String(state.unread) : ''
  }
  launcher({})

  let app: AppApi | undefined
  let loading: Promise<AppApi> | undefined
  const queue: Call[] = []
  const load = () =>
    (loading ??= new Promise<void>((resolve, reject) => {
      const link = document.createElement('link')
      link.rel = 'stylesheet'
      link.href = `${base}/widget/app.css?v=${__APP_VERSION__}`
      link.onload = () => resolve()
      link.onerror = reject
      root.prepend(link)
    })
      .then(() => import(/* @vite-ignore */ `${base}/widget/app.js?v=${__APP_VERSION__}`))
      .then((m: { mount: (ctx: MountContext) => AppApi }) => {
        app = m.mount({ root, base, token, button, launcher, sound: script.dataset.sound === 'on' })
        for (const [k, a] of queue.splice(0)) (app[k] as (...x: unknown[]) => unknown)(...a)
        return app
      })
      .catch((err) => {
        loading = undefined
        console.error('[Parley] could not load the chat', err)
        throw err
      }))

  const api: Record<string, unknown> = { v: 1 }
  for (const k of METHODS) {
    api[k] = (...a: unknown[]) => {
      if (app) return (app[k] as (...x: unknown[]) => unknown)(...a)
      if (k === 'shutdown' && !loading) {
        for (const key of Object.keys(localStorage)) if (key.startsWith(prefix)) localStorage.removeItem(key)
        return
      }
      queue.push([k, a])
      if (k === 'open' || k === 'toggle') load().catch(() => {})
    }
  }
  w.Parley = api
  button.onclick = () => (api.toggle as () => void)()

  const attach = () => {
    document.body.appendChild(host)
    if (saved('session')?.conversationId) load().catch(() => {})
  }
  if (document.body) attach()
  else document.addEventListener('DOMContentLoaded', attach)
})()
