import { useQuery } from '@urql/preact'
import { useEffect, useRef, useState } from 'preact/hooks'
import { CONVERSATION_COUNTS, CONVERSATIONS, DIRECTORY } from '../client/documents.ts'
import type { AssigneeFilter, ConversationRow, Directory, ListFilter, Status } from '../client/shapes.ts'
import { ConversationPane } from '../conversation/conversation-pane.tsx'
import { useShortcut } from '../shell/keyboard.tsx'
import { useCatchUp, useConsole } from '../shell/live.ts'
import { setTitleCount } from '../shell/notify.ts'
import { navigate } from '../shell/router.ts'
import { Icon } from '../ui/icons.tsx'
import { EmptyState } from '../ui/states.tsx'
import { ConversationList } from './conversation-list.tsx'

type Counts = { mine: number; unassigned: number; all: number }
const TABS: { id: AssigneeFilter; label: string; count: keyof Counts }[] = [
  { id: 'ME', label: 'Mine', count: 'mine' },
  { id: 'UNASSIGNED', label: 'Unassigned', count: 'unassigned' },
  { id: 'ANY', label: 'All', count: 'all' },
]
const SEARCH_DEBOUNCE_MS = 250

/** The value, once it has stopped changing for `ms`. */
function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value)
  useEffect(() => {
    const t = setTimeout(() => setSettled(value), ms)
    return () => clearTimeout(t)
  }, [value, ms])
  return settled
}

/** Mine / Unassigned / All numbers under the list's other filters; the cache drops them on relevant events. */
function useTabCounts(filter: Omit<ListFilter, 'assignee'>): Counts | undefined {
  const [{ data }, reexecute] = useQuery<{ conversationCounts: Counts }>({ query: CONVERSATION_COUNTS, variables: { filter } })
  useCatchUp(reexecute)
  return data?.conversationCounts
}

const countLabel = (n: number) => (n > 999 ? '999+' : String(n))
const STATUSES: { id: Status | ''; label: string }[] = [
  { id: 'OPEN', label: 'Open' },
  { id: 'PENDING', label: 'Pending' },
  { id: 'SNOOZED', label: 'Snoozed' },
  { id: 'RESOLVED', label: 'Resolved' },
  { id: '', label: 'All statuses' },
]

interface Prefs {
  tab: AssigneeFilter
  status: Status | ''
  inboxId: string
  teamId: string
  label: string
}
const PREFS_KEY = 'parley.console.list'
const DEFAULT_PREFS: Prefs = { tab: 'ME', status: 'OPEN', inboxId: '', teamId: '', label: '' }

function loadPrefs(): Prefs {
  try {
    return { ...DEFAULT_PREFS, ...(JSON.parse(localStorage.getItem(PREFS_KEY) ?? '{}') as Partial<Prefs>) }
  } catch {
    return DEFAULT_PREFS
  }
}

