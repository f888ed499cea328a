import { createAgent, getAgent, listAgents, setAvailability, updateAgent } from '../../domain/agent/index.ts'
import { requireAdmin, requireAgent } from '../../domain/access/index.ts'
import { revokeSession, signIn } from '../../domain/auth/index.ts'
import { EVENTS } from '../../events/index.ts'
import { parse } from '../../validate.ts'
import { z } from 'zod'
import type { GqlContext } from '../context.ts'
import { definedArgs } from './types.ts'

type Input = { input: Record<string, unknown> }

function publishAgentUpdated(ctx: GqlContext, accountId: string, agentId: string) {
  return ctx.deps.bus.publish({ name: EVENTS.agentUpdated, accountId, conversationId: '', inboxId: '', agentId })
}

export const agentResolvers = {
  Query: {
    me: (_: unknown, __: unknown, ctx: GqlContext) =>
      ctx.viewer.type === 'agent' ? getAgent(ctx.deps, ctx.viewer.accountId, ctx.viewer.agentId) : null,
    agents: (_: unknown, __: unknown, ctx: GqlContext) => listAgents(ctx.deps, requireAgent(ctx.viewer).accountId),
  },
  Mutation: {
    signIn: async (_: unknown, { input }: Input, ctx: GqlContext) => {
      const result = await signIn(ctx.deps, input as never, { ip: ctx.ip })
      ctx.cookies?.set(result.token, result.expiresAt)
      return result
    },
    signOut: async (_: unknown, __: unknown, ctx: GqlContext) => {
      if (ctx.viewer.type === 'agent' && ctx.token) await revokeSession(ctx.deps, ctx.token)
      ctx.cookies?.clear()
      return true
    },
    setAvailability: async (_: unknown, args: { availability: string }, ctx: GqlContext) => {
      const me = requireAgent(ctx.viewer)
      const agent = await setAvailability(ctx.deps, me.agentId, args.availability as never)
      await ctx.deps.bus.publish({
        name: EVENTS.presenceUpdated,
        accountId: me.accountId,
        conversationId: '',
        inboxId: '',
        presence: { subjectType: 'agent', subjectId: me.agentId, online: true },
      })
      await publishAgentUpdated(ctx, me.accountId, me.agentId)
      return agent
    },
    createAgent: (_: unknown, { input }: Input, ctx: GqlContext) => {
      const admin = requireAdmin(ctx.viewer)
      return createAgent(ctx.deps, { ...definedArgs(input), accountId: admin.accountId } as never)
    },
    updateAgent: async (_: unknown, { input }: Input, ctx: GqlContext) => {
      const admin = requireAdmin(ctx.viewer)
      const { id, ...rest } = definedArgs(input)
      const agent = await updateAgent(ctx.deps, admin.accountId, parse(z.uuid(), id, ['input', 'id']), rest as never)
      await publishAgentUpdated(ctx, admin.accountId, agent.id)
      return agent
    },
  },
}
