import { useEffect, useState } from 'preact/hooks'

export const BASE = '/console'

export type Route =
  | { name: 'inbox'; conversationId?: string }
  | { name: 'settings'; section: SettingsSection }

export type SettingsSection = 'inboxes' | 'agents' | 'teams' | 'canned' | 'labels'
const SECTIONS: SettingsSection[] = ['inboxes', 'agents', 'teams', 'canned', 'labels']

export function parseRoute(pathname: string): Route {
  const rest = pathname.startsWith(BASE) ? pathname.slice(BASE.length) : pathname
  const parts = rest.split('/').filter(Boolean)
  if (parts[0] === 'conversations' && parts[1]) return { name: 'inbox', conversationId: parts[1] }
  if (parts[0] === 'settings') {
    const section = SECTIONS.find((s) => s === parts[1]) ?? 'inboxes'
    return { name: 'settings', section }
  }
  return { name: 'inbox' }
}

export function hrefOf(route: Route): string {
  if (route.name === 'settings') return `${BASE}/settings/${route.section}`
  return route.conversationId ? `${BASE}/conversations/${route.conversationId}` : `${BASE}/`
}

const listeners = new Set<() => void>()

export function navigate(to: Route | string, opts: { replace?: boolean } = {}) {
  const href = typeof to === 'string' ? to : hrefOf(to)
  if (href === location.pathname) return
  if (opts.replace) history.replaceState(null, '', href)
  else history.pushState(null, '', href)
  listeners.forEach((l) => l())
}

export function useRoute(): Route {
  const [path, setPath] = useState(location.pathname)
  useEffect(() => {
    const update = () => setPath(location.pathname)
    listeners.add(update)
    addEventListener('popstate', update)
    return () => {
      listeners.delete(update)
      removeEventListener('popstate', update)
    }
  }, [])
  return parseRoute(path)
}

/** A link that navigates in-app on a plain click and stays a real link otherwise. */
export function onLinkClick(route: Route) {
  return (e: MouseEvent) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return
    e.preventDefault()
    navigate(route)
  }
}
