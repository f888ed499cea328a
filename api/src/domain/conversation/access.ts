import type { Queryable } from '../../db/index.ts'
import { AppError, notFound } from '../../errors.ts'
import type { Viewer } from '../../viewer.ts'
import { requireSignedIn } from '../access/index.ts'
import { selectConversation } from './queries.ts'
import type { Conversation } from './schema.ts'

/** Whether `viewer` may see the conversation at all (subscriptions filter with this too). */
export function canSeeConversation(viewer: Viewer, c: Pick<Conversation, 'accountId' | 'contactId' | 'inboxId'>): boolean {
  if (viewer.type === 'agent') return c.accountId === viewer.accountId
  if (viewer.type === 'visitor') return c.contactId === viewer.contactId && c.inboxId === viewer.inboxId
  return false
}

/** Loads a conversation the viewer may see (see ensureVisible for the refusals). */
export async function loadVisibleConversation(
  q: Queryable,
  viewer: Viewer,
  id: string,
  opts: { lock?: boolean } = {},
): Promise<Conversation> {
  return ensureVisible(viewer, await selectConversation(q, id, opts))
}

/**
 * Passes a loaded conversation through when the viewer may see it. An agent of another
 * account learns nothing (NOT_FOUND); a visitor asking for someone else's is FORBIDDEN.
 */
export function ensureVisible<C extends Pick<Conversation, 'accountId' | 'contactId' | 'inboxId'>>(viewer: Viewer, c: C | undefined): C {
  const v = requireSignedIn(viewer)
  if (c && canSeeConversation(v, c)) return c
  if (c && v.type === 'visitor') throw new AppError('FORBIDDEN', 'conversationId: this conversation belongs to someone else')
  throw notFound('conversation')
}
