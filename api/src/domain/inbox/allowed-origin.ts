/**
 * Which browser origins may use a web inbox: the inbox's allowed domains (`example.com`,
 * `*.example.com`, `localhost:5173`), plus the API's own origin (the /demo page). An empty
 * list allows every origin. A request without an Origin header is not a browser request
 * made on some page's behalf, so the check does not apply to it (tokens still do).
 */
export function isOriginAllowed(origin: string | null | undefined, allowedDomains: readonly string[], selfOrigins: readonly string[] = []): boolean {
  if (origin === undefined || origin === null || origin === '') return true
  if (allowedDomains.length === 0) return true
  if (selfOrigins.includes(origin)) return true
  let url: URL
  try {
    url = new URL(origin)
  } catch {
    return false
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return false
  const host = url.hostname.toLowerCase()
  const port = url.port || (url.protocol === 'https:' ? '443' : '80')
  return allowedDomains.some((raw) => {
    const entry = raw.trim().toLowerCase()
    const [name = '', entryPort] = entry.split(':')
    if (entryPort && entryPort !== port) return false
    if (name.startsWith('*.')) return host.endsWith(name.slice(1)) && host.length > name.length - 1
    return host === name
  })
}

/** The message a refused origin gets; the widget prints it to the page's console. */
export function originRefusal(origin: string): string {
  return `origin: ${origin} is not in this inbox's allowed domains; add it in the inbox settings to use the widget there`
}
