import { useMutation } from '@urql/preact'
import type { RefObject } from 'preact'
import { useEffect, useRef, useState } from 'preact/hooks'
import { errorMessage } from '../client/client.ts'
import { SEND_MESSAGE, SET_TYPING } from '../client/documents.ts'
import { Icon } from '../ui/icons.tsx'
import { CANNED_LIST_ID, CannedList, cannedOptionId, cannedToken, insertCanned, useCannedSuggestions } from './canned.tsx'
import type { CannedResponse } from '../client/shapes.ts'

export type ComposerMode = 'reply' | 'note'

const DRAFTS = new Map<string, string>()
const TYPING_REFRESH_MS = 3000
const TYPING_IDLE_MS = 4000

/** Tells the visitor an agent is typing: at most every few seconds, and "stopped" when idle. */
function useTypingSignal(conversationId: string) {
  const [, setTyping] = useMutation(SET_TYPING)
  const lastSent = useRef(0)
  const idle = useRef<ReturnType<typeof setTimeout>>()
  const stop = () => {
    clearTimeout(idle.current)
    if (lastSent.current) {
      lastSent.current = 0
      void setTyping({ input: { conversationId, isTyping: false } })
    }
  }
  const ping = () => {
    const now = Date.now()
    if (now - lastSent.current > TYPING_REFRESH_MS) {
      lastSent.current = now
      void setTyping({ input: { conversationId, isTyping: true } })
    }
    clearTimeout(idle.current)
    idle.current = setTimeout(stop, TYPING_IDLE_MS)
  }
  useEffect(() => stop, [conversationId])
  return { ping, stop }
}

export function Composer(props: { conversationId: string; contactName: string; mode: ComposerMode; onMode(m: ComposerMode): void; inputRef: RefObject<HTMLTextAreaElement> }) {
  const [text, setText] = useState(DRAFTS.get(props.conversationId) ?? '')
  const [problem, setProblem] = useState<string | null>(null)
  const [{ fetching }, send] = useMutation(SEND_MESSAGE)
  const typing = useTypingSignal(props.conversationId)
  const note = props.mode === 'note'
  const [caret, setCaret] = useState(0)
  const token = cannedToken(text, caret)
  const canned = useCannedSuggestions(token)

  function pick(c: CannedResponse) {
    const el = props.inputRef.current
    if (!token || !el) return
    const next = insertCanned(text, token, c.content)
    setText(next.text)
    setCaret(next.caret)
    // Set the value now so the caret can be placed right after the inserted text.
    el.value = next.text
    el.setSelectionRange(next.caret, next.caret)
    el.focus()
  }

  useEffect(() => {
    DRAFTS.set(props.conversationId, text)
  }, [text])

  async function submit() {
    const body = text.trim()
    if (!body || fetching) return
    setProblem(null)
    const clientMessageId = crypto.randomUUID()
    const input = { conversationId: props.conversationId, clientMessageId, body, kind: note ? 'NOTE' : 'TEXT' }
    setText('')
    if (!note) typing.stop()
    const res = await send({ input })
    if (res.error) {
      // Keep the words: the agent can fix or resend; the id makes a resend safe.
      setText(body)
      setProblem(errorMessage(res.error))
    }
  }

  return (
    <form
      class={`composer${note ? ' composer--note' : ''}`}
      onSubmit={(e) => {
        e.preventDefault()
        void submit()
      }}
    >
      <div class="composer__modes" role="tablist" aria-label="Message type">
        <button type="button" role="tab" aria-selected={!note} class="composer__mode" onClick={() => props.onMode('reply')}>
          <Icon name="reply" size={15} /> Reply
        </button>
        <button type="button" role="tab" aria-selected={note} class="composer__mode composer__mode--note" onClick={() => props.onMode('note')}>
          <Icon name="note" size={15} /> Private note
        </button>
      </div>
      {problem && (
        <p class="composer__error" role="alert">
          Not sent: {problem}
        </p>
      )}
      {canned.open && token && (
        <CannedList term={token.term} items={canned.items} index={canned.index} fetching={canned.fetching} onPick={pick} onHover={canned.setActive} />
      )}
      <textarea
        ref={props.inputRef}
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={canned.open}
        aria-controls={canned.open ? CANNED_LIST_ID : undefined}
        aria-activedescendant={canned.selected ? cannedOptionId(canned.selected.id) : undefined}
        class="composer__input"
        aria-label={note ? 'Private note (only agents see it)' : `Reply to ${props.contactName}`}
        placeholder={note ? 'Add a private note for your team — the visitor never sees it' : `Reply to ${props.contactName}…  (Enter to send, Shift+Enter for a new line)`}
        rows={3}
        value={text}
        onSelect={(e) => setCaret(e.currentTarget.selectionStart ?? 0)}
        onInput={(e) => {
          setText(e.currentTarget.value)
          setCaret(e.currentTarget.selectionStart ?? 0)
          if (!note && e.currentTarget.value) typing.ping()
        }}
        onKeyDown={(e) => {
          if (canned.open && !e.isComposing) {
            const chosen = canned.selected
            if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
              e.preventDefault()
              canned.move(e.key === 'ArrowDown' ? 1 : -1)
              return
            }
            if ((e.key === 'Enter' || e.key === 'Tab') && chosen && !e.shiftKey) {
              e.preventDefault()
              pick(chosen)
              return
            }
            if (e.key === 'Escape') {
              e.preventDefault()
              canned.close()
              return
            }
          }
          if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
            e.preventDefault()
            void submit()
          } else if (e.key === 'Escape') e.currentTarget.blur()
        }}
      />
      <div class="composer__bar">
        <span class="composer__hint">{note ? 'Only your team sees notes.' : 'Enter sends · Shift+Enter adds a line · / inserts a canned response'}</span>
        <button type="submit" class={`btn ${note ? 'btn--note' : 'btn--primary'}`} disabled={!text.trim() || fetching}>
          <Icon name={note ? 'note' : 'send'} size={15} /> {note ? 'Add note' : 'Send'}
        </button>
      </div>
    </form>
  )
}
