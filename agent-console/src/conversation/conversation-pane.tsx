import { useMutation, useQuery } from '@urql/preact'
import { useEffect, useRef, useState } from 'preact/hooks'
import { errorCode, errorMessage } from '../client/client.ts'
import { ACKNOWLEDGE_DELIVERY, CONVERSATION, MARK_READ } from '../client/documents.ts'
import type { ConversationDetail, Directory } from '../client/shapes.ts'
import { ContactPanel } from '../contact/contact-panel.tsx'
import { useShortcut } from '../shell/keyboard.tsx'
import { useCatchUp, useConsole, useVisitorTyping } from '../shell/live.ts'
import { navigate } from '../shell/router.ts'
import { Avatar } from '../ui/avatar.tsx'
import { contactName, titleCase } from '../ui/format.ts'
import { CHANNEL_ICON, Icon } from '../ui/icons.tsx'
import { EmptyState, ErrorState, SkeletonRows } from '../ui/states.tsx'
import { StatusButtons, useConversationActions } from './actions.tsx'
import { Composer, type ComposerMode } from './composer.tsx'
import { Timeline } from './timeline.tsx'

const PANEL_KEY = 'parley.console.panel'
const WIDE = 1280

/** Marks what the agent has on screen as read, while the tab is visible. */
function useMarkRead(c: ConversationDetail | undefined) {
  const [, markRead] = useMutation(MARK_READ)
  const [visible, setVisible] = useState(document.visibilityState === 'visible')
  useEffect(() => {
    const on = () => setVisible(document.visibilityState === 'visible')
    document.addEventListener('visibilitychange', on)
    return () => document.removeEventListener('visibilitychange', on)
  }, [])
  useEffect(() => {
    if (c && visible && c.unreadCount > 0) void markRead({ input: { conversationId: c.id, seq: c.lastSeq } })
  }, [c?.id, c?.lastSeq, c?.unreadCount, visible])
}

const ACK_THROTTLE_MS = 1000

/**
 * Tells the API this console received the visitor's latest messages (the widget then shows
 * "Delivered"), even while the tab is hidden and nothing is read: at once, then at most once
 * a second while messages keep coming.
 */
function useAcknowledgeDelivery(c: ConversationDetail | undefined) {
  const [, acknowledge] = useMutation(ACKNOWLEDGE_DELIVERY)
  const acked = useRef(0)
  const lastSent = useRef(0)
  const timer = useRef<ReturnType<typeof setTimeout>>()
  const latest = useRef(c)
  latest.current = c
  const pending = c && c.lastMessage?.senderType === 'VISITOR' && c.lastMessage.deliveryStatus === 'STORED' && c.lastSeq > acked.current
  useEffect(() => {
    if (!c || !pending || timer.current) return
    const send = () => {
      timer.current = undefined
      const now = latest.current ?? c
      lastSent.current = Date.now()
      acked.current = Math.max(acked.current, now.lastSeq)
      void acknowledge({ input: { conversationId: now.id, seq: now.lastSeq } })
    }
    const wait = lastSent.current + ACK_THROTTLE_MS - Date.now()
    if (wait <= 0) send()
    else timer.current = setTimeout(send, wait)
  }, [c?.id, c?.lastSeq, pending])
  useEffect(() => () => clearTimeout(timer.current), [])
}

