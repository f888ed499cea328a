import { useMutation } from '@urql/preact'
import { useEffect, useState } from 'preact/hooks'
import { CREATE_INBOX, UPDATE_INBOX } from '../client/documents.ts'
import { Icon } from '../ui/icons.tsx'
import { EmptyState } from '../ui/states.tsx'
import { BusinessHoursEditor, hoursDraft, hoursInput, hoursProblem } from './business-hours.tsx'
import { Card, FormStatus, useSubmit, type InboxSettings, type SettingsData } from './shared.tsx'

/** The tag a customer pastes into their site (the widget loader's contract). */
export function widgetSnippet(origin: string, websiteToken: string): string {
  return `<script src="${origin}/widget.js" data-website-token="${websiteToken}" async></script>`
}

export function parseDomains(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((d) => d.trim())
    .filter(Boolean)
}

function CopyField(props: { label: string; value: string; multiline?: boolean; secret?: boolean }) {
  const id = `copy-${props.label.toLowerCase().replace(/\W+/g, '-')}`
  const [copied, setCopied] = useState(false)
  const [revealed, setRevealed] = useState(!props.secret)
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(props.value)
    } catch {
      // Clipboard refused (insecure origin): select the text so Ctrl+C works.
      const el = document.getElementById(id) as HTMLTextAreaElement | null
      el?.select()
    }
    setCopied(true)
    setTimeout(() => setCopied(false), 2000)
  }
  return (
    <div class="copy-field">
      <span class="copy-field__label">{props.label}</span>
      <div class="copy-field__box">
        {props.multiline ? (
          <textarea id={id} readOnly rows={2} value={props.value} aria-label={props.label} />
        ) : (
          <input id={id} readOnly value={revealed ? props.value : '•'.repeat(24)} aria-label={props.label} />
        )}
        {props.secret && (
          <button type="button" class="btn btn--ghost btn--small" onClick={() => setRevealed(!revealed)}>
            {revealed ? 'Hide' : 'Reveal'}
          </button>
        )}
        <button type="button" class="btn btn--secondary btn--small" onClick={copy} aria-label={`Copy ${props.label.toLowerCase()}`}>
          <Icon name={copied ? 'check' : 'copy'} size={14} /> {copied ? 'Copied' : 'Copy'}
        </button>
      </div>
    </div>
  )
}

