import { useQuery } from '@urql/preact'
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks'
import { errorMessage } from '../client/client.ts'
import { OLDER_MESSAGES } from '../client/documents.ts'
import type { Message } from '../client/shapes.ts'
import { clockTime, dayLabel } from '../ui/format.ts'
import { Icon } from '../ui/icons.tsx'
import { Spinner } from '../ui/states.tsx'

type Page = { nodes: Message[]; hasMore: boolean }

/** Where a reply got to: the visitor's read mark wins, then the channel's delivery status. */
function Delivery({ status, seen }: { status: string; seen: boolean }) {
  if (seen) {
    return (
      <span class="msg__status msg__status--seen" title="The visitor has seen this">
        <Icon name="check" size={12} /> Seen
      </span>
    )
  }
  if (status === 'FAILED') return <span class="msg__status msg__status--failed">Not delivered</span>
  return <span class="msg__status">{status === 'DELIVERED' ? 'Delivered' : 'Sent'}</span>
}

/** Message bodies are always text nodes: never parsed as HTML. */
function MessageItem({ m, seen, last }: { m: Message; seen: boolean; last: boolean }) {
  if (m.kind === 'EVENT') {
    return (
      <li class="event" data-seq={m.seq}>
        <span>{m.body}</span>
        <time dateTime={m.createdAt}>{clockTime(m.createdAt)}</time>
      </li>
    )
  }
  const side = m.senderType === 'VISITOR' ? 'in' : 'out'
  const note = m.kind === 'NOTE'
  const who = m.senderName ?? (m.senderType === 'VISITOR' ? 'Visitor' : m.senderType === 'BOT' ? 'Bot' : 'Agent')
  return (
    <li class={`msg msg--${side}${note ? ' msg--note' : ''}${m.senderType === 'BOT' ? ' msg--bot' : ''}${last ? '' : ' msg--grouped'}`} data-seq={m.seq} data-kind={m.kind}>
      <div class="msg__bubble">
        {note && (
          <div class="msg__note-tag">
            <Icon name="note" size={13} /> Private note · only agents see this
          </div>
        )}
        <p class="msg__body">{m.body}</p>
      </div>
      <div class="msg__meta" hidden={!last}>
        <span>{who}</span>
        <span aria-hidden="true">·</span>
        <time dateTime={m.createdAt} title={new Date(m.createdAt).toLocaleString()}>
          {clockTime(m.createdAt)}
        </time>
        {side === 'out' && !note && <Delivery status={m.deliveryStatus} seen={seen} />}
      </div>
    </li>
  )
}

/** Older pages and the latest one as a single run by sequence, each message once. */
function allMessages(older: Message[][], latest: Message[]): Message[] {
  const byId = new Map<string, Message>()
  for (const m of [...older.flat(), ...latest]) byId.set(m.id, m)
  return [...byId.values()].sort((a, b) => a.seq - b.seq)
}

/** Consecutive messages of one sender and kind within two minutes share one name-and-time line. */
function sameRun(a: Message, b: Message | undefined): boolean {
  if (!b || a.kind === 'EVENT' || b.kind === 'EVENT') return false
  return a.senderType === b.senderType && (a.senderId ?? a.senderName) === (b.senderId ?? b.senderName) && a.kind === b.kind && dayLabel(a.createdAt) === dayLabel(b.createdAt) && Date.parse(b.createdAt) - Date.parse(a.createdAt) < 120_000
}

function withDays(messages: Message[], seenSeq: number) {
  const out: preact.JSX.Element[] = []
  let day = ''
  for (const [i, m] of messages.entries()) {
    const d = dayLabel(m.createdAt)
    if (d !== day) {
      day = d
      out.push(
        <li class="day" key={`day-${m.seq}`}>
          <span>{d}</span>
        </li>,
      )
    }
    out.push(<MessageItem key={m.id} m={m} seen={m.seq <= seenSeq} last={!sameRun(m, messages[i + 1])} />)
  }
  return out
}

