import type { ConversationRow as Row } from '../client/shapes.ts'
import { hrefOf, onLinkClick } from '../shell/router.ts'
import { Avatar } from '../ui/avatar.tsx'
import { contactName, preview, shortAge, titleCase, waitingLabel } from '../ui/format.ts'
import { CHANNEL_ICON, CHANNEL_NAME, Icon } from '../ui/icons.tsx'

export function previewOf(row: Row, meId: string): { who: string; text: string; kind: string } {
  const m = row.lastMessage
  if (!m) return { who: '', text: 'No messages yet', kind: 'empty' }
  const text = preview(m.body)
  if (m.kind === 'NOTE') return { who: 'Note: ', text, kind: 'note' }
  if (m.kind === 'EVENT') return { who: '', text, kind: 'event' }
  if (m.senderType === 'AGENT') return { who: m.senderId === meId ? 'You: ' : `${m.senderName ?? 'Agent'}: `, text, kind: 'agent' }
  return { who: '', text, kind: 'visitor' }
}

export function ConversationRowItem(props: { row: Row; active: boolean; focused: boolean; meId: string; now: number }) {
  const { row, meId, now } = props
  const name = contactName(row.contact, row.number)
  const p = previewOf(row, meId)
  const waiting = row.status === 'OPEN' ? waitingLabel(row.waitingSince, now) : ''
  const unread = row.unreadCount > 0
  const route = { name: 'inbox', conversationId: row.id } as const
  return (
    <li class={`row${props.active ? ' is-active' : ''}${props.focused ? ' is-focused' : ''}${unread ? ' is-unread' : ''}`} data-id={row.id}>
      <a
        class="row__link"
        href={hrefOf(route)}
        onClick={onLinkClick(route)}
        aria-current={props.active ? 'true' : undefined}
        aria-label={`${name}, conversation #${row.number}${unread ? `, ${row.unreadCount} unread` : ''}${waiting ? `, ${waiting}` : ''}`}
      >
        <Avatar id={row.contact.id} name={name} />
        <div class="row__body">
          <div class="row__top">
            <span class="row__name">{name}</span>
            <time class="row__time" dateTime={row.lastActivityAt} title={new Date(row.lastActivityAt).toLocaleString()}>
              {shortAge(row.lastActivityAt, now)}
            </time>
          </div>
          <div class="row__meta">
            <span class="row__channel" title={`${CHANNEL_NAME[row.inbox.channel]} · ${row.inbox.name}`}>
              <Icon name={CHANNEL_ICON[row.inbox.channel] ?? 'chat'} size={13} />
              {row.inbox.name}
            </span>
            <span class="row__number">#{row.number}</span>
            {row.priority !== 'NONE' && (
              <span class={`prio prio--${row.priority.toLowerCase()}`} title={`Priority: ${titleCase(row.priority)}`}>
                <Icon name="flag" size={12} /> {titleCase(row.priority)}
              </span>
            )}
            {row.status !== 'OPEN' && <span class={`status-pill status-pill--${row.status.toLowerCase()}`}>{titleCase(row.status)}</span>}
          </div>
          <div class="row__preview">
            <span class={`row__text row__text--${p.kind}`}>
              {p.who && <span class="row__who">{p.who}</span>}
              {p.text}
            </span>
            {unread && (
              <span class="badge" aria-hidden="true">
                {row.unreadCount > 99 ? '99+' : row.unreadCount}
              </span>
            )}
          </div>
          <div class="row__foot">
            {waiting ? (
              <span class="row__waiting">
                <Icon name="clock" size={12} /> {waiting}
              </span>
            ) : (
              <span />
            )}
            {row.labels.length > 0 && (
              <span class="row__labels">
                {row.labels.slice(0, 3).map((l) => (
                  <span class="label-dot" key={l.id} style={{ background: l.color }} title={l.name} />
                ))}
              </span>
            )}
            <span class={`row__assignee${row.assignee ? '' : ' is-none'}`} title={row.assignee ? `Assigned to ${row.assignee.name}` : 'Unassigned'}>
              {row.assignee ? (
                <>
                  <Avatar id={row.assignee.id} name={row.assignee.name} size="sm" />
                  {row.assignee.id === meId ? 'You' : row.assignee.name}
                </>
              ) : (
                'Unassigned'
              )}
            </span>
          </div>
        </div>
      </a>
    </li>
  )
}
