import { useMutation } from '@urql/preact'
import { useEffect, useRef, useState } from 'preact/hooks'
import { errorMessage } from '../client/client.ts'
import { ASSIGN, SET_LABELS, SET_PRIORITY, SET_STATUS } from '../client/documents.ts'
import type { ConversationDetail, Directory, Priority, Status } from '../client/shapes.ts'
import { titleCase } from '../ui/format.ts'
import { Icon } from '../ui/icons.tsx'

const PRIORITIES: Priority[] = ['NONE', 'LOW', 'MEDIUM', 'HIGH', 'URGENT']

/** Snooze choices as agents think of them: later today, tomorrow morning, next week. */
export function snoozeOptions(now = new Date()): { label: string; until: Date }[] {
  const at = (days: number, hour: number) => {
    const d = new Date(now)
    d.setDate(d.getDate() + days)
    d.setHours(hour, 0, 0, 0)
    return d
  }
  const nextMonday = (() => {
    const days = ((8 - now.getDay()) % 7) || 7
    return at(days, 9)
  })()
  return [
    { label: 'For 1 hour', until: new Date(now.getTime() + 3600_000) },
    { label: 'For 4 hours', until: new Date(now.getTime() + 4 * 3600_000) },
    { label: 'Until tomorrow, 9:00', until: at(1, 9) },
    { label: 'Until next Monday, 9:00', until: nextMonday },
  ]
}

function usePopover() {
  const [open, setOpen] = useState(false)
  const root = useRef<HTMLDivElement>(null)
  useEffect(() => {
    if (!open) return
    const close = (e: MouseEvent) => !root.current?.contains(e.target as Node) && setOpen(false)
    const esc = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false)
    addEventListener('mousedown', close)
    addEventListener('keydown', esc)
    return () => {
      removeEventListener('mousedown', close)
      removeEventListener('keydown', esc)
    }
  }, [open])
  return { open, setOpen, root }
}

export function useConversationActions(c: ConversationDetail, onError: (m: string) => void) {
  const [assignState, assign] = useMutation(ASSIGN)
  const [statusState, setStatus] = useMutation(SET_STATUS)
  const [, setPriority] = useMutation(SET_PRIORITY)
  const [, setLabels] = useMutation(SET_LABELS)
  const report = (res: { error?: unknown }) => res.error && onError(errorMessage(res.error))
  return {
    busy: assignState.fetching || statusState.fetching,
    assign: (agentId: string | null) => assign({ input: { conversationId: c.id, agentId } }).then(report),
    assignTeam: (teamId: string | null) => assign({ input: { conversationId: c.id, teamId } }).then(report),
    status: (status: Status, snoozedUntil?: Date) =>
      setStatus({ input: { conversationId: c.id, status, snoozedUntil: snoozedUntil?.toISOString() } }).then(report),
    priority: (priority: Priority) => setPriority({ input: { conversationId: c.id, priority } }).then(report),
    labels: (labels: string[]) => setLabels({ input: { conversationId: c.id, labels } }).then(report),
  }
}

type Actions = ReturnType<typeof useConversationActions>

const PRESENCE_ORDER: Record<string, number> = { ONLINE: 0, AWAY: 1, OFFLINE: 2 }
const PRESENCE_WORD: Record<string, string> = { ONLINE: 'online', AWAY: 'away', OFFLINE: 'offline' }

/** Who can take it, available agents first; presence follows agent and presence events live. */
export function AssigneeSelect(props: { c: ConversationDetail; dir?: Directory; actions: Actions }) {
  const agents = (props.dir?.agents ?? [])
    .filter((a) => a.active || a.id === props.c.assignee?.id)
    .slice()
    .sort((a, b) => (PRESENCE_ORDER[a.presence] ?? 3) - (PRESENCE_ORDER[b.presence] ?? 3) || a.name.localeCompare(b.name))
  const current = agents.find((a) => a.id === props.c.assignee?.id)
  return (
    <label class="control">
      <span class="control__label">
        Assignee
        {current && (
          <span class="control__presence">
            <span class={`dot dot--${current.presence.toLowerCase()}`} aria-hidden="true" /> {PRESENCE_WORD[current.presence]}
          </span>
        )}
      </span>
      <select class="select" aria-label="Assignee" value={props.c.assignee?.id ?? ''} onChange={(e) => props.actions.assign(e.currentTarget.value || null)}>
        <option value="">Unassigned</option>
        {!current && props.c.assignee && <option value={props.c.assignee.id}>{props.c.assignee.name}</option>}
        {agents.map((a) => (
          <option key={a.id} value={a.id} data-presence={a.presence}>
            {a.presence === 'ONLINE' ? '● ' : a.presence === 'AWAY' ? '◐ ' : '○ '}
            {a.name} — {PRESENCE_WORD[a.presence] ?? a.presence.toLowerCase()}
            {a.active ? '' : ' (deactivated)'}
          </option>
        ))}
      </select>
    </label>
  )
}

