import type { ListFilter } from './shapes.ts'

/** What decides whether a conversation belongs in a filtered list, and where. */
export interface RowFacts {
  status: string
  assigneeId: string | null
  inboxId: string
  teamId: string | null
  labels: string[]
  lastActivityAt: string
}

/** The API's filter semantics (domain/conversation/list.ts), evaluated on the client. */
export function matchesFilter(filter: ListFilter | null | undefined, row: RowFacts, meId: string): boolean {
  const f = filter ?? {}
  if (f.status && f.status.toLowerCase() !== row.status.toLowerCase()) return false
  if (f.assignee === 'ME' && row.assigneeId !== meId) return false
  if (f.assignee === 'UNASSIGNED' && row.assigneeId !== null) return false
  if (f.inboxId && f.inboxId !== row.inboxId) return false
  if (f.teamId && f.teamId !== row.teamId) return false
  if (f.label && !row.labels.includes(f.label)) return false
  return true
}

/**
 * A list page after a conversation changed: it leaves every page, and re-enters the first
 * page at its place by activity (newest first) when it still belongs. Null when unchanged.
 */
export function placeInList(
  keys: readonly string[],
  key: string,
  activityOf: (key: string) => string | undefined,
  belongs: boolean,
  firstPage: boolean,
): string[] | null {
  const without = keys.filter((k) => k !== key)
  if (!belongs || !firstPage) return without.length === keys.length ? null : without
  const mine = Date.parse(activityOf(key) ?? '') || 0
  let at = without.findIndex((k) => (Date.parse(activityOf(k) ?? '') || 0) <= mine)
  if (at < 0) at = without.length
  // A row that would land after the page's last one belongs to a later page: leave it there.
  if (at === without.length && without.length > 0 && !keys.includes(key)) return without.length === keys.length ? null : without
  const next = [...without.slice(0, at), key, ...without.slice(at)]
  return next.length === keys.length && next.every((k, i) => k === keys[i]) ? null : next
}
