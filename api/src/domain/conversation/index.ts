export { startConversation, listVisitorConversations } from './start.ts'
export {
  listConversations,
  countConversations,
  getConversation,
  countUnreadFor,
  type ConversationPage,
  type ConversationCounts,
} from './list.ts'
export {
  assignConversation,
  setConversationStatus,
  setConversationPriority,
  setConversationLabels,
  wakeSnoozedConversations,
} from './update.ts'
export { setTyping } from './typing.ts'
export { canSeeConversation, loadVisibleConversation } from './access.ts'
export { selectConversation } from './queries.ts'
export type { Conversation } from './schema.ts'
