import { useClient, useSubscription } from '@urql/preact'
import { useEffect, useRef, useState } from 'preact/hooks'
import { ACCOUNT_EVENTS, CACHED_ASSIGNEE } from '../client/documents.ts'
import type { ConversationRow, Message } from '../client/shapes.ts'
import { InboxView } from '../inbox/inbox-view.tsx'
import { SettingsView } from '../settings/settings-view.tsx'
import { contactName, preview } from '../ui/format.ts'
import { Icon } from '../ui/icons.tsx'
import { KeyboardHelp, useGlobalKeys } from './keyboard.tsx'
import { useConsole } from './live.ts'
import { notify } from './notify.ts'
import { Presence } from './presence.tsx'
import { hrefOf, navigate, onLinkClick, useRoute } from './router.ts'

type AccountEvent = {
  name: string
  conversationId: string
  message: Message | null
  conversation: ConversationRow | null
  typing: { actorType: string; isTyping: boolean } | null
  actor: { type: string; id: string | null } | null
}

/** The frame: navigation rail, the routed view, live events, shortcuts help. */
export function Shell() {
  const { me, typing, socket } = useConsole()
  const route = useRoute()
  const [help, setHelp] = useState(false)
  const isAdmin = me.role === 'ADMIN'

  const client = useClient()
  const assignees = useRef(new Map<string, string | null>())
  /** Messages ping the agent for conversations that are theirs or nobody's (unknown ones too). */
  const cachedAssignee = (conversationId: string) => {
    const cached = client.readQuery(CACHED_ASSIGNEE, { id: conversationId })?.data as { conversation?: { assignee: { id: string } | null } | null } | undefined
    return cached?.conversation ? (cached.conversation.assignee?.id ?? null) : undefined
  }
  const concernsMe = (conversationId: string) => {
    const assignee = cachedAssignee(conversationId)
    return !assignee || assignee === me.id
  }
  useSubscription({ query: ACCOUNT_EVENTS }, (_prev: unknown, data: { accountEvents: AccountEvent }) => {
    const e = data.accountEvents
    if (e.typing && e.typing.actorType === 'VISITOR') typing.set(e.conversationId, e.typing.isTyping)
    if (e.message?.senderType === 'VISITOR') typing.set(e.conversationId, false)
    // A message never changes the assignee: note who had it, so a later assignment is news
    // (the assignment's timeline line arrives just before the conversation change).
    if (e.message && !assignees.current.has(e.conversationId)) {
      const known = cachedAssignee(e.conversationId)
      if (known !== undefined) assignees.current.set(e.conversationId, known)
    }
    const open = () => navigate({ name: 'inbox', conversationId: e.conversationId })
    if (e.name === 'conversation.created') notify('New conversation', 'A visitor started a chat.', open)
    if (e.name === 'message.created' && e.message?.senderType === 'VISITOR' && e.message.kind === 'TEXT' && concernsMe(e.conversationId)) {
      notify(`New message from ${e.message.senderName ?? 'a visitor'}`, preview(e.message.body, 120), open)
    }
    if (e.conversation) {
      const before = assignees.current.get(e.conversation.id)
      const now = e.conversation.assignee?.id ?? null
      assignees.current.set(e.conversation.id, now)
      // The API says who did it: taking a conversation yourself is no news to you.
      const byMe = e.actor?.type === 'AGENT' && e.actor.id === me.id
      if (now === me.id && before !== undefined && before !== me.id && !byMe) {
        notify('Assigned to you', `${contactName(e.conversation.contact, e.conversation.number)} · #${e.conversation.number}`, open)
      }
    }
    return data
  })

  useGlobalKeys({ onHelp: () => setHelp(true) })

  // Settings are for admins; anyone else landing on the URL goes back to the inbox.
  useEffect(() => {
    if (route.name === 'settings' && !isAdmin) navigate({ name: 'inbox' }, { replace: true })
  }, [route.name, isAdmin])

  return (
    <div class="shell">
      <nav class="rail" aria-label="Main">
        <a class="rail__logo" href={hrefOf({ name: 'inbox' })} onClick={onLinkClick({ name: 'inbox' })} aria-label="Parley home">
          <span class="logo">P</span>
        </a>
        <a
          class={`rail__item${route.name === 'inbox' ? ' is-active' : ''}`}
          href={hrefOf({ name: 'inbox' })}
          onClick={onLinkClick({ name: 'inbox' })}
          aria-label="Conversations"
          aria-current={route.name === 'inbox' ? 'page' : undefined}
          title="Conversations"
        >
          <Icon name="inbox" size={20} />
        </a>
        {isAdmin && (
          <a
            class={`rail__item${route.name === 'settings' ? ' is-active' : ''}`}
            href={hrefOf({ name: 'settings', section: 'inboxes' })}
            onClick={onLinkClick({ name: 'settings', section: 'inboxes' })}
            aria-label="Settings"
            aria-current={route.name === 'settings' ? 'page' : undefined}
            title="Settings"
          >
            <Icon name="settings" size={20} />
          </a>
        )}
        <div class="rail__spacer" />
        <button type="button" class="rail__item" onClick={() => setHelp(true)} aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)">
          <Icon name="keyboard" size={20} />
        </button>
        <Presence />
      </nav>
      {socket === 'offline' && (
        <div class="connection" role="status">
          Reconnecting… changes will appear when the connection is back.
        </div>
      )}
      <div class="shell__main">{route.name === 'settings' && isAdmin ? <SettingsView section={route.section} /> : <InboxView conversationId={route.name === 'inbox' ? route.conversationId : undefined} />}</div>
      {help && <KeyboardHelp onClose={() => setHelp(false)} />}
    </div>
  )
}
