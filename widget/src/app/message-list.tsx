import type { ComponentChildren } from 'preact'
import { useEffect, useRef } from 'preact/hooks'
import type { ItemStatus, TimelineItem } from '../chat/timeline.ts'
import { LINK_REL, linkify } from './linkify.ts'

const STATUS: Record<ItemStatus, string> = {
  sending: 'Sending…',
  failed: 'Not sent',
  sent: 'Sent',
  delivered: 'Delivered',
  read: 'Read',
}

function Body({ text }: { text: string }) {
  // Text nodes and http(s) anchors only: a message is never parsed as HTML.
  return (
    <>
      {linkify(text).map((seg, i) =>
        seg.href ? (
          <a key={i} href={seg.href} target="_blank" rel={LINK_REL}>
            {seg.text}
          </a>
        ) : (
          seg.text
        ),
      )}
    </>
  )
}

const time = (iso: string) => new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })

export function MessageList(props: {
  greeting?: string
  items: TimelineItem[]
  agentTyping: boolean
  hasOlder: boolean
  onOlder: () => void
  onRetry: (clientMessageId: string) => void
  children?: ComponentChildren
}) {
  const end = useRef<HTMLDivElement>(null)
  const count = props.items.length
  const lastKey = props.items[count - 1]?.key
  // Follow new messages at the bottom, but stay put when older ones are paged in at the top.
  useEffect(() => {
    end.current?.scrollIntoView?.({ block: 'end' })
  }, [lastKey, props.agentTyping])
  return (
    <div class="m">
      {props.hasOlder ? (
        <button type="button" class="older" onClick={props.onOlder}>
          Show earlier messages
        </button>
      ) : (
        props.greeting && <p class="g">{props.greeting}</p>
      )}
      <ol class="log" role="log" aria-live="polite" aria-label="Messages">
        {props.items.map((item) => (
          <li key={item.key} class={item.mine ? 'i me' : 'i'} data-status={item.status}>
            {item.mine ? <span class="sr">You:</span> : <span class="who">{item.senderName ?? 'Support'}</span>}
            <span class="bd">
              <Body text={item.body} />
            </span>
            <span class="meta">
              {time(item.at)}
              {item.status && ` · ${STATUS[item.status]}`}
              {item.status === 'failed' && (
                <>
                  {item.error ? ` (${item.error}) ` : ' '}
                  <button type="button" class="rt" onClick={() => props.onRetry(item.key)}>
                    Retry
                  </button>
                </>
              )}
            </span>
          </li>
        ))}
      </ol>
      {props.agentTyping && (
        <p class="ty" aria-live="polite">
          <span class="dots" aria-hidden="true">
            <i />
            <i />
            <i />
          </span>
          Agent is typing…
        </p>
      )}
      {props.children}
      <div ref={end} />
    </div>
  )
}
