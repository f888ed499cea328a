export type Segment = { text: string; href?: string }

const URL_RE = /\b(?:https?:\/\/|www\.)[^\s<>"']+/gi
const TRAILING = /[.,;:!?)\]}'"]+$/

/**
 * Splits message text into plain text and http(s) links. The UI renders each segment as a
 * text node or an <a> whose href is built here, so no markup in a message is ever parsed
 * and no javascript: or data: URL can become a link.
 */
export function linkify(text: string): Segment[] {
  const out: Segment[] = []
  let last = 0
  for (const m of text.matchAll(URL_RE)) {
    let url = m[0]
    const trail = TRAILING.exec(url)?.[0] ?? ''
    // Keep a closing parenthesis that belongs to the URL, as in wiki links.
    url = url.slice(0, url.length - trail.length)
    const start = m.index
    if (start > last) out.push({ text: text.slice(last, start) })
    const href = /^www\./i.test(url) ? `https://${url}` : url
    out.push({ text: url, href })
    last = start + url.length
  }
  if (last < text.length) out.push({ text: text.slice(last) })
  return out
}

export const LINK_REL = 'noopener nofollow ugc'
