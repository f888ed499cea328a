import { z } from 'zod'
import type { Deps } from '../../deps.ts'
import { EVENTS, type ParleyEvent } from '../../events/index.ts'
import { parse } from '../../validate.ts'
import type { Viewer } from '../../viewer.ts'
import { requireSignedIn } from '../access/index.ts'
import { loadVisibleConversation } from './access.ts'

export const typingInput = z.object({ conversationId: z.uuid(), isTyping: z.boolean() }).strict()

interface TypingState {
  lastStartAt: number
  expiry: ReturnType<typeof setTimeout>
}

/** Who is typing where, per running API (typing is ephemeral and never stored). */
const typingStates = new WeakMap<Deps, Map<string, TypingState>>()

/**
 * Typing is published, never stored. A sender's "typing" goes out at most once per
 * TYPING_THROTTLE_MS however often the client reports it, and turns into "stopped" by itself
 * TYPING_EXPIRE_MS after the last report, so a client that vanishes leaves no stuck indicator.
 */
export async function setTyping(deps: Deps, viewer: Viewer, input: unknown): Promise<boolean> {
  const v = requireSignedIn(viewer)
  const data = parse(typingInput, input)
  const c = await loadVisibleConversation(deps.db, v, data.conversationId)
  const actorId = v.type === 'agent' ? v.agentId : v.contactId
  const event = (typing: boolean): ParleyEvent => ({
    name: typing ? EVENTS.typingStarted : EVENTS.typingStopped,
    accountId: c.accountId,
    conversationId: c.id,
    inboxId: c.inboxId,
    actor: { type: v.type, id: actorId },
  })
  let states = typingStates.get(deps)
  if (!states) typingStates.set(deps, (states = new Map()))
  const key = `${c.id}:${actorId}`
  const state = states.get(key)
  if (state) clearTimeout(state.expiry)

  if (!data.isTyping) {
    if (state) {
      states.delete(key)
      await deps.bus.publish(event(false))
    }
    return false
  }
  const now = Date.now()
  const publish = !state || now - state.lastStartAt >= deps.config.TYPING_THROTTLE_MS
  const expiry = setTimeout(() => {
    states.delete(key)
    deps.bus.publish(event(false)).catch(() => {})
  }, deps.config.TYPING_EXPIRE_MS)
  states.set(key, { lastStartAt: publish ? now : state!.lastStartAt, expiry })
  if (publish) await deps.bus.publish(event(true))
  return true
}