/** Fetches one older page (a cached query) and hands it up; the timeline renders all pages as one. */
function OlderPage(props: { conversationId: string; beforeSeq: number; onLoaded(page: Page): void }) {
  const [{ data, error, fetching }, reexecute] = useQuery<{ conversation: { messages: Page } }>({
    query: OLDER_MESSAGES,
    variables: { id: props.conversationId, beforeSeq: props.beforeSeq },
  })
  const page = data?.conversation.messages
  useEffect(() => {
    if (page) props.onLoaded(page)
  }, [page])
  if (error && !page) {
    return (
      <li class="day">
        <button type="button" class="btn btn--ghost" onClick={() => reexecute({ requestPolicy: 'network-only' })}>
          {errorMessage(error)} — retry
        </button>
      </li>
    )
  }
  if (!page && fetching) {
    return (
      <li class="day">
        <Spinner label="Loading earlier messages" />
      </li>
    )
  }
  return null
}

/**
 * The conversation's history, newest at the bottom. Older pages load when the agent scrolls
 * to the top; new messages keep the view pinned to the bottom if it was there.
 */
export function Timeline(props: { conversationId: string; latest: Page; seenSeq: number; typing: boolean; contactName: string }) {
  const scroller = useRef<HTMLDivElement>(null)
  const pinned = useRef(true)
  const anchor = useRef<number | null>(null)
  const [cursors, setCursors] = useState<number[]>([])
  const [loaded, setLoaded] = useState<Record<number, Page>>({})
  const firstSeq = props.latest.nodes[0]?.seq
  const lastSeq = props.latest.nodes[props.latest.nodes.length - 1]?.seq
  const lastCursor = cursors[cursors.length - 1]
  const lastLoaded = lastCursor === undefined ? undefined : loaded[lastCursor]
  const waiting = lastCursor !== undefined && !lastLoaded
  const nextBefore =
    lastCursor === undefined ? (props.latest.hasMore ? firstSeq : undefined) : lastLoaded?.hasMore && lastLoaded.nodes[0] ? lastLoaded.nodes[0].seq : undefined
  const hasOlder = nextBefore !== undefined || waiting

  const loadOlder = () => {
    if (nextBefore === undefined || waiting) return
    // Keep the agent's place: remember the distance from the bottom, restore it after render.
    const el = scroller.current
    anchor.current = el ? el.scrollHeight - el.scrollTop : null
    setCursors((c) => (c.includes(nextBefore) ? c : [...c, nextBefore]))
  }

  const onOlderLoaded = (before: number, page: Page) => {
    if (loaded[before] === page) return
    const el = scroller.current
    if (el && !pinned.current) anchor.current = el.scrollHeight - el.scrollTop
    setLoaded((l) => ({ ...l, [before]: page }))
  }

  useLayoutEffect(() => {
    const el = scroller.current
    if (!el) return
    if (anchor.current !== null) {
      el.scrollTop = el.scrollHeight - anchor.current
      anchor.current = null
    } else if (pinned.current) el.scrollTop = el.scrollHeight
  })

  const onScroll = () => {
    const el = scroller.current
    if (!el) return
    pinned.current = el.scrollHeight - el.scrollTop - el.clientHeight < 80
    if (el.scrollTop < 60) loadOlder()
  }

  return (
    <div class="timeline" ref={scroller} onScroll={onScroll} tabIndex={0} aria-label="Messages" role="log" aria-live="polite">
      <ol class="timeline__list">
        {hasOlder ? (
          <li class="day">
            <button type="button" class="btn btn--ghost btn--small" onClick={loadOlder} disabled={waiting}>
              Load earlier messages
            </button>
          </li>
        ) : (
          <li class="timeline__start">
            <Icon name="chat" size={16} /> Start of the conversation
          </li>
        )}
        {cursors.map((before) => (
          <OlderPage key={before} conversationId={props.conversationId} beforeSeq={before} onLoaded={(page) => onOlderLoaded(before, page)} />
        ))}
        {withDays(allMessages(cursors.map((c) => loaded[c]?.nodes ?? []), props.latest.nodes), props.seenSeq)}
        {props.latest.nodes.length === 0 && cursors.length === 0 && (
          <li class="timeline__empty">No messages yet. {props.contactName} opened the chat but has not written.</li>
        )}
      </ol>
      {props.typing && (
        <div class="typing" role="status">
          <span class="typing__dots" aria-hidden="true">
            <i />
            <i />
            <i />
          </span>
          {props.contactName} is typing…
        </div>
      )}
      <span class="visually-hidden" data-last-seq={lastSeq ?? 0} />
    </div>
  )
}
