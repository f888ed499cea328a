/** The shapes the console's documents select (see documents.ts); the API's schema.graphql is the source. */
export type Role = 'ADMIN' | 'AGENT'
export type Availability = 'ONLINE' | 'AWAY' | 'OFFLINE'
export type Status = 'OPEN' | 'PENDING' | 'SNOOZED' | 'RESOLVED'
export type Priority = 'NONE' | 'LOW' | 'MEDIUM' | 'HIGH' | 'URGENT'
export type Channel = 'WEB' | 'EMAIL' | 'SMS'
export type SenderType = 'VISITOR' | 'AGENT' | 'BOT' | 'SYSTEM'
export type AssigneeFilter = 'ME' | 'UNASSIGNED' | 'ANY'

export interface Agent {
  id: string
  name: string
  email: string
  role: Role
  active: boolean
  availability: Availability
  /** What others see: the chosen availability while connected, else OFFLINE. */
  presence: Availability
  teams?: { id: string; name: string }[]
}

export interface Message {
  id: string
  conversationId: string
  seq: number
  clientMessageId: string | null
  senderType: SenderType
  senderId: string | null
  senderName: string | null
  kind: 'TEXT' | 'NOTE' | 'EVENT'
  body: string
  metadata: Record<string, unknown>
  deliveryStatus: string
  createdAt: string
}

export interface LabelRef {
  id: string
  name: string
  color: string
}

export interface ConversationRow {
  id: string
  number: number
  status: Status
  priority: Priority
  snoozedUntil: string | null
  waitingSince: string | null
  firstReplyAt: string | null
  lastActivityAt: string
  lastSeq: number
  unreadCount: number
  createdAt: string
  inbox: { id: string; name: string; channel: Channel }
  contact: { id: string; name: string | null; email: string | null; phone: string | null }
  assignee: { id: string; name: string } | null
  team: { id: string; name: string } | null
  labels: LabelRef[]
  lastMessage: Message | null
}

export interface ContactDetail {
  id: string
  name: string | null
  email: string | null
  phone: string | null
  attributes: Record<string, unknown>
  online: boolean
  conversations: { id: string; number: number; status: Status; lastActivityAt: string; lastMessage: { id: string; body: string; kind: string } | null }[]
  lastSeenAt: string | null
  createdAt: string
  identities: { kind: string; value: string; verified: boolean }[]
}

export interface ConversationDetail extends Omit<ConversationRow, 'contact'> {
  readSeqOfOtherSide: number
  contact: ContactDetail
  messages: { nodes: Message[]; hasMore: boolean }
}

export interface ListFilter {
  status?: Status | null
  assignee?: AssigneeFilter | null
  inboxId?: string | null
  teamId?: string | null
  label?: string | null
  search?: string | null
}

export interface CannedResponse {
  id: string
  shortCode: string
  content: string
}

export interface Directory {
  inboxes: { id: string; name: string; channel: Channel }[]
  agents: Agent[]
  teams: { id: string; name: string }[]
  labels: LabelRef[]
}