export function TeamSelect(props: { c: ConversationDetail; dir?: Directory; actions: Actions }) {
  return (
    <label class="control">
      <span class="control__label">Team</span>
      <select class="select" aria-label="Team" value={props.c.team?.id ?? ''} onChange={(e) => props.actions.assignTeam(e.currentTarget.value || null)}>
        <option value="">No team</option>
        {props.dir?.teams.map((t) => (
          <option key={t.id} value={t.id}>
            {t.name}
          </option>
        ))}
      </select>
    </label>
  )
}

export function PrioritySelect(props: { c: ConversationDetail; actions: Actions }) {
  return (
    <label class="control">
      <span class="control__label">Priority</span>
      <select class="select" aria-label="Priority" value={props.c.priority} onChange={(e) => props.actions.priority(e.currentTarget.value as Priority)}>
        {PRIORITIES.map((p) => (
          <option key={p} value={p}>
            {p === 'NONE' ? 'No priority' : titleCase(p)}
          </option>
        ))}
      </select>
    </label>
  )
}

export function LabelPicker(props: { c: ConversationDetail; dir?: Directory; actions: Actions }) {
  const { open, setOpen, root } = usePopover()
  const current = props.c.labels.map((l) => l.name)
  const toggle = (name: string) => props.actions.labels(current.includes(name) ? current.filter((n) => n !== name) : [...current, name])
  return (
    <div class="control" ref={root}>
      <span class="control__label">Labels</span>
      <div class="chips">
        {props.c.labels.map((l) => (
          <span class="chip" key={l.id}>
            <span class="label-dot" style={{ background: l.color }} />
            {l.name}
            <button type="button" class="chip__x" aria-label={`Remove label ${l.name}`} onClick={() => toggle(l.name)}>
              <Icon name="x" size={12} />
            </button>
          </span>
        ))}
        <button type="button" class="chip chip--add" aria-haspopup="true" aria-expanded={open} onClick={() => setOpen(!open)}>
          <Icon name="plus" size={12} /> Add label
        </button>
      </div>
      {open && (
        <div class="menu" role="group" aria-label="Labels">
          {(props.dir?.labels ?? []).length === 0 && <p class="menu__empty">No labels yet. Admins create them in Settings → Labels.</p>}
          {props.dir?.labels.map((l) => (
            <label class="menu__item" key={l.id}>
              <input type="checkbox" checked={current.includes(l.name)} onChange={() => toggle(l.name)} />
              <span class="label-dot" style={{ background: l.color }} /> {l.name}
            </label>
          ))}
        </div>
      )}
    </div>
  )
}

export function StatusButtons(props: { c: ConversationDetail; actions: Actions }) {
  const { open, setOpen, root } = usePopover()
  const [custom, setCustom] = useState('')
  const resolved = props.c.status === 'RESOLVED'
  const snooze = (until: Date) => {
    setOpen(false)
    void props.actions.status('SNOOZED', until)
  }
  return (
    <div class="status-actions" ref={root}>
      <button type="button" class="btn btn--secondary btn--icon" aria-label="Snooze or mark pending" aria-haspopup="true" aria-expanded={open} onClick={() => setOpen(!open)} title="Snooze or mark pending">
        <Icon name="clock" size={16} />
      </button>
      {resolved ? (
        <button type="button" class="btn btn--primary" onClick={() => props.actions.status('OPEN')} disabled={props.actions.busy}>
          Reopen
        </button>
      ) : (
        <button type="button" class="btn btn--success" onClick={() => props.actions.status('RESOLVED')} disabled={props.actions.busy} aria-keyshortcuts="e">
          <Icon name="check" size={16} /> Resolve
        </button>
      )}
      {open && (
        <div class="menu menu--right" role="menu" aria-label="Snooze or mark pending">
          {props.c.status !== 'PENDING' && (
            <button type="button" role="menuitem" class="menu__item" onClick={() => (setOpen(false), void props.actions.status('PENDING'))}>
              Mark as pending <span class="muted small">· waiting on the customer</span>
            </button>
          )}
          {(props.c.status === 'PENDING' || props.c.status === 'SNOOZED') && (
            <button type="button" role="menuitem" class="menu__item" onClick={() => (setOpen(false), void props.actions.status('OPEN'))}>
              Reopen now
            </button>
          )}
          <div class="menu__sep" />
          <div class="menu__header">
            <strong>Snooze</strong>
            <span class="muted">Reopens by itself at the time you pick.</span>
          </div>
          {snoozeOptions().map((o) => (
            <button type="button" role="menuitem" class="menu__item" key={o.label} onClick={() => snooze(o.until)}>
              {o.label}
            </button>
          ))}
          <form
            class="menu__custom"
            onSubmit={(e) => {
              e.preventDefault()
              if (custom) snooze(new Date(custom))
            }}
          >
            <input type="datetime-local" aria-label="Snooze until a date and time" value={custom} onInput={(e) => setCustom(e.currentTarget.value)} />
            <button type="submit" class="btn btn--small btn--secondary" disabled={!custom}>
              Snooze
            </button>
          </form>
        </div>
      )}
    </div>
  )
}
