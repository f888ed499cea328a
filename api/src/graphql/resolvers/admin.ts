import { requireAdmin, requireAgent } from '../../domain/access/index.ts'
import { createWebInbox, listInboxes, updateWebInbox } from '../../domain/inbox/index.ts'
import { createCannedResponse, deleteCannedResponse, listCannedResponses, updateCannedResponse } from '../../domain/canned-response/index.ts'
import { createLabel, listLabels } from '../../domain/label/index.ts'
import { addTeamMember, createTeam, listTeams, removeTeamMember } from '../../domain/team/index.ts'
import type { GqlContext } from '../context.ts'
import { definedArgs } from './types.ts'

type Input = { input: Record<string, unknown> }

/** The inbox's GraphQL `widget` input is stored as the inbox's settings. */
function inboxInput(input: Record<string, unknown>) {
  const { widget, ...rest } = definedArgs(input)
  return widget ? { ...rest, settings: definedArgs(widget as Record<string, unknown>) } : rest
}

export const adminResolvers = {
  Query: {
    inboxes: (_: unknown, __: unknown, ctx: GqlContext) => listInboxes(ctx.deps, requireAgent(ctx.viewer).accountId),
    teams: (_: unknown, __: unknown, ctx: GqlContext) => listTeams(ctx.deps, requireAgent(ctx.viewer).accountId),
    labels: (_: unknown, __: unknown, ctx: GqlContext) => listLabels(ctx.deps, requireAgent(ctx.viewer).accountId),
    cannedResponses: (_: unknown, args: { search?: string | null }, ctx: GqlContext) =>
      listCannedResponses(ctx.deps, requireAgent(ctx.viewer).accountId, args.search),
  },
  Mutation: {
    createWebInbox: (_: unknown, { input }: Input, ctx: GqlContext) => {
      const admin = requireAdmin(ctx.viewer)
      return createWebInbox(ctx.deps, { ...inboxInput(input), accountId: admin.accountId } as never)
    },
    updateWebInbox: (_: unknown, { input }: Input, ctx: GqlContext) =>
      updateWebInbox(ctx.deps, requireAdmin(ctx.viewer).accountId, inboxInput(input) as never),
    createTeam: (_: unknown, { input }: Input, ctx: GqlContext) => createTeam(ctx.deps, requireAdmin(ctx.viewer).accountId, input as never),
    addTeamMember: (_: unknown, { input }: Input, ctx: GqlContext) =>
      addTeamMember(ctx.deps, requireAdmin(ctx.viewer).accountId, input as never),
    removeTeamMember: (_: unknown, { input }: Input, ctx: GqlContext) =>
      removeTeamMember(ctx.deps, requireAdmin(ctx.viewer).accountId, input as never),
    createLabel: (_: unknown, { input }: Input, ctx: GqlContext) =>
      createLabel(ctx.deps, requireAdmin(ctx.viewer).accountId, definedArgs(input) as never),
    createCannedResponse: (_: unknown, { input }: Input, ctx: GqlContext) =>
      createCannedResponse(ctx.deps, requireAdmin(ctx.viewer).accountId, input),
    updateCannedResponse: (_: unknown, { input }: Input, ctx: GqlContext) =>
      updateCannedResponse(ctx.deps, requireAdmin(ctx.viewer).accountId, definedArgs(input)),
    deleteCannedResponse: (_: unknown, args: { id: string }, ctx: GqlContext) =>
      deleteCannedResponse(ctx.deps, requireAdmin(ctx.viewer).accountId, args.id),
  },
}
