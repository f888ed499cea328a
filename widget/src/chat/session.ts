import { errorCode, httpGql, NetworkError, START_SESSION, VISITOR_CONVERSATIONS, type Identity, type VisitorContext, type VisitorSession } from './api.ts'

export type SessionOutcome =
  | { ok: true; session: VisitorSession }
  /** Nothing answered: try again later. */
  | { ok: false; reason: 'network'; message: string }
  /** The identity claim was refused (wrong or missing hash); the rest of the input was fine. */
  | { ok: false; reason: 'identity'; code?: string; message: string }
  /** The stored visitor token is expired or was signed with another secret. */
  | { ok: false; reason: 'stale-token' }
  /** The widget cannot work here: unknown website token, refused origin… */
  | { ok: false; reason: 'refused'; message: string }

export interface SessionInput {
  websiteToken: string
  visitorToken?: string
  identity?: Identity
  context?: VisitorContext
}

/** startVisitorSession over HTTP, its failures sorted by what the widget should do next. */
export async function startSession(endpoint: string, input: SessionInput, fetchImpl?: typeof fetch): Promise<SessionOutcome> {
  let r
  try {
    r = await httpGql<{ startVisitorSession: VisitorSession }>(endpoint, START_SESSION, { i: input }, undefined, fetchImpl)
  } catch (err) {
    if (err instanceof NetworkError) return { ok: false, reason: 'network', message: err.message }
    throw err
  }
  const session = r.data?.startVisitorSession
  if (session) return { ok: true, session }
  const err = r.errors?.[0]
  const message = err?.message ?? 'could not start a session'
  if (input.identity && err?.extensions?.field?.startsWith('identity')) return { ok: false, reason: 'identity', code: errorCode(r), message }
  if (input.visitorToken && errorCode(r) === 'UNAUTHENTICATED') return { ok: false, reason: 'stale-token' }
  return { ok: false, reason: 'refused', message }
}

export interface ConversationSummary {
  id: string
  lastActivityAt: string
  readSeqOfOtherSide: number
  deliveredSeqOfOtherSide: number
}

/** The visitor's conversations in this inbox, most recently active first. */
export async function visitorConversations(endpoint: string, token: string, fetchImpl?: typeof fetch): Promise<ConversationSummary[] | undefined> {
  const r = await httpGql(endpoint, VISITOR_CONVERSATIONS, {}, token, fetchImpl).catch(() => undefined)
  const list = r?.data?.visitorConversations as ConversationSummary[] | undefined
  return list && [...list].sort((a, b) => b.lastActivityAt.localeCompare(a.lastActivityAt))
}

/** The visitor's most recently active conversation in this inbox, if any (a new device, a verified user). */
export async function latestConversation(endpoint: string, token: string, fetchImpl?: typeof fetch): Promise<ConversationSummary | undefined> {
  return (await visitorConversations(endpoint, token, fetchImpl))?.[0]
}
