import type { ComponentChildren } from 'preact'
import type { ConversationDetail, Directory } from '../client/shapes.ts'
import { AssigneeSelect, LabelPicker, PrioritySelect, TeamSelect, type useConversationActions } from '../conversation/actions.tsx'
import { Avatar } from '../ui/avatar.tsx'
import { contactName, dateTime, shortAge } from '../ui/format.ts'
import { Icon } from '../ui/icons.tsx'

const IDENTITY_LABEL: Record<string, string> = { VISITOR: 'Visitor id', USER: 'User id', EMAIL: 'Email', PHONE: 'Phone' }

/** Attributes the widget reports about the visitor's browser, shown with friendly names. */
const WIDGET_ATTRIBUTES: [string, string][] = [
  ['pageUrl', 'Page'],
  ['pageTitle', 'Page title'],
  ['referrer', 'Came from'],
  ['browser', 'Browser'],
  ['os', 'System'],
  ['userAgent', 'User agent'],
  ['timezone', 'Time zone'],
  ['locale', 'Language'],
]

/** The visitor's local time, from the time zone the widget reported. */
export function localTime(timezone: unknown, now = new Date()): string | null {
  if (typeof timezone !== 'string' || !timezone) return null
  try {
    return now.toLocaleTimeString(undefined, { timeZone: timezone, hour: '2-digit', minute: '2-digit' })
  } catch {
    return null
  }
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
  const known = new Set(WIDGET_ATTRIBUTES.map(([k]) => k))
  const custom = Object.entries(attrs).filter(([k]) => !known.has(k))
  const local = localTime(attrs.timezone)
  const name = contactName(contact, c.number)
  return (
    <aside class="panel" aria-label="Contact and conversation details">
      <header class="panel__contact">
        <button type="button" class="icon-btn panel__close" aria-label="Hide details" onClick={props.onClose}>
          <Icon name="x" size={16} />
        </button>
        <Avatar id={contact.id} name={name} size="lg" />
        <h2>{name}</h2>
        {contact.lastSeenAt && <p class="muted">{lastSeen(contact.lastSeenAt)}</p>}
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
          {local && (
            <Fact label="Local time" icon="clock">
              {local} <span class="muted">({show(attrs.timezone)})</span>
            </Fact>
          )}
          {WIDGET_ATTRIBUTES.filter(([k]) => k !== 'timezone' && attrs[k] != null && attrs[k] !== '').map(([k, label]) => (
            <Fact label={label} key={k} icon={k === 'pageUrl' ? 'web' : undefined}>
              <span class="fact__wrap">{show(attrs[k])}</span>
            </Fact>
          ))}
          <Fact label="First seen">{dateTime(contact.createdAt)}</Fact>
        </dl>
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
