import type { ComponentChildren } from 'preact'
import type { ConversationDetail, Directory } from '../client/shapes.ts'
import { AssigneeSelect, LabelPicker, PrioritySelect, TeamSelect, type useConversationActions } from '../conversation/actions.tsx'
import { Avatar } from '../ui/avatar.tsx'
import { useNow } from '../shell/live.ts'
import { hrefOf, onLinkClick } from '../shell/router.ts'
import { contactName, dateTime, preview, shortAge, titleCase } from '../ui/format.ts'
import { Icon } from '../ui/icons.tsx'
import { browserOf, localTime, safeHttpUrl } from './visitor.ts'

const IDENTITY_LABEL: Record<string, string> = { VISITOR: 'Visitor id', USER: 'User id', EMAIL: 'Email', PHONE: 'Phone' }

/** Context the widget reports about the visitor's browser; shown in "Visitor", not as custom attributes. */
const CONTEXT_KEYS = new Set(['pageUrl', 'pageTitle', 'referrer', 'userAgent', 'timezone', 'locale', 'browser', 'os'])

/** A page the visitor was on: a link only for http(s), never followed or trusted. */
function PageLink(props: { url: unknown; title?: unknown }) {
  const href = safeHttpUrl(props.url)
  const text = typeof props.title === 'string' && props.title ? props.title : String(props.url)
  if (!href) return <span class="fact__wrap">{text}</span>
  return (
    <a class="fact__wrap" href={href} target="_blank" rel="noopener nofollow ugc" title={href}>
      {text}
    </a>
  )
}

function PreviousConversations(props: { c: ConversationDetail; now: number }) {
  const others = (props.c.contact.conversations ?? []).filter((o) => o.id !== props.c.id)
  if (others.length === 0) return <p class="muted small">No earlier conversations.</p>
  return (
    <ul class="previous">
      {others.map((o) => {
        const route = { name: 'inbox', conversationId: o.id } as const
        return (
          <li key={o.id}>
            <a href={hrefOf(route)} onClick={onLinkClick(route)} class="previous__link" aria-label={`Conversation #${o.number}, ${titleCase(o.status)}`}>
              <span class="previous__top">
                <strong>#{o.number}</strong>
                <span class={`status-pill status-pill--${o.status.toLowerCase()}`}>{titleCase(o.status)}</span>
                <time class="muted" dateTime={o.lastActivityAt}>
                  {shortAge(o.lastActivityAt, props.now)}
                </time>
              </span>
              <span class="previous__text muted">{o.lastMessage ? preview(o.lastMessage.body, 70) : 'No messages'}</span>
            </a>
          </li>
        )
      })}
    </ul>
  )
}

const lastSeen = (iso: string) => {
  const age = shortAge(iso)
  return age === 'now' ? 'Active now' : /\d[mhd]$/.test(age) ? `Last seen ${age} ago` : `Last seen ${age}`
}

const show = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v))

function Section(props: { title: string; children: ComponentChildren }) {
  return (
    <section class="panel__section">
      <h3>{props.title}</h3>
      {props.children}
    </section>
  )
}

function Fact(props: { label: string; children: ComponentChildren; icon?: Parameters<typeof Icon>[0]['name'] }) {
  return (
    <div class="fact">
      <dt>
        {props.icon && <Icon name={props.icon} size={14} />}
        {props.label}
      </dt>
      <dd>{props.children}</dd>
    </div>
  )
}

