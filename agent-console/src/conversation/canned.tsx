import { useQuery } from '@urql/preact'
import { useEffect, useState } from 'preact/hooks'
import { CANNED_RESPONSES } from '../client/documents.ts'
import type { CannedResponse } from '../client/shapes.ts'
import { preview } from '../ui/format.ts'

/** A `/code` being typed at the start of a word, just before the caret. */
export interface CannedToken {
  start: number
  end: number
  term: string
}

export function cannedToken(text: string, caret: number): CannedToken | null {
  const m = /(^|\s)\/([a-z0-9_-]{1,32})$/i.exec(text.slice(0, caret))
  if (!m) return null
  const term = m[2]!.toLowerCase()
  return { start: caret - term.length - 1, end: caret, term }
}

/** Replaces the `/code` with the response's text; returns the new text and where the caret goes. */
export function insertCanned(text: string, token: CannedToken, content: string): { text: string; caret: number } {
  const next = text.slice(0, token.start) + content + text.slice(token.end)
  return { text: next, caret: token.start + content.length }
}

/** Codes that start with the term first (shortest first), then responses whose text mentions it. */
export function rankCanned(items: CannedResponse[], term: string): CannedResponse[] {
  const byCode = items.filter((c) => c.shortCode.startsWith(term)).sort((a, b) => a.shortCode.length - b.shortCode.length || a.shortCode.localeCompare(b.shortCode))
  const byText = items.filter((c) => !c.shortCode.startsWith(term) && c.content.toLowerCase().includes(term))
  return [...byCode, ...byText].slice(0, 8)
}

export const CANNED_LIST_ID = 'canned-suggestions'
export const cannedOptionId = (id: string) => `canned-${id}`

/**
 * The suggestion list under the composer while a `/code` is typed: the server searches
 * (`cannedResponses(search)`), the list is ranked and kept to what still matches the term.
 */
export function useCannedSuggestions(token: CannedToken | null) {
  const [active, setActive] = useState(0)
  const [closedFor, setClosedFor] = useState<string | null>(null)
  const [{ data, fetching }] = useQuery<{ cannedResponses: CannedResponse[] }>({
    query: CANNED_RESPONSES,
    variables: { search: token?.term ?? '' },
    pause: !token,
  })
  useEffect(() => setActive(0), [token?.term])
  const items = token ? rankCanned(data?.cannedResponses ?? [], token.term) : []
  // Esc closes the list for what is typed now; typing on opens it again.
  const key = token ? `${token.start}:${token.term}` : null
  const open = !!token && closedFor !== key && (items.length > 0 || !fetching)
  const index = Math.min(active, Math.max(0, items.length - 1))
  return {
    open,
    items,
    index,
    fetching,
    selected: open ? items[index] : undefined,
    move: (delta: number) => items.length && setActive((index + delta + items.length) % items.length),
    setActive,
    close: () => setClosedFor(key),
  }
}

export function CannedList(props: { term: string; items: CannedResponse[]; index: number; fetching: boolean; onPick(c: CannedResponse): void; onHover(i: number): void }) {
  return (
    <div class="canned" role="presentation">
      {props.items.length === 0 ? (
        <p class="canned__empty" role="status">
          No canned response matches “/{props.term}”. Admins add them in Settings → Canned responses.
        </p>
      ) : (
        <ul id={CANNED_LIST_ID} class="canned__list" role="listbox" aria-label="Canned responses">
          {props.items.map((c, i) => (
            <li
              key={c.id}
              id={cannedOptionId(c.id)}
              role="option"
              aria-selected={i === props.index}
              class={`canned__item${i === props.index ? ' is-active' : ''}`}
              // mousedown, not click: the textarea keeps focus and its caret.
              onMouseDown={(e) => {
                e.preventDefault()
                props.onPick(c)
              }}
              onMouseEnter={() => props.onHover(i)}
            >
              <code class="canned__code">/{c.shortCode}</code>
              <span class="canned__text">{preview(c.content, 140)}</span>
            </li>
          ))}
        </ul>
      )}
      <p class="canned__hint" aria-hidden="true">
        ↑↓ to choose · Enter or Tab to insert · Esc to close
      </p>
    </div>
  )
}
