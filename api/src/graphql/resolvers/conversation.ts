import { z } from 'zod'
import { requireAgent } from '../../domain/access/index.ts'
import { getContact } from '../../domain/contact/index.ts'
import {
  assignConversation,
  countConversations,
  getConversation,
  listConversations,
  listVisitorConversations,
  setConversationLabels,
  setConversationPriority,
  setConversationStatus,
  setTyping,
  startConversation,
} from '../../domain/conversation/index.ts'
import { acknowledgeDelivery, listMessages, markRead, sendMessage } from '../../domain/message/index.ts'
import { parse } from '../../validate.ts'
import type { GqlContext } from '../context.ts'
import { definedArgs } from './types.ts'

type Input = { input: Record<string, unknown> }

function receipt(ctx: GqlContext, input: Record<string, unknown>, seq: number) {
  const v = ctx.viewer
  const readerId = v.type === 'agent' ? v.agentId : v.type === 'visitor' ? v.contactId : null
  return { conversationId: input.conversationId, readerType: v.type, readerId, seq }
}

export const conversationResolvers = {
  Query: {
    conversations: async (_: unknown, args: { filter?: Record<string, unknown>; first?: number; after?: string }, ctx: GqlContext) => {
      const page = await listConversations(ctx.deps, ctx.viewer, definedArgs({ ...definedArgs(args.filter ?? {}), first: args.first, after: args.after }))
      return { nodes: page.nodes, pageInfo: { endCursor: page.endCursor, hasNextPage: page.hasNextPage } }
    },
    conversationCounts: (_: unknown, args: { filter?: Record<string, unknown> }, ctx: GqlContext) =>
      countConversations(ctx.deps, ctx.viewer, definedArgs(args.filter ?? {})),
    conversation: (_: unknown, args: { id: string }, ctx: GqlContext) => getConversation(ctx.deps, ctx.viewer, args.id),
    messages: async (_: unknown, args: Record<string, unknown>, ctx: GqlContext) => {
      const page = await listMessages(ctx.deps, ctx.viewer, definedArgs(args))
      return { nodes: page.messages, hasMore: page.hasMore }
    },
    contact: (_: unknown, args: { id: string }, ctx: GqlContext) =>
      getContact(ctx.deps, requireAgent(ctx.viewer).accountId, parse(z.uuid(), args.id, ['id'])),
    visitorConversations: (_: unknown, __: unknown, ctx: GqlContext) => listVisitorConversations(ctx.deps, ctx.viewer),
  },
  Mutation: {
    startConversation: (_: unknown, __: unknown, ctx: GqlContext) => startConversation(ctx.deps, ctx.viewer),
    sendMessage: (_: unknown, { input }: Input, ctx: GqlContext) => sendMessage(ctx.deps, ctx.viewer, definedArgs(input)),
    markRead: async (_: unknown, { input }: Input, ctx: GqlContext) => receipt(ctx, input, await markRead(ctx.deps, ctx.viewer, input)),
    acknowledgeDelivery: async (_: unknown, { input }: Input, ctx: GqlContext) =>
      receipt(ctx, input, await acknowledgeDelivery(ctx.deps, ctx.viewer, input)),
    setTyping: (_: unknown, { input }: Input, ctx: GqlContext) => setTyping(ctx.deps, ctx.viewer, input),
    assignConversation: (_: unknown, { input }: Input, ctx: GqlContext) => assignConversation(ctx.deps, ctx.viewer, input),
    setConversationStatus: (_: unknown, { input }: Input, ctx: GqlContext) => setConversationStatus(ctx.deps, ctx.viewer, definedArgs(input)),
    setConversationPriority: (_: unknown, { input }: Input, ctx: GqlContext) => setConversationPriority(ctx.deps, ctx.viewer, input),
    setConversationLabels: (_: unknown, { input }: Input, ctx: GqlContext) => setConversationLabels(ctx.deps, ctx.viewer, input),
  },
}