export function ContactPanel(props: { c: ConversationDetail; directory?: Directory; actions: ReturnType<typeof useConversationActions>; onClose(): void }) {
  const { c } = props
  const contact = c.contact
  const attrs = (contact.attributes ?? {}) as Record<string, unknown>
  const custom = Object.entries(attrs).filter(([k]) => !CONTEXT_KEYS.has(k))
  const now = useNow()
  const local = localTime(attrs.timezone, new Date(now))
  const browser = browserOf(attrs.userAgent) ?? (typeof attrs.browser === 'string' ? attrs.browser : null)
  const name = contactName(contact, c.number)
  const hasContext = !!(local || attrs.pageUrl || attrs.referrer || browser || attrs.locale)
  return (
    <aside class="panel" aria-label="Contact and conversation details">
      <header class="panel__contact">
        <button type="button" class="icon-btn panel__close" aria-label="Hide details" onClick={props.onClose}>
          <Icon name="x" size={16} />
        </button>
        <Avatar id={contact.id} name={name} size="lg" status={contact.online ? 'online' : 'offline'} />
        <h2>{name}</h2>
        <p class="muted presence-line">
          <span class={`dot dot--${contact.online ? 'online' : 'offline'}`} aria-hidden="true" />
          {contact.online ? 'Online now' : contact.lastSeenAt ? lastSeen(contact.lastSeenAt).replace('Active now', 'Offline') : 'Offline'}
        </p>
      </header>
      <Section title="Conversation">
        <div class="controls">
          <AssigneeSelect c={c} dir={props.directory} actions={props.actions} />
          <TeamSelect c={c} dir={props.directory} actions={props.actions} />
          <PrioritySelect c={c} actions={props.actions} />
          <LabelPicker c={c} dir={props.directory} actions={props.actions} />
        </div>
      </Section>
      <Section title="Contact">
        <dl class="facts">
          <Fact label="Email" icon="email">
            {contact.email ? <a href={`mailto:${contact.email}`}>{contact.email}</a> : <span class="muted">Not given</span>}
          </Fact>
          <Fact label="Phone" icon="sms">
            {contact.phone ?? <span class="muted">Not given</span>}
          </Fact>
          <Fact label="First seen">{dateTime(contact.createdAt)}</Fact>
        </dl>
      </Section>
      {hasContext && (
        <Section title="Visitor">
          <dl class="facts">
            {local && (
              <Fact label="Local time" icon="clock">
                {local} <span class="muted">({show(attrs.timezone)})</span>
              </Fact>
            )}
            {attrs.pageUrl != null && attrs.pageUrl !== '' && (
              <Fact label="Page" icon="web">
                <PageLink url={attrs.pageUrl} title={attrs.pageTitle} />
              </Fact>
            )}
            {attrs.referrer != null && attrs.referrer !== '' && (
              <Fact label="Came from">
                <PageLink url={attrs.referrer} />
              </Fact>
            )}
            {browser && (
              <Fact label="Browser">
                <span title={typeof attrs.userAgent === 'string' ? attrs.userAgent : undefined}>{browser}</span>
              </Fact>
            )}
            {typeof attrs.locale === 'string' && attrs.locale && <Fact label="Language">{attrs.locale}</Fact>}
          </dl>
        </Section>
      )}
      <Section title="Previous conversations">
        <PreviousConversations c={c} now={now} />
      </Section>
      <Section title="Identities">
        {contact.identities.length === 0 ? (
          <p class="muted small">No identities yet: an anonymous visitor.</p>
        ) : (
          <ul class="identities">
            {contact.identities.map((i) => (
              <li key={`${i.kind}:${i.value}`}>
                <span class="identities__kind">{IDENTITY_LABEL[i.kind] ?? i.kind}</span>
                <span class="identities__value">{i.value}</span>
                {i.verified ? (
                  <span class="verified" title="Verified with the identity secret">
                    <Icon name="shield" size={12} /> Verified
                  </span>
                ) : (
                  <span class="unverified" title="Not verified: the visitor could claim any value">
                    Unverified
                  </span>
                )}
              </li>
            ))}
          </ul>
        )}
      </Section>
      {custom.length > 0 && (
        <Section title="Attributes">
          <dl class="facts">
            {custom.map(([k, v]) => (
              <Fact label={k} key={k}>
                <span class="fact__wrap">{show(v)}</span>
              </Fact>
            ))}
          </dl>
        </Section>
      )}
      <Section title="Details">
        <dl class="facts">
          <Fact label="Started">{dateTime(c.createdAt)}</Fact>
          <Fact label="First reply">{c.firstReplyAt ? dateTime(c.firstReplyAt) : <span class="muted">Not yet</span>}</Fact>
          <Fact label="Waiting since">{c.waitingSince ? dateTime(c.waitingSince) : <span class="muted">Not waiting</span>}</Fact>
        </dl>
      </Section>
    </aside>
  )
}
