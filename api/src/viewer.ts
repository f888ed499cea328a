/** Who is asking: resolved once per request or socket, then checked by every service. */
export type Viewer =
  | { type: 'agent'; agentId: string; accountId: string; role: 'admin' | 'agent'; sessionId: string }
  | { type: 'visitor'; contactId: string; accountId: string; inboxId: string; visitorId: string }
  | {
      type: 'anonymous'
      /** Why a presented token was not accepted, so the error can say so. */
      reason?: string
      /** The token is fine but the page's origin is not allowed for its inbox. */
      originRefused?: boolean
    }

export type AgentViewer = Extract<Viewer, { type: 'agent' }>
export type VisitorViewer = Extract<Viewer, { type: 'visitor' }>