export function ConversationPane(props: { id: string; directory?: Directory }) {
  const { me } = useConsole()
  const [{ data, fetching, error }, reexecute] = useQuery<{ conversation: ConversationDetail | null }>({ query: CONVERSATION, variables: { id: props.id } })
  const [mode, setMode] = useState<ComposerMode>('reply')
  const [problem, setProblem] = useState<string | null>(null)
  const [panel, setPanel] = useState(() => {
    const chosen = localStorage.getItem(PANEL_KEY)
    // On a wide screen the details sit beside the chat; on a tablet they open over it on demand.
    return chosen ? chosen === 'open' && innerWidth >= WIDE : innerWidth >= WIDE
  })
  const input = useRef<HTMLTextAreaElement>(null)
  const c = data?.conversation ?? undefined
  const typing = useVisitorTyping(c?.id)
  useMarkRead(c)
  useAcknowledgeDelivery(c)
  useCatchUp(reexecute)

  const actions = useConversationActions(c ?? ({ id: props.id } as ConversationDetail), setProblem)
  const focusComposer = (m: ComposerMode) => {
    setMode(m)
    // Focus now, so keys typed right after "r" land in the composer and are not taken as shortcuts.
    input.current?.focus()
  }
  useShortcut('r', () => focusComposer('reply'), !!c)
  useShortcut('n', () => focusComposer('note'), !!c)
  useShortcut('e', () => c && actions.status(c.status === 'RESOLVED' ? 'OPEN' : 'RESOLVED'), !!c)
  useShortcut('a', () => c && c.assignee?.id !== me.id && actions.assign(me.id), !!c)
  useEffect(() => {
    if (problem) {
      const t = setTimeout(() => setProblem(null), 6000)
      return () => clearTimeout(t)
    }
  }, [problem])

  if (!c && fetching) {
    return (
      <section class="pane" aria-label="Conversation" aria-busy="true">
        <div class="pane__header pane__header--loading">
          <div class="skeleton skeleton--avatar" />
          <div class="skeleton" style={{ width: '30%' }} />
        </div>
        <SkeletonRows count={4} label="Loading conversation" />
      </section>
    )
  }
  if (!c) {
    const missing = errorCode(error) === 'NOT_FOUND' || (!error && data)
    return (
      <section class="pane pane--empty" aria-label="Conversation">
        {missing ? (
          <EmptyState icon="chat" title="Conversation not found">
            It may have been removed, or it belongs to an inbox you cannot see.{' '}
            <button type="button" class="link" onClick={() => navigate({ name: 'inbox' })}>
              Back to the list
            </button>
          </EmptyState>
        ) : (
          <ErrorState title="Could not open this conversation" message={errorMessage(error)} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />
        )}
      </section>
    )
  }

  const name = contactName(c.contact, c.number)
  const mine = c.assignee?.id === me.id
  const togglePanel = () => {
    localStorage.setItem(PANEL_KEY, panel ? 'closed' : 'open')
    setPanel(!panel)
  }
  return (
    <>
      <section class="pane" aria-label={`Conversation with ${name}`}>
        <header class="pane__header">
          <button type="button" class="icon-btn pane__back" aria-label="Back to the list" onClick={() => navigate({ name: 'inbox' })}>
            ←
          </button>
          <Avatar id={c.contact.id} name={name} size="lg" />
          <div class="pane__title">
            <h2>{name}</h2>
            <p class="muted">
              <Icon name={CHANNEL_ICON[c.inbox.channel] ?? 'chat'} size={13} /> {c.inbox.name} · #{c.number} ·{' '}
              <span class={`status-pill status-pill--${c.status.toLowerCase()}`}>{titleCase(c.status)}</span>
              {c.status === 'SNOOZED' && c.snoozedUntil && <span> until {new Date(c.snoozedUntil).toLocaleString()}</span>}
            </p>
          </div>
          <div class="pane__actions">
            {!mine && (
              <button type="button" class="btn btn--secondary" onClick={() => actions.assign(me.id)} aria-keyshortcuts="a">
                <Icon name="user" size={16} /> Assign to me
              </button>
            )}
            <StatusButtons c={c} actions={actions} />
            <button type="button" class={`icon-btn${panel ? ' is-on' : ''}`} aria-label={panel ? 'Hide details' : 'Show details'} aria-pressed={panel} onClick={togglePanel}>
              <Icon name="panel" />
            </button>
          </div>
        </header>
        {problem && (
          <p class="banner banner--error banner--floating" role="alert">
            {problem}
          </p>
        )}
        <Timeline conversationId={c.id} latest={c.messages} seenSeq={c.readSeqOfOtherSide} typing={typing} contactName={name} />
        <Composer conversationId={c.id} contactName={name} mode={mode} onMode={setMode} inputRef={input} />
      </section>
      {panel && <ContactPanel c={c} directory={props.directory} actions={actions} onClose={togglePanel} />}
    </>
  )
}
