import { getAgent, type Agent } from '../../domain/agent/index.ts'
import { getContact, listIdentities } from '../../domain/contact/index.ts'
import { countUnreadFor, listConversations, type Conversation } from '../../domain/conversation/index.ts'
import { getInbox, widgetSettingsOf, type Inbox } from '../../domain/inbox/index.ts'
import { labelsOfConversation } from '../../domain/label/index.ts'
import { listMessages, otherSidePositions, type Message } from '../../domain/message/index.ts'
import { agentPresence, visitorOnline } from '../../domain/presence/index.ts'
import { getTeam, listTeamMemberIds, listTeamsOfAgent, type Team } from '../../domain/team/index.ts'
import type { GqlContext } from '../context.ts'

type Args = Record<string, unknown>

async function agentById(ctx: GqlContext, accountId: string, id: string): Promise<Agent | null> {
  return ctx.memo(`agent:${id}`, () => getAgent(ctx.deps, accountId, id).catch(() => null))
}

function otherSide(ctx: GqlContext, c: Conversation) {
  const viewerType = ctx.viewer.type === 'agent' ? 'agent' : 'visitor'
  return ctx.memo(`positions:${c.id}`, () => otherSidePositions(ctx.deps, c.id, viewerType))
}

/** Field resolvers of the object types; root fields live beside their domain. */
export const typeResolvers = {
  Agent: {
    presence: (a: Agent, _: Args, ctx: GqlContext) => agentPresence(ctx.deps, a.id),
    teams: (a: Agent, _: Args, ctx: GqlContext) => listTeamsOfAgent(ctx.deps, a.id),
  },
  Team: {
    members: async (t: Team, _: Args, ctx: GqlContext) => {
      const ids = await listTeamMemberIds(ctx.deps, t.id)
      return (await Promise.all(ids.map((id) => agentById(ctx, t.accountId, id)))).filter(Boolean)
    },
  },
  Inbox: {
    widget: (i: Inbox) => widgetSettingsOf(i),
    identitySecret: (i: Inbox, _: Args, ctx: GqlContext) =>
      ctx.viewer.type === 'agent' && ctx.viewer.role === 'admin' ? i.identitySecret : null,
  },
  Contact: {
    conversations: async (c: { id: string }, args: Args, ctx: GqlContext) =>
      (await listConversations(ctx.deps, ctx.viewer, { contactId: c.id, first: (args.first as number | null) ?? 10 })).nodes,
    online: (c: { id: string }, _: Args, ctx: GqlContext) => visitorOnline(ctx.deps, c.id),
    identities: (c: { id: string }, _: Args, ctx: GqlContext) =>
      ctx.viewer.type === 'agent' ? listIdentities(ctx.deps, c.id) : [],
  },
  Conversation: {
    inbox: (c: Conversation, _: Args, ctx: GqlContext) => ctx.memo(`inbox:${c.inboxId}`, () => getInbox(ctx.deps, c.accountId, c.inboxId)),
    contact: (c: Conversation, _: Args, ctx: GqlContext) => ctx.memo(`contact:${c.contactId}`, () => getContact(ctx.deps, c.accountId, c.contactId)),
    assignee: (c: Conversation, _: Args, ctx: GqlContext) => (c.assigneeId ? agentById(ctx, c.accountId, c.assigneeId) : null),
    team: (c: Conversation, _: Args, ctx: GqlContext) =>
      c.teamId ? ctx.memo(`team:${c.teamId}`, () => getTeam(ctx.deps, c.accountId, c.teamId!)) : null,
    labels: (c: Conversation, _: Args, ctx: GqlContext) => labelsOfConversation(ctx.deps, c.id),
    lastMessage: async (c: Conversation, _: Args, ctx: GqlContext) => {
      const page = await listMessages(ctx.deps, ctx.viewer, { conversationId: c.id, first: 1 })
      return page.messages[0] ?? null
    },
    unreadCount: (c: Conversation, _: Args, ctx: GqlContext) =>
      ctx.viewer.type === 'agent' ? countUnreadFor(ctx.deps, ctx.viewer.agentId, c.id) : 0,
    readSeqOfOtherSide: async (c: Conversation, _: Args, ctx: GqlContext) => (await otherSide(ctx, c)).read,
    deliveredSeqOfOtherSide: async (c: Conversation, _: Args, ctx: GqlContext) => (await otherSide(ctx, c)).delivered,
    messages: async (c: Conversation, args: Args, ctx: GqlContext) => {
      const page = await listMessages(ctx.deps, ctx.viewer, { conversationId: c.id, ...definedArgs(args) })
      return { nodes: page.messages, hasMore: page.hasMore }
    },
  },
  Message: {
    // Visitors learn that an agent replied and the agent's name, not the agent's id.
    senderId: (m: Message, _: Args, ctx: GqlContext) => (ctx.viewer.type === 'agent' || m.senderType === 'visitor' ? m.senderId : null),
    senderName: async (m: Message, _: Args, ctx: GqlContext) => {
      if (m.senderType === 'agent' && m.senderId) return (await agentById(ctx, m.accountId, m.senderId))?.name ?? null
      if (m.senderType === 'visitor' && m.senderId) {
        const contact = await ctx.memo(`contact:${m.senderId}`, () => getContact(ctx.deps, m.accountId, m.senderId!))
        return contact.name ?? 'Visitor'
      }
      return m.senderType === 'bot' ? 'Bot' : null
    },
  },
}

/** GraphQL passes explicit nulls for omitted optional args with defaults absent; zod wants them gone. */
export function definedArgs(args: Args): Args {
  return Object.fromEntries(Object.entries(args).filter(([, v]) => v !== null && v !== undefined))
}
