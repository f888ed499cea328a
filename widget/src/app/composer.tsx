import { useRef, useState } from 'preact/hooks'

export function Composer({ onSend, onTyping }: { onSend: (body: string) => void; onTyping: () => void }) {
  const [text, setText] = useState('')
  const input = useRef<HTMLTextAreaElement>(null)
  const send = () => {
    if (!text.trim()) return
    onSend(text)
    setText('')
    input.current?.style.removeProperty('height')
  }
  return (
    <form
      class="c"
      onSubmit={(e) => {
        e.preventDefault()
        send()
      }}
    >
      <textarea
        ref={input}
        rows={1}
        aria-label="Write a message"
        placeholder="Write a message…"
        maxLength={5000}
        value={text}
        onInput={(e) => {
          const el = e.currentTarget
          setText(el.value)
          // Grow with the text up to the CSS max-height, then scroll.
          el.style.height = 'auto'
          el.style.height = `${el.scrollHeight + 2}px`
          onTyping()
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
            e.preventDefault()
            send()
          }
        }}
      />
      <button type="submit" class="sd" aria-label="Send" disabled={!text.trim()}>
        <svg viewBox="0 0 24 24" aria-hidden="true">
          <path d="M3 20.5 21 12 3 3.5v6.6l12 1.9-12 1.9z" />
        </svg>
      </button>
    </form>
  )
}
