import { gql } from '@urql/core'

export const AGENT_FIELDS = gql`
  fragment AgentFields on Agent { id name email role active availability presence }
`

export const MESSAGE_FIELDS = gql`
  fragment MessageFields on Message {
    id conversationId seq clientMessageId senderType senderId senderName kind body metadata deliveryStatus createdAt
  }
`

/** Everything a row of the conversation list shows; events carry it so rows update in place. */
export const CONVERSATION_ROW = gql`
  fragment ConversationRow on Conversation {
    id number status priority snoozedUntil waitingSince firstReplyAt lastActivityAt lastSeq unreadCount createdAt
    inbox { id name channel }
    contact { id name email phone }
    assignee { id name }
    team { id name }
    labels { id name color }
    lastMessage { ...MessageFields }
  }
  ${MESSAGE_FIELDS}
`

export const ME = gql`
  query Me { me { ...AgentFields } }
  ${AGENT_FIELDS}
`

export const SIGN_IN = gql`
  mutation SignIn($input: SignInInput!) { signIn(input: $input) { token agent { ...AgentFields } } }
  ${AGENT_FIELDS}
`

export const SIGN_OUT = gql`mutation SignOut { signOut }`

export const SET_AVAILABILITY = gql`
  mutation SetAvailability($availability: Availability!) { setAvailability(availability: $availability) { id availability } }
`

export const CONVERSATIONS = gql`
  query Conversations($filter: ConversationFilter, $first: Int, $after: String) {
    conversations(filter: $filter, first: $first, after: $after) {
      nodes { ...ConversationRow }
      pageInfo { endCursor hasNextPage }
    }
  }
  ${CONVERSATION_ROW}
`

export const DIRECTORY = gql`
  query Directory {
    inboxes { id name channel }
    agents { ...AgentFields }
    teams { id name }
    labels { id name color }
  }
  ${AGENT_FIELDS}
`

export const CONVERSATION = gql`
  query Conversation($id: ID!) {
    conversation(id: $id) {
      ...ConversationRow
      readSeqOfOtherSide
      contact {
        id name email phone attributes online lastSeenAt createdAt identities { kind value verified }
        conversations(first: 6) { id number status lastActivityAt lastMessage { id body kind } }
      }
      messages(first: 40) { nodes { ...MessageFields } hasMore }
    }
  }
  ${CONVERSATION_ROW}
`

export const OLDER_MESSAGES = gql`
  query OlderMessages($id: ID!, $beforeSeq: Int!) {
    conversation(id: $id) { id messages(beforeSeq: $beforeSeq, first: 40) { nodes { ...MessageFields } hasMore } }
  }
  ${MESSAGE_FIELDS}
`

export const ACCOUNT_EVENTS = gql`
  subscription AccountEvents {
    accountEvents {
      name conversationId
      message { ...MessageFields }
      conversation { ...ConversationRow readSeqOfOtherSide }
      typing { actorType actorId isTyping }
      read { conversationId readerType readerId seq }
      presence { subjectType subjectId status }
      agent { ...AgentFields }
      actor { type id }
    }
  }
  ${CONVERSATION_ROW}
  ${AGENT_FIELDS}
`

export const SEND_MESSAGE = gql`
  mutation SendMessage($input: SendMessageInput!) { sendMessage(input: $input) { created message { ...MessageFields } } }
  ${MESSAGE_FIELDS}
`

export const MARK_READ = gql`
  mutation MarkRead($input: MarkReadInput!) { markRead(input: $input) { conversationId readerType seq } }
`

export const ACKNOWLEDGE_DELIVERY = gql`
  mutation AcknowledgeDelivery($input: AcknowledgeDeliveryInput!) { acknowledgeDelivery(input: $input) { conversationId seq } }
`

export const CONVERSATION_COUNTS = gql`
  query ConversationCounts($filter: ConversationFilter) { conversationCounts(filter: $filter) { mine unassigned all } }
`

const CANNED_FIELDS = gql`fragment CannedFields on CannedResponse { id shortCode content }`

