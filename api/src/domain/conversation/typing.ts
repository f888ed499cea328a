import { z } from 'zod'
import type { Deps } from '../../deps.ts'
import { EVENTS } from '../../events/index.ts'
import { parse } from '../../validate.ts'
import type { Viewer } from '../../viewer.ts'
import { requireSignedIn } from '../access/index.ts'
import { loadVisibleConversation } from './access.ts'

export const typingInput = z.object({ conversationId: z.uuid(), isTyping: z.boolean() }).strict()

/** Typing is ephemeral: published, never stored. */
export async function setTyping(deps: Deps, viewer: Viewer, input: unknown): Promise<boolean> {
  const v = requireSignedIn(viewer)
  const data = parse(typingInput, input)
  const c = await loadVisibleConversation(deps.db, v, data.conversationId)
  await deps.bus.publish({
    name: data.isTyping ? EVENTS.typingStarted : EVENTS.typingStopped,
    accountId: c.accountId,
    conversationId: c.id,
    inboxId: c.inboxId,
    actor: { type: v.type, id: v.type === 'agent' ? v.agentId : v.contactId },
  })
  return data.isTyping
}
