import { useQuery } from '@urql/preact'
import { useEffect, useRef, useState } from 'preact/hooks'
import { errorMessage } from '../client/client.ts'
import { CONVERSATIONS } from '../client/documents.ts'
import type { ConversationRow, ListFilter } from '../client/shapes.ts'
import { useCatchUp, useConsole, useNow } from '../shell/live.ts'
import { EmptyState, ErrorState, SkeletonRows, Spinner } from '../ui/states.tsx'
import { ConversationRowItem } from './conversation-row.tsx'

export const PAGE_SIZE = 25

type PageData = { conversations: { nodes: ConversationRow[]; pageInfo: { endCursor: string | null; hasNextPage: boolean } } }
type PageInfo = { endCursor: string | null; hasNextPage: boolean; count: number; fetching: boolean }

/**
 * One page of the list. Pages are separate cached queries (keyset cursors), so a list of
 * 10,000 conversations loads 25 at a time as the agent scrolls, and live updates touch
 * only the cached pages (see client/cache.ts).
 */
function ListPage(props: {
  filter: ListFilter
  after: string | null
  index: number
  activeId?: string
  focusedId?: string
  onInfo(index: number, info: PageInfo): void
}) {
  const { me } = useConsole()
  const now = useNow()
  const [{ data, fetching, error }, reexecute] = useQuery<PageData>({
    query: CONVERSATIONS,
    variables: { filter: props.filter, first: PAGE_SIZE, after: props.after },
  })
  useCatchUp(reexecute)
  const nodes = data?.conversations.nodes
  const pageInfo = data?.conversations.pageInfo
  useEffect(() => {
    props.onInfo(props.index, { endCursor: pageInfo?.endCursor ?? null, hasNextPage: !!pageInfo?.hasNextPage, count: nodes?.length ?? 0, fetching: fetching && !data })
  }, [pageInfo?.endCursor, pageInfo?.hasNextPage, nodes?.length, fetching, !!data])

  if (!data && fetching) return props.index === 0 ? <SkeletonRows label="Loading conversations" /> : <li class="list__more"><Spinner label="Loading more conversations" /></li>
  if (error && !data) {
    return props.index === 0 ? (
      <ErrorState title="Could not load conversations" message={errorMessage(error)} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />
    ) : (
      <li class="list__more">
        <button type="button" class="btn btn--ghost" onClick={() => reexecute({ requestPolicy: 'network-only' })}>
          Could not load more — retry
        </button>
      </li>
    )
  }
  return (
    <>
      {(nodes ?? []).map((row) => (
        <ConversationRowItem key={row.id} row={row} meId={me.id} now={now} active={row.id === props.activeId} focused={row.id === props.focusedId} />
      ))}
    </>
  )
}

const EMPTY: Record<string, { title: string; body: string }> = {
  ME: { title: 'Nothing assigned to you', body: 'Conversations you take or are given show up here. Check Unassigned for visitors waiting.' },
  UNASSIGNED: { title: 'No one is waiting', body: 'New conversations from your website appear here the moment a visitor writes.' },
  ANY: { title: 'No conversations yet', body: 'Add the chat widget to your website and conversations will start arriving here.' },
}

export function ConversationList(props: { filter: ListFilter; activeId?: string; focusedId?: string; searching: boolean; label: string }) {
  const [pages, setPages] = useState<(string | null)[]>([null])
  const [infos, setInfos] = useState<PageInfo[]>([])
  const sentinel = useRef<HTMLDivElement>(null)
  const key = JSON.stringify(props.filter)

  useEffect(() => {
    setPages([null])
    setInfos([])
  }, [key])

  const onInfo = (index: number, info: PageInfo) =>
    setInfos((prev) => {
      const next = prev.slice()
      next[index] = info
      return next
    })

  const last = infos[pages.length - 1]
  const canLoadMore = !!last && last.hasNextPage && !!last.endCursor && !last.fetching
  const loadMore = () => {
    if (canLoadMore && !pages.includes(last.endCursor)) setPages((p) => [...p, last.endCursor])
  }

  // Near the end of the scrolled list, fetch the next page (the button does the same by hand).
  const more = useRef(loadMore)
  more.current = loadMore
  useEffect(() => {
    const scroller = sentinel.current?.closest('.inbox__scroll')
    if (!scroller || !canLoadMore) return
    const onScroll = () => scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 300 && more.current()
    scroller.addEventListener('scroll', onScroll, { passive: true })
    return () => scroller.removeEventListener('scroll', onScroll)
  }, [canLoadMore, last?.endCursor])

  const loaded = infos.slice(0, pages.length)
  const total = loaded.reduce((n, i) => n + (i?.count ?? 0), 0)
  const settled = loaded.length === pages.length && loaded.every((i) => i && !i.fetching)
  const empty = EMPTY[props.filter.assignee ?? 'ANY'] ?? EMPTY.ANY!

  return (
    <div class="list" aria-label={props.label}>
      <ul class="list__rows" role="list" aria-busy={!settled}>
        {pages.map((after, i) => (
          <ListPage key={`${key}:${after ?? 'first'}`} index={i} after={after} filter={props.filter} activeId={props.activeId} focusedId={props.focusedId} onInfo={onInfo} />
        ))}
      </ul>
      {settled && total === 0 && props.searching && (
        <EmptyState icon="search" title={`Nothing matches “${props.filter.search}”`}>
          Search looks at contact names, emails and phones, #numbers and message words, within the tab and filters above.
        </EmptyState>
      )}
      {settled && total === 0 && !props.searching && (
        <EmptyState icon="inbox" title={props.filter.status && props.filter.status !== 'OPEN' ? `No ${props.filter.status.toLowerCase()} conversations` : empty.title}>
          {empty.body}
        </EmptyState>
      )}
      {canLoadMore && (
        <div ref={sentinel} class="list__more">
          <button type="button" class="btn btn--ghost" onClick={loadMore}>
            Load more
          </button>
        </div>
      )}
      {settled && total > 0 && !canLoadMore && total > PAGE_SIZE && <p class="list__end">That’s everything · {total} conversations</p>}
    </div>
  )
}