export const CANNED_RESPONSES = gql`
  query CannedResponses($search: String) { cannedResponses(search: $search) { ...CannedFields } }
  ${CANNED_FIELDS}
`
export const CREATE_CANNED = gql`
  mutation CreateCanned($input: CreateCannedResponseInput!) { createCannedResponse(input: $input) { ...CannedFields } }
  ${CANNED_FIELDS}
`
export const UPDATE_CANNED = gql`
  mutation UpdateCanned($input: UpdateCannedResponseInput!) { updateCannedResponse(input: $input) { ...CannedFields } }
  ${CANNED_FIELDS}
`
export const DELETE_CANNED = gql`mutation DeleteCanned($id: ID!) { deleteCannedResponse(id: $id) }`

export const SET_TYPING = gql`mutation SetTyping($input: SetTypingInput!) { setTyping(input: $input) }`

export const ASSIGN = gql`
  mutation Assign($input: AssignConversationInput!) { assignConversation(input: $input) { ...ConversationRow } }
  ${CONVERSATION_ROW}
`

export const SET_STATUS = gql`
  mutation SetStatus($input: SetConversationStatusInput!) { setConversationStatus(input: $input) { ...ConversationRow } }
  ${CONVERSATION_ROW}
`

export const SET_PRIORITY = gql`
  mutation SetPriority($input: SetConversationPriorityInput!) { setConversationPriority(input: $input) { ...ConversationRow } }
  ${CONVERSATION_ROW}
`

export const SET_LABELS = gql`
  mutation SetLabels($input: SetConversationLabelsInput!) { setConversationLabels(input: $input) { ...ConversationRow } }
  ${CONVERSATION_ROW}
`

const INBOX_FIELDS = gql`
  fragment InboxFields on Inbox {
    id name channel websiteToken allowedDomains requireIdentityVerification identitySecret createdAt
    widget {
      color greeting launcherText position replyTime outOfOfficeMessage
      preChatForm { enabled requireEmail }
      businessHours { enabled timezone days { day open close } }
    }
  }
`

export const SETTINGS = gql`
  query Settings {
    inboxes { ...InboxFields }
    agents { ...AgentFields teams { id name } }
    teams { id name members { id name } }
    labels { id name color }
  }
  ${INBOX_FIELDS}
  ${AGENT_FIELDS}
`

export const CREATE_INBOX = gql`
  mutation CreateInbox($input: CreateWebInboxInput!) { createWebInbox(input: $input) { ...InboxFields } }
  ${INBOX_FIELDS}
`
export const UPDATE_INBOX = gql`
  mutation UpdateInbox($input: UpdateWebInboxInput!) { updateWebInbox(input: $input) { ...InboxFields } }
  ${INBOX_FIELDS}
`
export const CREATE_AGENT = gql`
  mutation CreateAgent($input: CreateAgentInput!) { createAgent(input: $input) { ...AgentFields teams { id name } } }
  ${AGENT_FIELDS}
`
export const UPDATE_AGENT = gql`
  mutation UpdateAgent($input: UpdateAgentInput!) { updateAgent(input: $input) { ...AgentFields } }
  ${AGENT_FIELDS}
`
export const CREATE_TEAM = gql`
  mutation CreateTeam($input: CreateTeamInput!) { createTeam(input: $input) { id name members { id name } } }
`
export const ADD_TEAM_MEMBER = gql`
  mutation AddTeamMember($input: TeamMemberInput!) { addTeamMember(input: $input) { id name members { id name } } }
`
export const REMOVE_TEAM_MEMBER = gql`
  mutation RemoveTeamMember($input: TeamMemberInput!) { removeTeamMember(input: $input) { id name members { id name } } }
`
export const CREATE_LABEL = gql`
  mutation CreateLabel($input: CreateLabelInput!) { createLabel(input: $input) { id name color } }
`

/** Read from the cache only: who a conversation is assigned to, for deciding whom to ping. */
export const CACHED_ASSIGNEE = gql`
  query CachedAssignee($id: ID!) { conversation(id: $id) { id assignee { id } } }
`
