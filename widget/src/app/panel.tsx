import { useEffect, useRef, useState } from 'preact/hooks'
import type { Chat, ChatState } from '../chat/chat.ts'
import { buildTimeline } from '../chat/timeline.ts'
import { Composer } from './composer.tsx'
import { ContactForm } from './contact-form.tsx'
import { MessageList } from './message-list.tsx'

const REPLY_TIME = {
  FEW_MINUTES: 'We typically reply in a few minutes',
  FEW_HOURS: 'We typically reply in a few hours',
  A_DAY: 'We typically reply within a day',
}

function useChat(chat: Chat): ChatState {
  const [state, setState] = useState(chat.state)
  useEffect(() => chat.subscribe(setState), [chat])
  return state
}

function connectionNote(s: ChatState): string | undefined {
  if (s.connection === 'offline') return 'You are offline. Messages will be sent when you are back online.'
  if (s.phase === 'booting' || s.connection === 'connecting') return 'Connecting…'
}

export function Panel({ chat, open, onClose }: { chat: Chat; open: boolean; onClose: () => void }) {
  const s = useChat(chat)
  const panel = useRef<HTMLDivElement>(null)
  const settings = s.settings
  const needsPreChat = Boolean(settings?.preChatForm.enabled && !s.preChatDone && !s.conversationId && s.messages.length === 0 && s.pending.length === 0)
  const items = buildTimeline(s.messages, s.pending, s.failed, s.readSeqOfOtherSide, s.deliveredSeqOfOtherSide)
  const waitingForReply = !s.preChatDone && items.length > 0 && items.every((i) => i.mine)
  // No agent available, or outside business hours: say so and ask for an email (messages are still stored).
  const away = s.phase === 'ready' && (!s.agentsOnline || !s.withinBusinessHours)
  const awayText = settings?.outOfOfficeMessage || 'We are away right now. Leave your email and we will get back to you.'

  useEffect(() => {
    if (open) panel.current?.querySelector<HTMLElement>('textarea,input')?.focus()
  }, [open, needsPreChat])

  const note = s.phase === 'failed' ? 'Chat is not available here right now.' : connectionNote(s)
  return (
    <div
      ref={panel}
      class="p"
      role="dialog"
      aria-label={`Chat with ${s.inboxName || 'us'}`}
      data-availability={s.phase !== 'ready' ? undefined : away ? 'away' : 'online'}
      hidden={!open}
      style={settings ? { '--c': settings.color } : undefined}
      onKeyDown={(e) => e.key === 'Escape' && onClose()}
    >
      <header class="h">
        <div>
          <h2 class="t">{s.inboxName || 'Chat'}</h2>
          <p class="s">
            {s.phase === 'ready' && <span class={away ? 'av' : 'av on'}>{away ? 'Away' : 'Online'}</span>}
            {settings ? REPLY_TIME[settings.replyTime] : ' '}
          </p>
        </div>
        <button type="button" class="x" aria-label="Close chat" onClick={onClose}>
          <svg viewBox="0 0 24 24" aria-hidden="true">
            <path d="M6.4 5 12 10.6 17.6 5 19 6.4 13.4 12l5.6 5.6-1.4 1.4L12 13.4 6.4 19 5 17.6 10.6 12 5 6.4z" />
          </svg>
        </button>
      </header>
      {note && (
        <p class="n" role="status">
          {note}
        </p>
      )}
      {s.notice && (
        <p class="n e" role="alert">
          {s.notice}
        </p>
      )}
      {s.phase === 'failed' ? (
        <div class="m" />
      ) : needsPreChat ? (
        <ContactForm
          intro={settings?.greeting ?? ''}
          note={away ? awayText : undefined}
          requireEmail={settings?.preChatForm.requireEmail ?? false}
          askName
          submitLabel="Start chat"
          onSubmit={(d) => chat.savePreChat(d)}
        />
      ) : (
        <MessageList
          greeting={settings?.greeting}
          items={items}
          agentTyping={s.agentTyping}
          hasOlder={s.hasOlder}
          onOlder={chat.loadOlder}
          onRetry={chat.retry}
        >
          {away &&
            (s.preChatDone ? (
              <p class="g oo" role="status">
                {awayText}
              </p>
            ) : (
              <ContactForm intro={awayText} requireEmail compact submitLabel="Notify me" onSubmit={(d) => chat.savePreChat(d)} />
            ))}
          {!away && waitingForReply && (
            <ContactForm
              intro="Can’t stay? Leave your email and we will reply there too."
              requireEmail
              compact
              submitLabel="Notify me"
              onSubmit={(d) => chat.savePreChat(d)}
            />
          )}
        </MessageList>
      )}
      {!needsPreChat && s.phase !== 'failed' && <Composer onSend={chat.send} onTyping={chat.typing} />}
      <p class="f">Powered by Parley</p>
    </div>
  )
}