/** The agent's day: list of conversations on the left, the open one beside it. */
export function InboxView(props: { conversationId?: string }) {
  const [prefs, setPrefsState] = useState<Prefs>(loadPrefs)
  const [search, setSearch] = useState('')
  const [showFilters, setShowFilters] = useState(!!(prefs.inboxId || prefs.teamId || prefs.label))
  const [focusedId, setFocusedId] = useState<string | undefined>(props.conversationId)
  const searchRef = useRef<HTMLInputElement>(null)
  const listRef = useRef<HTMLDivElement>(null)
  const [{ data: dir }] = useQuery<Directory>({ query: DIRECTORY })

  const setPrefs = (p: Partial<Prefs>) =>
    setPrefsState((prev) => {
      const next = { ...prev, ...p }
      localStorage.setItem(PREFS_KEY, JSON.stringify(next))
      return next
    })

  const query = useDebounced(search.trim(), SEARCH_DEBOUNCE_MS)
  const shared = {
    status: prefs.status || null,
    inboxId: prefs.inboxId || null,
    teamId: prefs.teamId || null,
    label: prefs.label || null,
    ...(query ? { search: query } : {}),
  }
  const filter: ListFilter = { assignee: prefs.tab, ...shared }
  const counts = useTabCounts(shared)

  useEffect(() => setFocusedId(props.conversationId), [props.conversationId])

  const rowIds = () => [...(listRef.current?.querySelectorAll<HTMLElement>('.row') ?? [])].map((el) => el.dataset.id!)
  const move = (delta: number) => {
    const ids = rowIds()
    if (!ids.length) return
    const at = focusedId ? ids.indexOf(focusedId) : -1
    const next = ids[Math.min(ids.length - 1, Math.max(0, at + delta))]
    setFocusedId(next)
    // Real focus on the row's link: Enter then opens it natively, and screen readers follow.
    const link = listRef.current?.querySelector<HTMLAnchorElement>(`.row[data-id="${next}"] .row__link`)
    link?.focus({ preventScroll: true })
    link?.scrollIntoView({ block: 'nearest' })
  }
  useShortcut('j', () => move(1))
  useShortcut('k', () => move(-1))
  useShortcut('Enter', () => focusedId && navigate({ name: 'inbox', conversationId: focusedId }), !!focusedId && focusedId !== props.conversationId)
  useShortcut('/', () => searchRef.current?.focus())

  const activeFilters = [prefs.inboxId, prefs.teamId, prefs.label].filter(Boolean).length

  return (
    <div class={`inbox${props.conversationId ? ' has-conversation' : ''}`}>
      <UnreadTitle />
      <section class="inbox__list" aria-label="Conversations">
        <header class="list-header">
          <div class="list-header__top">
            <h1>Conversations</h1>
            <label class="visually-hidden" for="status-filter">
              Status
            </label>
            <select id="status-filter" class="select select--compact" value={prefs.status} onChange={(e) => setPrefs({ status: e.currentTarget.value as Status | '' })}>
              {STATUSES.map((s) => (
                <option value={s.id} key={s.id}>
                  {s.label}
                </option>
              ))}
            </select>
            <button
              type="button"
              class={`icon-btn${showFilters || activeFilters ? ' is-on' : ''}`}
              aria-label={`Filters${activeFilters ? ` (${activeFilters} active)` : ''}`}
              aria-expanded={showFilters}
              onClick={() => setShowFilters(!showFilters)}
              title="Filter by inbox, team or label"
            >
              <Icon name="tag" size={17} />
              {activeFilters > 0 && <span class="icon-btn__count">{activeFilters}</span>}
            </button>
          </div>
          <div class="tabs" role="tablist" aria-label="Assignee">
            {TABS.map((t) => (
              <button key={t.id} type="button" role="tab" class="tab" aria-selected={prefs.tab === t.id} onClick={() => setPrefs({ tab: t.id })}>
                {t.label}
                {counts && (
                  <span class="tab__count" aria-label={`${counts[t.count]} conversations`}>
                    {countLabel(counts[t.count])}
                  </span>
                )}
              </button>
            ))}
          </div>
          {showFilters && (
            <div class="filters">
              <select aria-label="Inbox" class="select select--compact" value={prefs.inboxId} onChange={(e) => setPrefs({ inboxId: e.currentTarget.value })}>
                <option value="">All inboxes</option>
                {dir?.inboxes.map((i) => (
                  <option key={i.id} value={i.id}>
                    {i.name}
                  </option>
                ))}
              </select>
              <select aria-label="Team" class="select select--compact" value={prefs.teamId} onChange={(e) => setPrefs({ teamId: e.currentTarget.value })}>
                <option value="">All teams</option>
                {dir?.teams.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.name}
                  </option>
                ))}
              </select>
              <select aria-label="Label" class="select select--compact" value={prefs.label} onChange={(e) => setPrefs({ label: e.currentTarget.value })}>
                <option value="">All labels</option>
                {dir?.labels.map((l) => (
                  <option key={l.id} value={l.name}>
                    {l.name}
                  </option>
                ))}
              </select>
            </div>
          )}
          <div class="search">
            <Icon name="search" size={16} />
            <input
              ref={searchRef}
              type="search"
              placeholder="Search people, #number, words  /"
              aria-label="Search conversations"
              value={search}
              onInput={(e) => setSearch(e.currentTarget.value)}
              onKeyDown={(e) => e.key === 'Escape' && (setSearch(''), e.currentTarget.blur())}
            />
          </div>
        </header>
        <div ref={listRef} class="inbox__scroll" role="tabpanel" aria-label={TABS.find((t) => t.id === prefs.tab)!.label}>
          <ConversationList filter={filter} activeId={props.conversationId} focusedId={focusedId} searching={!!query} label={`${TABS.find((t) => t.id === prefs.tab)!.label} conversations`} />
        </div>
      </section>
      {props.conversationId ? (
        <ConversationPane key={props.conversationId} id={props.conversationId} directory={dir} />
      ) : (
        <section class="pane pane--empty" aria-label="Conversation">
          <EmptyState icon="chat" title="Pick a conversation">
            Choose one from the list, or press <kbd>j</kbd> and <kbd>Enter</kbd>. Press <kbd>?</kbd> for all shortcuts.
          </EmptyState>
        </section>
      )}
    </div>
  )
}

/** The tab title counts open conversations with unread visitor messages that are mine or nobody's. */
function UnreadTitle() {
  const { me } = useConsole()
  const [{ data }, reexecute] = useQuery<{ conversations: { nodes: ConversationRow[] } }>({
    query: CONVERSATIONS,
    variables: { filter: { status: 'OPEN', assignee: 'ANY' }, first: 100, after: null },
  })
  useCatchUp(reexecute)
  const count = (data?.conversations.nodes ?? []).filter((c) => c.unreadCount > 0 && (!c.assignee || c.assignee.id === me.id)).length
  useEffect(() => setTitleCount(count), [count])
  useEffect(() => () => setTitleCount(0), [])
  return null
}