function InboxEditor({ inbox }: { inbox: InboxSettings }) {
  const [, update] = useMutation(UPDATE_INBOX)
  const submit = useSubmit()
  const init = () => ({
    name: inbox.name,
    color: inbox.widget.color,
    greeting: inbox.widget.greeting,
    launcherText: inbox.widget.launcherText,
    position: inbox.widget.position,
    replyTime: inbox.widget.replyTime,
    preChat: inbox.widget.preChatForm.enabled,
    requireEmail: inbox.widget.preChatForm.requireEmail,
    domains: inbox.allowedDomains.join('\n'),
    verify: inbox.requireIdentityVerification,
    hours: hoursDraft(inbox.widget.businessHours),
    away: inbox.widget.outOfOfficeMessage ?? '',
  })
  const [f, setF] = useState(init)
  useEffect(() => setF(init()), [inbox.id])
  const set = (p: Partial<typeof f>) => setF({ ...f, ...p })
  const problem = hoursProblem(f.hours)
  const save = (e: Event) => {
    e.preventDefault()
    if (problem) return
    void submit.run(
      () =>
        update({
          input: {
            id: inbox.id,
            name: f.name.trim(),
            allowedDomains: parseDomains(f.domains),
            requireIdentityVerification: f.verify,
            widget: {
              color: f.color,
              greeting: f.greeting,
              launcherText: f.launcherText,
              position: f.position,
              replyTime: f.replyTime,
              preChatForm: { enabled: f.preChat, requireEmail: f.preChat && f.requireEmail },
              businessHours: hoursInput(f.hours),
              outOfOfficeMessage: f.away,
            },
          },
        }),
      'Saved. Visitors see the changes the next time the widget loads.',
    )
  }
  return (
    <div class="inbox-editor">
      <Card title="Install on your website">
        <p class="muted small">Paste this before the closing &lt;/body&gt; tag of every page where the chat should appear.</p>
        <CopyField label="Widget snippet" value={widgetSnippet(location.origin, inbox.websiteToken ?? '')} multiline />
      </Card>
      <form onSubmit={save}>
        <Card title="Appearance and greeting">
          <div class="form-grid">
            <label class="field">
              <span>Inbox name</span>
              <input value={f.name} onInput={(e) => set({ name: e.currentTarget.value })} required />
            </label>
            <label class="field">
              <span>Brand colour</span>
              <span class="color-input">
                <input type="color" value={f.color} onInput={(e) => set({ color: e.currentTarget.value })} aria-label="Brand colour picker" />
                <input value={f.color} onInput={(e) => set({ color: e.currentTarget.value })} aria-label="Brand colour hex" pattern="#[0-9a-fA-F]{6}" />
              </span>
            </label>
            <label class="field field--wide">
              <span>Greeting</span>
              <textarea rows={2} value={f.greeting} maxLength={500} onInput={(e) => set({ greeting: e.currentTarget.value })} />
            </label>
            <label class="field">
              <span>Launcher text</span>
              <input value={f.launcherText} maxLength={40} onInput={(e) => set({ launcherText: e.currentTarget.value })} />
            </label>
            <label class="field">
              <span>Position</span>
              <select class="select" value={f.position} onChange={(e) => set({ position: e.currentTarget.value as 'LEFT' | 'RIGHT' })}>
                <option value="RIGHT">Bottom right</option>
                <option value="LEFT">Bottom left</option>
              </select>
            </label>
            <label class="field">
              <span>Typical reply time</span>
              <select class="select" value={f.replyTime} onChange={(e) => set({ replyTime: e.currentTarget.value as typeof f.replyTime })}>
                <option value="FEW_MINUTES">In a few minutes</option>
                <option value="FEW_HOURS">In a few hours</option>
                <option value="A_DAY">In a day</option>
              </select>
            </label>
            <div class="widget-preview" style={{ '--brand': f.color } as Record<string, string>} aria-hidden="true">
              <div class="widget-preview__card">
                <strong>{f.name || 'Your inbox'}</strong>
                <p>{f.greeting}</p>
              </div>
              <span class={`widget-preview__launcher widget-preview__launcher--${f.position.toLowerCase()}`}>{f.launcherText}</span>
            </div>
          </div>
        </Card>
        <Card title="Pre-chat form">
          <label class="check">
            <input type="checkbox" checked={f.preChat} onChange={(e) => set({ preChat: e.currentTarget.checked })} />
            Ask for the visitor’s name before the chat starts
          </label>
          <label class="check">
            <input type="checkbox" checked={f.requireEmail} disabled={!f.preChat} onChange={(e) => set({ requireEmail: e.currentTarget.checked })} />
            Require an email address
          </label>
        </Card>
        <Card title="Business hours and away message">
          <BusinessHoursEditor value={f.hours} onChange={(hours) => set({ hours })} />
          <label class="field">
            <span>Away message (outside business hours, or when no agent is available)</span>
            <textarea rows={2} maxLength={500} value={f.away} onInput={(e) => set({ away: e.currentTarget.value })} placeholder="We're away right now. Leave a message and we'll reply by email." />
          </label>
          {problem && (
            <p class="banner banner--error" role="alert">
              {problem}
            </p>
          )}
        </Card>
        <Card title="Security">
          <label class="field">
            <span>Allowed domains (one a line; empty allows any)</span>
            <textarea rows={3} value={f.domains} onInput={(e) => set({ domains: e.currentTarget.value })} placeholder={'example.com\n*.example.com'} />
          </label>
          <label class="check">
            <input type="checkbox" checked={f.verify} onChange={(e) => set({ verify: e.currentTarget.checked })} />
            Require identity verification (HMAC of the user id with the secret below)
          </label>
          {inbox.identitySecret && <CopyField label="Identity verification secret" value={inbox.identitySecret} secret />}
        </Card>
        <div class="sticky-actions">
          <FormStatus error={submit.error} done={submit.done} />
          <button class="btn btn--primary" type="submit" disabled={submit.busy || !!problem}>
            Save changes
          </button>
        </div>
      </form>
    </div>
  )
}

export function InboxesSettings({ data }: { data: SettingsData }) {
  const [selected, setSelected] = useState<string | null>(data.inboxes[0]?.id ?? null)
  const [, create] = useMutation(CREATE_INBOX)
  const [name, setName] = useState('')
  const submit = useSubmit()
  const inbox = data.inboxes.find((i) => i.id === selected)
  return (
    <div class="inboxes">
      <div class="inboxes__list">
        <form
          class="form-row form-row--tight"
          onSubmit={async (e) => {
            e.preventDefault()
            const res = await create({ input: { name: name.trim() } })
            await submit.run(async () => res, 'Inbox created.')
            const id = (res.data as { createWebInbox?: { id: string } } | undefined)?.createWebInbox?.id
            if (id) {
              setSelected(id)
              setName('')
            }
          }}
        >
          <label class="field field--grow">
            <span>New website inbox</span>
            <input value={name} onInput={(e) => setName(e.currentTarget.value)} placeholder="Acme website" required />
          </label>
          <button class="btn btn--primary" type="submit" disabled={!name.trim()}>
            <Icon name="plus" size={15} /> Create
          </button>
        </form>
        <FormStatus error={submit.error} done={null} />
        {data.inboxes.length === 0 ? (
          <EmptyState icon="web" title="No inboxes yet" compact>
            Create a website inbox to get the chat snippet.
          </EmptyState>
        ) : (
          <ul class="pick-list" role="list">
            {data.inboxes.map((i) => (
              <li key={i.id}>
                <button type="button" class={`pick-list__item${i.id === selected ? ' is-active' : ''}`} aria-pressed={i.id === selected} onClick={() => setSelected(i.id)}>
                  <span class="swatch swatch--sm" style={{ background: i.widget.color }} />
                  <span>
                    <strong>{i.name}</strong>
                    <span class="muted small">{i.channel === 'WEB' ? 'Website' : i.channel.toLowerCase()}</span>
                  </span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
      {inbox ? <InboxEditor key={inbox.id} inbox={inbox} /> : null}
    </div>
  )
}
