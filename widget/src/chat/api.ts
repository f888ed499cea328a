import type { GqlResult } from '../transport/socket.ts'
import type { BusinessHours } from '../../../api/src/domain/inbox/business-hours.ts'

/** The operations the widget uses; see api/src/graphql/schema.graphql. */
const MESSAGE = 'id seq clientMessageId senderType senderName body deliveryStatus createdAt'

export const START_SESSION = `mutation($i:StartVisitorSessionInput!){startVisitorSession(input:$i){token visitorId contactId identityVerified agentsOnline withinBusinessHours inboxName widget{color greeting launcherText position replyTime preChatForm{enabled requireEmail} businessHours{enabled timezone days{day open close}} outOfOfficeMessage}}}`
export const VISITOR_CONVERSATIONS = `query{visitorConversations{id status lastActivityAt readSeqOfOtherSide deliveredSeqOfOtherSide}}`
export const MESSAGES = `query($id:ID!,$before:Int){messages(conversationId:$id,beforeSeq:$before,first:50){hasMore nodes{${MESSAGE}}}}`
export const START_CONVERSATION = `mutation{startConversation{id}}`
export const SEND = `mutation($i:SendMessageInput!){sendMessage(input:$i){created message{${MESSAGE}}}}`
export const EVENTS = `subscription($id:ID!,$after:Int){conversationEvents(conversationId:$id,afterSeq:$after){name message{${MESSAGE}} typing{actorType isTyping} read{readerType seq} delivered{readerType seq} presence{agentsOnline}}}`
export const MARK_READ = `mutation($i:MarkReadInput!){markRead(input:$i){seq}}`
export const ACK = `mutation($i:AcknowledgeDeliveryInput!){acknowledgeDelivery(input:$i){seq}}`
export const CONTACT = `mutation($i:VisitorContactInput!){updateVisitorContact(input:$i)}`
export const CONTEXT = `mutation($i:VisitorContextInput!){updateVisitorContext(input:$i)}`
export const TYPING = `mutation($i:SetTypingInput!){setTyping(input:$i)}`

export type SenderType = 'VISITOR' | 'AGENT' | 'BOT' | 'SYSTEM'

export interface ChatMessage {
  id: string
  seq: number
  clientMessageId: string | null
  senderType: SenderType
  senderName: string | null
  body: string
  deliveryStatus: 'STORED' | 'DELIVERED' | 'READ' | 'FAILED'
  createdAt: string
}

export interface WidgetSettings {
  color: string
  greeting: string
  launcherText: string
  position: 'LEFT' | 'RIGHT'
  replyTime: 'FEW_MINUTES' | 'FEW_HOURS' | 'A_DAY'
  preChatForm: { enabled: boolean; requireEmail: boolean }
  businessHours: BusinessHours
  /** Shown when no agent is available or outside business hours. */
  outOfOfficeMessage: string
}

/** Where the visitor is: agents see it in the contact panel. */
export interface VisitorContext {
  pageUrl?: string
  pageTitle?: string
  referrer?: string
  userAgent?: string
  timezone?: string
  locale?: string
}

export interface VisitorSession {
  token: string
  visitorId: string
  contactId: string
  identityVerified: boolean
  agentsOnline: boolean
  withinBusinessHours: boolean
  inboxName: string
  widget: WidgetSettings
}

export interface Identity {
  userId: string
  userHash?: string
  name?: string
  email?: string
  attributes?: Record<string, unknown>
}

/** fetch failed: offline, DNS, CORS refusal. Nothing is known about the outcome. */
export class NetworkError extends Error {}

export async function httpGql<T = any>(
  endpoint: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
  fetchImpl: typeof fetch = fetch,
): Promise<GqlResult<T>> {
  let res: Response
  try {
    res = await fetchImpl(endpoint, {
      method: 'POST',
      // The visitor is its bearer token alone: never a cookie (an agent signed in to the
      // console on the same site must not turn the widget into that agent).
      credentials: 'omit',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    })
  } catch (err) {
    throw new NetworkError(String((err as Error)?.message ?? err))
  }
  try {
    return (await res.json()) as GqlResult<T>
  } catch {
    throw new NetworkError(`unexpected ${res.status} response from ${endpoint}`)
  }
}

export const errorCode = (r: GqlResult) => r.errors?.[0]?.extensions?.code
